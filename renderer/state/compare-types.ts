// The compare slice's shape: the runs picked for comparison, how they are drawn, and the open comparison.
import type { ComparisonResult } from '../../shared/contract/lab-entities';
import type { RunSeriesView } from './run-results-types';

export type CompareMode = 'overlay' | 'multiples' | 'difference';

export interface CompareSlice {
  /** The runs picked, in the order picked (at most 8). */
  compareRunIds: string[];
  compareMode: CompareMode;
  comparison: ComparisonResult | null;
  /** The zoomed window of the open comparison (seconds from each run's start), or null for the whole runs. */
  compareWindow: { fromSec: number; toSec: number } | null;
  /** Each compared run's series over `compareWindow`, finer than its whole-run series there, by run id. */
  compareWindowSeries: Record<string, RunSeriesView>;
  toggleCompare(runId: string): void;
  setCompareMode(mode: CompareMode): void;
  openComparison(): Promise<void>;
  /** The comparison was zoomed to a window (null: the whole runs): fetches every run's series over it. */
  loadComparisonWindow(window: { fromSec: number; toSec: number } | null): Promise<void>;
  closeComparison(): void;
}
