// Compares several runs of one metric, each aligned at its own t = 0: overlay (one hue per run, TaskManagers as
// shades, legend by run), small multiples (one chart per run, one value scale, linked zoom) and the difference
// B - A per TaskManager. Each run's verdict chip and summary sit beside it.
import './graphs.css';
import { type ReactNode, useId, useMemo, useState } from 'react';
import type { TimeRange } from '../../shared/report/chart/chart-series';
import { RealBadge } from '../ui/RealBadge';
import { useChartTheme } from './chart-theme';
import { type CompareRun, differenceData, overlayData, runSeries, sharedValueRange } from './compare-runs';
import type { ExportedFile } from './export-file';
import type { GraphMetric } from './graph-metrics';
import { Segmented } from './MetricSwitcher';
import { TimeSeriesChart } from './TimeSeriesChart';
import { RunVerdict } from './VerdictChip';

export type CompareMode = 'overlay' | 'multiples' | 'difference';

export interface CompareChartsProps {
  runs: readonly CompareRun[];
  metric: GraphMetric;
  mode?: CompareMode;
  onModeChange?: (mode: CompareMode) => void;
  /** Ids of the runs subtracted (B - A); by default the first two. */
  difference?: { aRunId: string; bRunId: string };
  onDifferenceChange?: (pair: { aRunId: string; bRunId: string }) => void;
  /** Seconds from each run's start; by default the longest run. */
  domain?: TimeRange;
  view?: TimeRange | null;
  onRangeChange?: (fromSec: number, toSec: number) => void;
  syncKey?: string;
  gutter?: number;
  loading?: boolean;
  onExport?: (file: ExportedFile) => void;
  onExportError?: (error: Error) => void;
}

const MODES: ReadonlyArray<{ id: CompareMode; label: string }> = [
  { id: 'overlay', label: 'Overlay' },
  { id: 'multiples', label: 'Small multiples' },
  { id: 'difference', label: 'Difference' },
];

export function CompareCharts(props: CompareChartsProps) {
  const { runs, metric } = props;
  const theme = useChartTheme();
  const generatedKey = useId();
  const syncKey = props.syncKey ?? `compare${generatedKey}`;
  const [ownMode, setOwnMode] = useState<CompareMode>('overlay');
  const mode = props.mode ?? ownMode;
  const setMode = (next: CompareMode) => {
    setOwnMode(next);
    props.onModeChange?.(next);
  };
  const domain = useMemo(
    () => props.domain ?? { fromSec: 0, toSec: Math.max(1, ...runs.map((r) => r.durationSec)) },
    [props.domain, runs],
  );

  return (
    <section className="graph-compare" aria-label={`Compare runs: ${metric.title}`}>
      <header className="graph-compare-head">
        <h3 className="graph-title">Compare runs · {metric.title}</h3>
        <Segmented
          legend="Comparison"
          options={MODES.filter((m) => m.id !== 'difference' || runs.length >= 2).map((m) => ({
            value: m.id,
            label: m.label,
          }))}
          value={mode}
          onChange={setMode}
        />
      </header>
      {runs.length === 0 ? (
        <p className="graph-compare-empty">Pick runs to compare.</p>
      ) : mode === 'overlay' ? (
        <Overlay {...props} syncKey={syncKey} domain={domain} themeName={theme.name} />
      ) : mode === 'multiples' ? (
        <Multiples {...props} syncKey={syncKey} domain={domain} themeName={theme.name} />
      ) : (
        <Difference {...props} syncKey={syncKey} domain={domain} themeName={theme.name} />
      )}
    </section>
  );
}

type ModeProps = CompareChartsProps & { syncKey: string; domain: TimeRange; themeName: 'light' | 'dark' };

function runTitle(run: CompareRun): string {
  const label = run.real ? `${run.label} (REAL)` : run.label;
  return run.detail ? `${label} · ${run.detail}` : label;
}

function Overlay(p: ModeProps) {
  const data = useMemo(() => overlayData(p.runs, p.themeName), [p.runs, p.themeName]);
  const extras = useMemo(() => {
    const byRun: Record<string, ReactNode> = {};
    for (const run of p.runs) {
      byRun[run.runId] = (
        <>
          {run.real && <RealBadge />}
          {run.detail && <span className="graph-run-detail">{run.detail}</span>}
          <RunVerdict verdict={run.verdict} summary={run.summary} />
        </>
      );
    }
    return byRun;
  }, [p.runs]);
  return (
    <TimeSeriesChart
      title={p.metric.title}
      subtitle={`${p.metric.metric} · ${p.runs.length} runs from their own start`}
      series={data.series}
      groups={data.groups}
      unit={p.metric.unit}
      limits={data.limits}
      events={data.events}
      domain={p.domain}
      view={p.view}
      onRangeChange={p.onRangeChange}
      syncKey={p.syncKey}
      gutter={p.gutter}
      height={320}
      loading={p.loading}
      groupExtras={extras}
      // A simulated run's events (one marker lane per run) arrive after its series: their lanes are kept from the start.
      laneForEachGroup={p.runs.some((run) => !run.real)}
      exportName={`${p.metric.title} overlay`}
      onExport={p.onExport}
      onExportError={p.onExportError}
    />
  );
}

function Multiples(p: ModeProps) {
  const valueRange = useMemo(() => sharedValueRange(p.runs, p.domain), [p.runs, p.domain]);
  const perRun = useMemo(() => p.runs.map((run, r) => runSeries(run, r, p.themeName)), [p.runs, p.themeName]);
  return (
    <div className="graph-multiples">
      {p.runs.map((run, r) => (
        <TimeSeriesChart
          key={run.runId}
          title={run.label}
          subtitle={run.detail}
          series={perRun[r]!}
          unit={p.metric.unit}
          limits={run.limit ? [run.limit] : []}
          events={run.events}
          domain={p.domain}
          view={p.view}
          // One report is enough: the charts are linked, the slice refetches every run for the window.
          onRangeChange={r === 0 ? p.onRangeChange : undefined}
          syncKey={p.syncKey}
          valueRange={valueRange}
          wallClockStartMs={run.wallClockStartMs}
          gutter={p.gutter}
          height={200}
          loading={p.loading}
          caption={
            <>
              {run.real && <RealBadge />} <RunVerdict verdict={run.verdict} summary={run.summary} />
            </>
          }
          exportName={`${p.metric.title} ${run.label}`}
          onExport={p.onExport}
          onExportError={p.onExportError}
        />
      ))}
    </div>
  );
}

function Difference(p: ModeProps) {
  const theme = useChartTheme();
  const [ownPair, setOwnPair] = useState<{ aRunId: string; bRunId: string } | null>(null);
  const pair = p.difference ?? ownPair ?? { aRunId: p.runs[0]!.runId, bRunId: p.runs[1]!.runId };
  const a = p.runs.find((r) => r.runId === pair.aRunId) ?? p.runs[0]!;
  const b = p.runs.find((r) => r.runId === pair.bRunId) ?? p.runs[1]!;
  const data = useMemo(() => differenceData(a, b, p.themeName), [a, b, p.themeName]);
  const choose = (next: { aRunId: string; bRunId: string }) => {
    setOwnPair(next);
    p.onDifferenceChange?.(next);
  };
  const zero = useMemo(
    () => [{ value: 0, label: 'B = A', color: theme.muted, hideValue: true }],
    [theme.muted],
  );
  return (
    <div className="graph-difference">
      <div className="graph-difference-pick">
        <RunPicker
          label="B"
          runs={p.runs}
          value={b.runId}
          onChange={(id) => choose({ aRunId: a.runId, bRunId: id })}
        />
        <span className="graph-difference-minus">−</span>
        <RunPicker
          label="A"
          runs={p.runs}
          value={a.runId}
          onChange={(id) => choose({ aRunId: id, bRunId: b.runId })}
        />
        <span className="graph-difference-verdicts">
          <span className="graph-run-detail">B</span>
          {b.real && <RealBadge />}
          <RunVerdict verdict={b.verdict} summary={b.summary} />
          <span className="graph-run-detail">A</span>
          {a.real && <RealBadge />}
          <RunVerdict verdict={a.verdict} summary={a.summary} />
        </span>
      </div>
      <TimeSeriesChart
        title={`${p.metric.title}: ${b.label} − ${a.label}`}
        subtitle={`per TaskManager, on a common grid from each run's start${data.unmatched.length > 0 ? ` · not in both runs: ${data.unmatched.join(', ')}` : ''}`}
        series={data.series}
        unit={p.metric.unit}
        limits={zero}
        domain={p.domain}
        view={p.view}
        onRangeChange={p.onRangeChange}
        syncKey={p.syncKey}
        gutter={p.gutter}
        height={280}
        loading={p.loading}
        exportName={`${p.metric.title} ${b.label} minus ${a.label}`}
        onExport={p.onExport}
        onExportError={p.onExportError}
      />
    </div>
  );
}

function RunPicker({
  label,
  runs,
  value,
  onChange,
}: {
  label: string;
  runs: readonly CompareRun[];
  value: string;
  onChange: (runId: string) => void;
}) {
  return (
    <label className="graph-run-picker">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {runs.map((run) => (
          <option key={run.runId} value={run.runId}>
            {runTitle(run)}
          </option>
        ))}
      </select>
    </label>
  );
}
