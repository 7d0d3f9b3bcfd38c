// The run-results slice's shape: what has been fetched of runs (details, series per metric, heat maps).
import type { PushEventPayload } from '../../shared/contract/events';
import type { RunDetail, RunSummary } from '../../shared/contract/lab-entities';
import type { DecodedHeatmap, DecodedSeries } from '../charts/decode-series';
import type { GraphMetricId } from '../charts/graph-metrics';

/** A run's series for one metric and window, decoded, one per TaskManager. */
export interface RunSeriesView {
  metric: GraphMetricId;
  fromSec: number | null;
  toSec: number | null;
  series: { taskManager: string; data: DecodedSeries }[];
  /** A real run's TaskManagers whose series for this metric were not imported (empty for a simulated run). */
  notImported: string[];
}

export interface RunResultsSlice {
  runDetails: Record<string, RunDetail>;
  /**
   * Runs as their 'run.finished' news said they ended (sent after the outcome was committed): the run panel shows a
   * finished run's verdict from here until the lab state it asks for next lands.
   */
  finishedRuns: Record<string, RunSummary>;
  /** The metric the run graphs show. */
  metric: GraphMetricId;
  runSeries: Record<string, RunSeriesView>;
  seriesLoading: Record<string, boolean>;
  heatmaps: Record<string, DecodedHeatmap>;
  loadRunDetail(runId: string): Promise<RunDetail | undefined>;
  setMetric(metric: GraphMetricId): void;
  /** Fetches a run's series for the current metric over a window (the whole run when null), replacing the last. */
  loadRunSeries(runId: string, window?: { fromSec: number; toSec: number } | null): Promise<void>;
  loadHeatmap(runId: string): Promise<void>;
  /** A run finished: keeps its outcome, and its graph sent with it (if any) as its whole-run series. */
  receiveRunResult(payload: PushEventPayload<'run.finished'>): void;
}
