// Reading a uPlot instance's current scales as plain ranges (its scale bounds are nullable until first drawn).
import type uPlot from 'uplot';
import type { ValueRange } from '../../shared/report/chart/chart-scales';
import type { TimeRange } from '../../shared/report/chart/chart-series';

export function xWindow(u: uPlot): TimeRange | null {
  const x = u.scales.x;
  if (!x || x.min == null || x.max == null) return null;
  return { fromSec: x.min, toSec: x.max };
}

export function yWindow(u: uPlot): ValueRange | null {
  const y = u.scales.y;
  if (!y || y.min == null || y.max == null) return null;
  return { min: y.min, max: y.max };
}
