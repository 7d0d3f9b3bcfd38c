// The selected run: progress and cancel while it runs; then its verdict in words and numbers, the memory graph
// per TaskManager with the limit and the events, the back-pressure heat map and the events table, all linked.
import { useMemo, useRef, useState } from 'react';
import type { RunSummary } from '../../../shared/contract/lab-entities';
import { verdictSentence } from '../../../shared/domain/lab/verdict-sentence';
import type { ChartSeries, TimeRange } from '../../../shared/report/chart/chart-series';
import { formatBytes } from '../../../shared/sim/analysis/format-bytes';
import { METRIC } from '../../../shared/sim/engine/metric-names';
import { BackPressureHeatmap } from '../../charts/BackPressureHeatmap';
import { EventsTable } from '../../charts/EventsTable';
import { graphMetric, limitLineFor } from '../../charts/graph-metrics';
import { MetricSwitcher } from '../../charts/MetricSwitcher';
import { TimeSeriesChart } from '../../charts/TimeSeriesChart';
import { VerdictChip } from '../../charts/VerdictChip';
import { queuePositionOf } from '../../state/run-queue-position';
import { usePeel } from '../../state/store';
import { formatUtc } from '../../ui/format-time';
import { RealBadge } from '../../ui/RealBadge';
import { NotImportedNotice } from '../imports/NotImportedNotice';
import { formatRunClock } from './params-summary';
import { queuedWords } from './queue-words';
import { useResultIntoView } from './use-result-into-view';

/** Value-axis width shared by the memory chart and the heat map, so their time axes line up. */
const GUTTER = 170;

function RunProgress({ run }: { run: RunSummary }) {
  const fraction = usePeel((s) => s.runProgress[run.id] ?? 0);
  const cancel = usePeel((s) => s.cancelRun);
  const queue = usePeel((s) => s.runQueue);
  const position = queuePositionOf(queue, run.id);
  if (position !== null && queue) {
    // Waiting for a worker: nothing has run yet, and cancelling leaves only the cancellation on the record.
    return (
      <div className="run-progress run-queued" data-queue-position={position}>
        <span>
          <b>{queuedWords(position).replace(/^q/, 'Q')}</b>{' '}
          <span className="muted small">
            waits for one of the {queue.slots} simulation workers ({queue.running.length} busy)
          </span>
        </span>
        <button type="button" className="button small" onClick={() => void cancel(run.id)}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <div className="run-progress">
      <progress max={1} value={fraction} aria-label={`Run #${run.seq} progress`} />
      <span className="small">
        simulated {formatRunClock(fraction * run.durationSec)} of {formatRunClock(run.durationSec)}
      </span>
      <button type="button" className="button small" onClick={() => void cancel(run.id)}>
        Cancel
      </button>
    </div>
  );
}

/** Discarding frees the run's disk space; its results and audit events stay and its graphs are re-derived. */
function DiscardData({ run }: { run: RunSummary }) {
  const discard = usePeel((s) => s.discardRunData);
  if (run.dataDiscarded) {
    return (
      <span
        className="muted small"
        title="Its graphs and events are re-simulated from its recorded seed when shown."
      >
        data discarded {formatUtc(run.dataDiscarded.at)} by {run.dataDiscarded.by}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="button small"
      title="Remove this run's series, plan and events from disk. Its results and audit events stay; its graphs are re-simulated from its recorded seed when shown."
      onClick={() => void discard(run.id)}
    >
      Discard run data
    </button>
  );
}

/** Peel's reading of a completed run: the verdict's sentence, the analysis and the run's figures. */
function VerdictCard({ run, rssShown }: { run: RunSummary; rssShown: boolean }) {
  return (
    <div className="verdict-card">
      <strong>{verdictSentence(run)}</strong>
      {run.summary && <span className="muted small verdict-analysis">analysis: {run.summary}</span>}
      <div className="figures">
        <span>
          {run.verdict === 'blip' ? 'kept after a restart' : 'retained per restart'}{' '}
          <b>{run.retainedBytesPerRestart ? formatBytes(run.retainedBytesPerRestart) : '0'}</b>
        </span>
        <span>
          restarts <b>{run.restarts}</b>
        </span>
        <span>
          OOMs <b>{run.ooms}</b>
        </span>
        <span>
          full GCs <b>{run.fullGcs}</b>
        </span>
        <span>
          peak direct <b>{run.peakDirectBytes !== null ? formatBytes(run.peakDirectBytes) : '?'}</b>
          {run.directLimitBytes ? ` of ${formatBytes(run.directLimitBytes)}` : ''}
        </span>
        <span>
          peak RSS{' '}
          <b>
            {!rssShown ? 'not imported' : run.peakRssBytes !== null ? formatBytes(run.peakRssBytes) : '?'}
          </b>
        </span>
        {rssShown && run.residentVerdict && run.residentVerdict !== run.verdict && (
          <span>
            resident memory <b>{run.residentVerdict}</b>
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * A run's result: its verdict and figures, its graphs per metric, its back pressure, its events. As a drill's
 * dashboard (`dashboard`), the graphs come first and Peel's reading waits, folded, below them: a trainee looks
 * before being told what the graph shows (rule 3), and the graph is in view on the first screen.
 */
export function RunPanel({ run, dashboard = false }: { run: RunSummary; dashboard?: boolean }) {
  const detail = usePeel((s) => s.runDetails[run.id]);
  const view = usePeel((s) => s.runSeries[run.id]);
  const loading = usePeel((s) => s.seriesLoading[run.id] ?? false);
  const heatmap = usePeel((s) => s.heatmaps[run.id] ?? null);
  const metricId = usePeel((s) => s.metric);
  const setMetric = usePeel((s) => s.setMetric);
  const loadRunSeries = usePeel((s) => s.loadRunSeries);
  const [window, setWindow] = useState<TimeRange | null>(null);
  const metric = graphMetric(metricId);
  const series = useMemo<ChartSeries[]>(
    () =>
      (view?.metric === metricId ? view.series : []).map(({ taskManager, data }) => ({
        id: taskManager,
        label: taskManager,
        timesSec: data.timesSec,
        values: data.values,
      })),
    [view, metricId],
  );
  const notImported = view?.metric === metricId ? view.notImported : [];
  // A real run has resident memory only when it was imported: no RSS series is "not imported", never 0 B.
  const rssShown =
    run.origin !== 'real' ||
    (detail?.seriesKeys.some((key) => key.endsWith(`/${METRIC.residentMemory}`)) ?? true);
  // The direct limit is in the run's summary too, so the first paint has it before the detail arrives.
  const limit = limitLineFor(metric, {
    directBytes: detail?.plan.directLimitBytes ?? run.directLimitBytes,
    containerBytes: detail?.plan.containerLimitBytes,
    heapBytes: detail?.plan.memory.jvmHeap,
  });
  const domain = { fromSec: 0, toSec: run.durationSec };
  const syncKey = `run-${run.id}`;
  const panelRef = useRef<HTMLElement>(null);
  useResultIntoView(run, panelRef);
  return (
    <section className="card run-panel" aria-labelledby="run-title" ref={panelRef}>
      <header className="run-header">
        <h2 id="run-title" className="card-title">
          Run #{run.seq}
          {run.origin === 'real' && <RealBadge />}
          <span className="muted small">
            started {formatUtc(run.startedAt)} by {run.startedBy}
          </span>
        </h2>
        {run.status === 'completed' && !dashboard && <VerdictChip verdict={run.verdict} />}
        {run.status === 'completed' && <DiscardData run={run} />}
      </header>
      {run.status === 'running' && <RunProgress run={run} />}
      {(run.status === 'failed' || run.status === 'cancelled') && (
        <p className="muted">
          This run was {run.status}
          {run.error ? `: ${run.error}` : '.'}
        </p>
      )}
      {run.status === 'completed' && (
        <>
          {!dashboard && <VerdictCard run={run} rssShown={rssShown} />}
          <MetricSwitcher value={metricId} onChange={setMetric} />
          {notImported.length > 0 && (
            <NotImportedNotice
              metric={metric}
              runSeq={run.seq}
              taskManagers={notImported}
              shown={series.length}
            />
          )}
          {(notImported.length === 0 || series.length > 0) && (
            <TimeSeriesChart
              title={metric.title}
              subtitle={`per TaskManager · run #${run.seq} · ${metric.hint}`}
              series={series}
              unit={metric.unit}
              limits={limit ? [limit] : []}
              events={detail?.events ?? []}
              domain={domain}
              view={window}
              wallClockStartMs={run.startedAt}
              syncKey={syncKey}
              gutter={GUTTER}
              loading={loading}
              exportName={`run-${run.seq}-${metric.id}`}
              onRangeChange={(fromSec, toSec) => {
                const whole = fromSec <= 0 && toSec >= run.durationSec;
                void loadRunSeries(run.id, whole ? null : { fromSec, toSec });
              }}
            />
          )}
          <BackPressureHeatmap
            title="Back pressure by operator"
            subtitle="backPressuredTimeMsPerSecond, highest subtask per column"
            heatmap={heatmap}
            domain={domain}
            view={window}
            syncKey={syncKey}
            gutter={GUTTER}
            layers={detail?.plan.layers}
            exportName={`run-${run.seq}-back-pressure`}
          />
          {dashboard && (
            <details className="run-details dashboard-reading">
              <summary>
                Peel's reading of run #{run.seq}{' '}
                <span className="muted small">(look at the graphs first)</span>
              </summary>
              <VerdictCard run={run} rssShown={rssShown} />
            </details>
          )}
          {detail && (
            <details className="run-details">
              <summary>Events ({detail.events.length}) and per-TaskManager verdicts</summary>
              <EventsTable
                events={detail.events}
                dropped={detail.eventsDropped}
                onSelectTime={(t) =>
                  setWindow({ fromSec: Math.max(0, t - 900), toSec: Math.min(run.durationSec, t + 900) })
                }
              />
              <table className="tm-verdicts">
                <thead>
                  <tr>
                    <th scope="col">TaskManager</th>
                    <th scope="col">Verdict</th>
                    <th scope="col">Retained per restart</th>
                    <th scope="col">Restarts in place</th>
                    <th scope="col">Fresh JVMs</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.taskManagers.map((tm) => (
                    <tr key={tm.id}>
                      <td>{tm.id}</td>
                      <td>
                        <VerdictChip verdict={tm.verdict} /> <span className="muted small">{tm.summary}</span>
                      </td>
                      <td>
                        {tm.retainedBytesPerRestart > 0 ? formatBytes(tm.retainedBytesPerRestart) : '0'}
                      </td>
                      <td>{tm.restartsSec.length}</td>
                      <td>{tm.freshStartsSec.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </>
      )}
    </section>
  );
}
