// Per-TaskManager and per-operator series at one sample per simulated second, one typed array per metric and
// TaskManager or operator, filled by the engine through a block buffer. Direct MemoryUsed keeps exact bytes
// (Float64) because runs are checked against the limit; the others are Float32, plenty for charts and half the
// memory of a day-long run.
import { METRIC, type TaskManagerMetricName } from './metric-names';
import type { RunContainer } from './run-types';

/**
 * Samples are gathered for this many seconds, then copied into the series in runs (far fewer cache misses). Long
 * enough to spread each row's copy overhead, short enough for the buffers to stay in cache.
 */
export const SAMPLE_BLOCK_SEC = 256;
/** Float32 metrics per TaskManager, in the order of the sample buffer's rows (direct MemoryUsed has its own). */
export const SAMPLED_METRICS = 8;
/** Metrics per operator, in the order of the operator buffer's rows: back-pressured, busy and idle ms per second. */
export const OPERATOR_METRICS = 3;

export class SeriesStore {
  /**
   * Rows of SAMPLE_BLOCK_SEC samples: row (tm * SAMPLED_METRICS + k) holds metric k of TaskManager tm for the
   * seconds from `blockStartSec`, metrics in the order count, heap, old gen, young GC count and time, full GC
   * count and time, resident. Float32 like the series, so a flush is a plain copy (a sample is rounded to
   * Float32 when written instead of when copied: the same value).
   */
  readonly buffer: Float32Array;
  /** Row tm: TaskManager tm's direct MemoryUsed for the seconds from `blockStartSec`, in exact bytes. */
  readonly directBuffer: Float64Array;
  blockStartSec = 0;
  private readonly taskManagers: number;
  readonly direct: Float64Array[];
  readonly directCount: Float32Array[];
  readonly heap: Float32Array[];
  readonly oldGen: Float32Array[];
  readonly youngCount: Float32Array[];
  readonly youngTime: Float32Array[];
  readonly oldCount: Float32Array[];
  readonly oldTime: Float32Array[];
  readonly resident: Float32Array[];
  /**
   * Rows of SAMPLE_BLOCK_SEC samples like `buffer`: row (o * OPERATOR_METRICS + k) holds metric k of operator o,
   * NaN for the seconds it did not run (Flink reports no task metrics then).
   */
  readonly operatorBuffer: Float32Array;
  private readonly operators: number;
  /**
   * Views of each row of the three block buffers and, per TaskManager, its Float32 series in buffer order, made
   * once: a flush then copies without allocating (it runs every SAMPLE_BLOCK_SEC simulated seconds).
   */
  private readonly bufferRows: Float32Array[];
  private readonly directRows: Float64Array[];
  private readonly operatorRows: Float32Array[];
  private readonly sampledSeries: Float32Array[][];
  readonly opBackPressured: Float32Array[];
  readonly opBusy: Float32Array[];
  readonly opIdle: Float32Array[];

  constructor(taskManagers: number, operators: number, durationSec: number) {
    this.taskManagers = taskManagers;
    this.operators = operators;
    this.buffer = new Float32Array(taskManagers * SAMPLED_METRICS * SAMPLE_BLOCK_SEC);
    this.directBuffer = new Float64Array(taskManagers * SAMPLE_BLOCK_SEC);
    this.operatorBuffer = new Float32Array(operators * OPERATOR_METRICS * SAMPLE_BLOCK_SEC);
    const f32 = () => Array.from({ length: taskManagers }, () => new Float32Array(durationSec));
    this.direct = Array.from({ length: taskManagers }, () => new Float64Array(durationSec));
    this.directCount = f32();
    this.heap = f32();
    this.oldGen = f32();
    this.youngCount = f32();
    this.youngTime = f32();
    this.oldCount = f32();
    this.oldTime = f32();
    this.resident = f32();
    // Every second is flushed before the run is read, so these need no initial NaN.
    const opSeries = () => Array.from({ length: operators }, () => new Float32Array(durationSec));
    this.opBackPressured = opSeries();
    this.opBusy = opSeries();
    this.opIdle = opSeries();
    this.bufferRows = rowViews(this.buffer);
    this.directRows = rowViews(this.directBuffer);
    this.operatorRows = rowViews(this.operatorBuffer);
    this.sampledSeries = Array.from({ length: taskManagers }, (_, tm) =>
      [
        this.directCount,
        this.heap,
        this.oldGen,
        this.youngCount,
        this.youngTime,
        this.oldCount,
        this.oldTime,
        this.resident,
      ].map((arrays) => arrays[tm] as Float32Array),
    );
  }

  private all(tm: number): Array<Float64Array | Float32Array> {
    return [
      this.direct,
      this.directCount,
      this.heap,
      this.oldGen,
      this.youngCount,
      this.youngTime,
      this.oldCount,
      this.oldTime,
      this.resident,
    ].map((arrays) => arrays[tm] as Float64Array | Float32Array);
  }

  /**
   * The first `n` samples of the buffer row starting at `start`: a full row's view made once (see `bufferRows`),
   * a fresh view only for the shorter last block.
   */
  private rowOf<T extends Float32Array | Float64Array>(buffer: T, rows: T[], start: number, n: number): T {
    if (n === SAMPLE_BLOCK_SEC) return rows[start / SAMPLE_BLOCK_SEC] as T;
    return buffer.subarray(start, start + n) as T;
  }

  /** Index in `buffer` of TaskManager tm's first Float32 metric at second t; metric k is `k * SAMPLE_BLOCK_SEC` further. */
  slot(tm: number, t: number): number {
    return tm * SAMPLED_METRICS * SAMPLE_BLOCK_SEC + (t - this.blockStartSec);
  }

  /**
   * Copies the buffered seconds [blockStartSec, endSec) into the series and starts a new block at endSec.
   * Seconds a TaskManager was down hold stale values until markGaps overwrites them.
   */
  flush(endSec: number): void {
    const n = endSec - this.blockStartSec;
    if (n <= 0) return;
    const start = this.blockStartSec;
    for (let tm = 0; tm < this.taskManagers; tm++) {
      const directRow = tm * SAMPLE_BLOCK_SEC;
      (this.direct[tm] as Float64Array).set(
        this.rowOf(this.directBuffer, this.directRows, directRow, n),
        start,
      );
      const sampled = this.sampledSeries[tm] as Float32Array[];
      for (let k = 0; k < SAMPLED_METRICS; k++) {
        const row = (tm * SAMPLED_METRICS + k) * SAMPLE_BLOCK_SEC;
        (sampled[k] as Float32Array).set(this.rowOf(this.buffer, this.bufferRows, row, n), start);
      }
    }
    const opMetrics = [this.opBackPressured, this.opBusy, this.opIdle];
    for (let o = 0; o < this.operators; o++) {
      for (let k = 0; k < OPERATOR_METRICS; k++) {
        const series = (opMetrics[k] as Float32Array[])[o] as Float32Array;
        const row = (o * OPERATOR_METRICS + k) * SAMPLE_BLOCK_SEC;
        series.set(this.rowOf(this.operatorBuffer, this.operatorRows, row, n), start);
      }
    }
    this.blockStartSec = endSec;
  }

  /** NaN wherever no JVM ran (Flink reports nothing then): between a container's end and its replacement. */
  markGaps(tm: number, containers: readonly RunContainer[], durationSec: number): void {
    const arrays = this.all(tm);
    containers.forEach((container, k) => {
      if (container.endSec === null) return;
      const nextStart = containers[k + 1]?.startSec ?? durationSec;
      for (const array of arrays) array.fill(Number.NaN, container.endSec, nextStart);
    });
  }

  /** The series of one TaskManager under Flink's metric names (TotalCapacity is MemoryUsed: same array). */
  record(tm: number): Record<TaskManagerMetricName, Float64Array | Float32Array> {
    const direct = this.direct[tm] as Float64Array;
    return {
      [METRIC.directMemoryUsed]: direct,
      [METRIC.directTotalCapacity]: direct,
      [METRIC.directCount]: this.directCount[tm] as Float32Array,
      [METRIC.heapUsed]: this.heap[tm] as Float32Array,
      [METRIC.oldGenUsed]: this.oldGen[tm] as Float32Array,
      [METRIC.youngGcCount]: this.youngCount[tm] as Float32Array,
      [METRIC.youngGcTime]: this.youngTime[tm] as Float32Array,
      [METRIC.oldGcCount]: this.oldCount[tm] as Float32Array,
      [METRIC.oldGcTime]: this.oldTime[tm] as Float32Array,
      [METRIC.residentMemory]: this.resident[tm] as Float32Array,
    } as Record<TaskManagerMetricName, Float64Array | Float32Array>;
  }
}

/** Views of every SAMPLE_BLOCK_SEC-long row of a block buffer, in order. */
function rowViews<T extends Float32Array | Float64Array>(buffer: T): T[] {
  const rows: T[] = [];
  for (let at = 0; at < buffer.length; at += SAMPLE_BLOCK_SEC)
    rows.push(buffer.subarray(at, at + SAMPLE_BLOCK_SEC) as T);
  return rows;
}
