// A report's graph of one run: direct memory per TaskManager over the run, with the direct-memory limit and the
// run's OOMs, shutdowns and restarts as markers. Drawn by the app's own SVG chart writer (shared/report/chart), in
// the light theme because reports are read on paper and in wikis; series are min/max downsampled to the plot's
// width so every peak stays and the file stays small.
import { downsampleMinMax } from '../series/minmax-downsample';
import type { ChartEvent } from './chart/chart-series';
import { FALLBACK_THEMES } from './chart/chart-theme-values';
import { markerEvents } from './chart/event-markers';
import { seriesColor } from './chart/series-palette';
import { chartToSvg } from './chart/svg-export';

export interface RunGraphSeries {
  /** The TaskManager, e.g. tm-1. */
  label: string;
  startSec: number;
  stepSec: number;
  values: ArrayLike<number>;
}

export interface RunGraphInput {
  title: string;
  subtitle: string;
  durationSec: number;
  series: readonly RunGraphSeries[];
  limitBytes: number | null;
  events: readonly ChartEvent[];
}

const WIDTH = 960;
const HEIGHT = 380;
/** Min/max pairs per series: about one per pixel column of the plot. */
const BUCKETS = 440;
const HEADROOM = 1.1;

export function runGraphSvg(input: RunGraphInput): string {
  const theme = FALLBACK_THEMES.light;
  const toSec = Math.max(1, input.durationSec);
  let max = input.limitBytes ?? 0;
  const series = input.series.map((s, i) => {
    const sampled = downsampleMinMax(s, 0, toSec, BUCKETS);
    for (const v of sampled.values) if (v > max) max = v;
    return {
      id: s.label,
      label: s.label,
      timesSec: sampled.timesSec,
      values: sampled.values,
      color: seriesColor(i, 'light'),
    };
  });
  return chartToSvg({
    title: input.title,
    subtitle: input.subtitle,
    width: WIDTH,
    height: HEIGHT + Math.ceil(series.length / 8) * 18,
    theme,
    unit: 'bytes',
    window: { fromSec: 0, toSec },
    yRange: { min: 0, max: max > 0 ? max * HEADROOM : 1 },
    series,
    limits: input.limitBytes ? [{ value: input.limitBytes, label: 'direct memory limit' }] : [],
    events: markerEvents(input.events),
    legend: series.map((s) => ({ label: s.label, color: s.color })),
  });
}
