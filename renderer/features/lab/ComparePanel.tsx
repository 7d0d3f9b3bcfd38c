// Runs compared on one metric: overlay, small multiples or difference (all aligned at each run's start), with
// each run's verdict beside it and, in words, what changed between them and what that did.
import { useMemo } from 'react';
import type { Experiment } from '../../../shared/contract/lab-entities';
import { CompareCharts } from '../../charts/CompareCharts';
import type { CompareRun } from '../../charts/compare-runs';
import { graphMetric, limitLineFor } from '../../charts/graph-metrics';
import { MetricSwitcher } from '../../charts/MetricSwitcher';
import { spliceWindow } from '../../charts/splice-window';
import { allRuns, experimentOf } from '../../state/lab-runs';
import { usePeel } from '../../state/store';
import { NotImportedNotice } from '../imports/NotImportedNotice';

export function ComparePanel() {
  const lab = usePeel((s) => s.lab);
  const comparison = usePeel((s) => s.comparison);
  const runSeries = usePeel((s) => s.runSeries);
  const details = usePeel((s) => s.runDetails);
  const metricId = usePeel((s) => s.metric);
  const mode = usePeel((s) => s.compareMode);
  const setMode = usePeel((s) => s.setCompareMode);
  const setMetric = usePeel((s) => s.setMetric);
  const close = usePeel((s) => s.closeComparison);
  const metric = graphMetric(metricId);
  const seriesLoading = usePeel((s) => s.seriesLoading);
  const windowSeries = usePeel((s) => s.compareWindowSeries);
  const loadWindow = usePeel((s) => s.loadComparisonWindow);
  // The overlay is built once with every run's series, not rebuilt as each run's arrive (a chart per arrival).
  const waiting =
    comparison?.runIds.some(
      (runId) => runSeries[runId]?.metric !== metricId && seriesLoading[runId] === true,
    ) ?? false;
  // While waiting, the runs are drawn with no series whatever has arrived: each arrival must not redraw the chart.
  const seriesShown = waiting ? null : runSeries;
  const runs = useMemo<CompareRun[]>(() => {
    if (!comparison || !lab) return [];
    const byId = new Map(allRuns(lab).map((run) => [run.id, run]));
    return comparison.runIds.flatMap((runId) => {
      const run = byId.get(runId);
      const experiment: Experiment | undefined = experimentOf(lab, runId);
      const view = seriesShown?.[runId];
      const detail = details[runId];
      if (!run || !experiment) return [];
      // A zoomed window's finer series, set into the whole run's where both are here.
      const zoomed = windowSeries[runId];
      const finer =
        zoomed?.metric === metricId && zoomed.fromSec !== null && zoomed.toSec !== null ? zoomed : null;
      const fine = new Map(finer?.series.map((s) => [s.taskManager, s.data]) ?? []);
      return [
        {
          runId,
          label: `Run #${run.seq}`,
          detail: `#${experiment.seq} ${experiment.label}`,
          verdict: run.verdict,
          summary: run.summary,
          real: run.origin === 'real',
          wallClockStartMs: run.startedAt,
          durationSec: run.durationSec,
          series:
            view?.metric === metricId
              ? view.series.map((s) => {
                  const window = fine.get(s.taskManager);
                  const data =
                    window && finer ? spliceWindow(s.data, window, finer.fromSec!, finer.toSec!) : s.data;
                  return { taskManager: s.taskManager, timesSec: data.timesSec, values: data.values };
                })
              : [],
          // The direct limit is in the run's summary: the first paint does not wait for the detail.
          limit: limitLineFor(metric, {
            directBytes: detail?.plan.directLimitBytes ?? run.directLimitBytes,
            containerBytes: detail?.plan.containerLimitBytes,
            heapBytes: detail?.plan.memory.jvmHeap,
          }),
          events: detail?.events ?? [],
        },
      ];
    });
  }, [comparison, lab, seriesShown, windowSeries, details, metricId, metric]);
  const longest = runs.reduce((most, run) => Math.max(most, run.durationSec), 0);
  // Real runs compared on a metric they did not import: said beside the chart, never an error.
  const missing = useMemo(() => {
    if (!comparison || !lab) return [];
    const byId = new Map(allRuns(lab).map((run) => [run.id, run]));
    return comparison.runIds.flatMap((runId) => {
      const view = runSeries[runId];
      const run = byId.get(runId);
      if (!run || view?.metric !== metricId || view.notImported.length === 0) return [];
      return [{ seq: run.seq, taskManagers: view.notImported, shown: view.series.length }];
    });
  }, [comparison, lab, runSeries, metricId]);
  if (!comparison) return null;
  return (
    <section className="card compare-panel" aria-labelledby="compare-title">
      <header className="run-header">
        <h2 id="compare-title" className="card-title">
          Comparing {comparison.runIds.length} runs
        </h2>
        <button type="button" className="icon-button" aria-label="Close the comparison" onClick={close}>
          ×
        </button>
      </header>
      <ul className="compare-statements">
        {comparison.statements.map((statement) => (
          <li key={statement}>{statement}</li>
        ))}
      </ul>
      <MetricSwitcher value={metricId} onChange={setMetric} />
      {missing.map(({ seq, taskManagers, shown }) => (
        <NotImportedNotice key={seq} metric={metric} runSeq={seq} taskManagers={taskManagers} shown={shown} />
      ))}
      <CompareCharts
        runs={runs}
        metric={metric}
        mode={mode}
        onModeChange={setMode}
        syncKey="compare"
        // A settled zoom asks every run for its series over the window, at the plot's resolution.
        onRangeChange={(fromSec, toSec) =>
          void loadWindow(fromSec <= 0 && toSec >= longest ? null : { fromSec, toSec })
        }
      />
    </section>
  );
}
