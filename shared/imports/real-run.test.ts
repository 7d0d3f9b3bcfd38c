import { describe, expect, it } from 'vitest';
import { ImportError } from './import-error';
import type { ImportedMetrics, ImportedSeries } from './imported-series';
import { onGrid, realRunContent } from './real-run';

const MiB = 2 ** 20;

function direct(tm: string | null, times: number[], values: number[]): ImportedSeries {
  return {
    metric: 'flink_taskmanager_Status_JVM_Memory_Direct_MemoryUsed',
    labels: tm ? { tm_id: tm } : {},
    taskManager: tm,
    kind: 'direct-used',
    flinkName: 'Status.JVM.Memory.Direct.MemoryUsed',
    unit: 'bytes',
    timesSec: Float64Array.from(times),
    values: Float64Array.from(values),
  };
}

const metrics = (series: ImportedSeries[]): ImportedMetrics => ({
  format: 'prometheus-json',
  source: 'test',
  series,
  timeFormat: 'epoch-s',
  warnings: [],
});

/** A staircase: every `period` seconds the level rises by `rise` (a leak) or returns (flat), with restarts. */
function staircase(start: number, points: number, step: number, rise: number): { t: number[]; v: number[] } {
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < points; i++) {
    t.push(start + i * step);
    const wobble = ((i * 7919) % 13) * 64 * 1024;
    v.push(128 * MiB + Math.floor(i / 60) * rise + wobble);
  }
  return { t, v };
}

describe('realRunContent', () => {
  it('puts every TaskManager on one grid from t=0 under the simulator keys, and reads each one', () => {
    const leak = staircase(1_800_000_000, 400, 15, 16 * MiB);
    // tm-2 starts one step later: its first cell is empty on the shared grid.
    const flat = staircase(1_800_000_015, 399, 15, 0);
    const content = realRunContent([
      metrics([direct('tm-1', leak.t, leak.v), direct('tm-2', flat.t, flat.v)]),
    ]);
    expect(content.originSec).toBe(1_800_000_000);
    expect(content.stepSec).toBe(15);
    expect(content.series.map((s) => s.key)).toEqual([
      'tm/tm-1/Status.JVM.Memory.Direct.MemoryUsed',
      'tm/tm-2/Status.JVM.Memory.Direct.MemoryUsed',
    ]);
    expect(content.series[0]!.values.length).toBe(400);
    expect(Number.isNaN(content.series[1]!.values[0])).toBe(true);
    expect(content.series[1]!.values[1]).toBeCloseTo(flat.v[0]!, -1);
    const byTm = Object.fromEntries(
      content.analysis.perTaskManager.map((tm) => [tm.taskManager, tm.verdict]),
    );
    expect(byTm).toEqual({ 'tm-1': 'leak', 'tm-2': 'flat' });
    expect(content.analysis.verdict).toBe('leak');
    expect(content.analysis.retainedBytesPerRestart / MiB).toBeGreaterThan(12);
    expect(content.analysis.retainedBytesPerRestart / MiB).toBeLessThan(20);
    expect(content.restartsFrom).toBe('detected from the series');
  });

  it('names series without a TaskManager "imported" and refuses imports with no TaskManager metric', () => {
    const leak = staircase(0, 200, 10, 8 * MiB);
    expect(realRunContent([metrics([direct(null, leak.t, leak.v)])]).series[0]!.key).toBe(
      'tm/imported/Status.JVM.Memory.Direct.MemoryUsed',
    );
    const unknown = { ...direct('tm-1', [0, 1], [1, 2]), kind: null, flinkName: null, metric: 'my_gauge' };
    expect(() => realRunContent([metrics([unknown])])).toThrow(ImportError);
    expect(() => realRunContent([metrics([unknown])])).toThrow(/found my_gauge/);
  });

  it('averages samples falling in one grid cell and skips non-finite ones', () => {
    const s = direct('tm-1', [0, 4, 6, 10, 20], [1, 3, Number.NaN, 5, 7]);
    expect([...onGrid(s, 0, 10, 3)]).toEqual([2, 5, 7]);
  });
});
