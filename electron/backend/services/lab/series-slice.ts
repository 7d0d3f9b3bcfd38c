// One stored series as the charts receive it: min and max per bucket over a window, times and values as base64
// little-endian Float32 (the renderer decodes them straight into typed arrays). Shared by `runs.series` and the
// graph sent with a finished run (run-preview.ts), so both give the same points for the same request.
import type { SeriesSlice } from '../../../../shared/contract/lab-entities';
import { downsampleMinMax } from '../../../../shared/series/minmax-downsample';
import type { StoredSeries } from '../../store/runs-store';

export function base64Float32(values: ArrayLike<number>): string {
  const floats = values instanceof Float32Array ? values : Float32Array.from(values);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

/** The series over [fromSec, toSec] (the whole series when not given) in at most `points` points. */
export function seriesSlice(
  key: string,
  series: StoredSeries,
  points: number,
  fromSec?: number,
  toSec?: number,
): SeriesSlice {
  const end = series.startSec + (series.values.length - 1) * series.stepSec;
  const slice = downsampleMinMax(
    series,
    fromSec ?? series.startSec,
    toSec ?? end,
    Math.max(1, Math.floor(points / 2)),
  );
  return {
    key,
    timesSec: base64Float32(slice.timesSec),
    values: base64Float32(slice.values),
    points: slice.values.length,
    exact: slice.exact,
    min: series.min,
    max: series.max,
  };
}
