// The compare slice's shape: the runs picked for comparison, how they are drawn, and the open comparison.
import type { ComparisonResult } from '../../shared/contract/lab-entities';

export type CompareMode = 'overlay' | 'multiples' | 'difference';

export interface CompareSlice {
  /** The runs picked, in the order picked (at most 8). */
  compareRunIds: string[];
  compareMode: CompareMode;
  comparison: ComparisonResult | null;
  toggleCompare(runId: string): void;
  setCompareMode(mode: CompareMode): void;
  openComparison(): Promise<void>;
  closeComparison(): void;
}
