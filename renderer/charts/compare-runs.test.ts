import { describe, expect, it } from 'vitest';
import { type CompareRun, differenceData, mergeLimits, overlayData, sharedValueRange } from './compare-runs';

const MiB = 1024 ** 2;

/** A TaskManager's direct memory: a base level plus `perStep` after every `every` seconds. */
function staircase(taskManager: string, base: number, perStep: number, every: number, duration = 7200) {
  const times = new Float64Array(duration / 60 + 1);
  const values = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    times[i] = i * 60;
    values[i] = base + perStep * Math.floor((i * 60) / every);
  }
  return { taskManager, timesSec: times, values };
}

function run(id: string, perStep: number, tms = ['tm-1', 'tm-2']): CompareRun {
  return {
    runId: id,
    label: `Run ${id}`,
    verdict: perStep > 0 ? 'leak' : 'flat',
    summary: perStep > 0 ? 'leak: +128 MiB retained per restart, 3 restarts' : 'flat',
    durationSec: 7200,
    series: tms.map((tm, k) => staircase(tm, (300 + k * 10) * MiB, perStep, 1800)),
    limit: { value: 1024 * MiB, label: 'direct memory limit' },
    events: [{ t: 1800, kind: 'restart', message: 'Restarting region 1' }],
  };
}

describe('overlayData', () => {
  it('gives each run a group and its TaskManagers shades, events tagged with their run', () => {
    const data = overlayData([run('a', 128 * MiB), run('b', 0)], 'light');
    expect(data.groups.map((g) => g.id)).toEqual(['a', 'b']);
    expect(data.series.map((s) => s.id)).toEqual(['a/tm-1', 'a/tm-2', 'b/tm-1', 'b/tm-2']);
    expect(data.series[0]!.color).not.toBe(data.series[1]!.color);
    expect(data.series[0]!.color).not.toBe(data.series[2]!.color);
    expect(data.events.map((e) => e.groupId)).toEqual(['a', 'b']);
    expect(data.limits).toEqual([{ value: 1024 * MiB, label: 'direct memory limit' }]);
  });

  it('names the run behind each limit when the runs have different limits', () => {
    const b = { ...run('b', 0), limit: { value: 2048 * MiB, label: 'direct memory limit' } };
    expect(mergeLimits([run('a', 0), b]).map((l) => l.label)).toEqual([
      'direct memory limit (Run a)',
      'direct memory limit (Run b)',
    ]);
  });
});

describe('sharedValueRange', () => {
  it('covers the highest run and the limit, for every small multiple alike', () => {
    const range = sharedValueRange([run('a', 400 * MiB), run('b', 0)], { fromSec: 0, toSec: 7200 });
    expect(range.min).toBe(0);
    expect(range.max).toBeGreaterThan(300 * MiB + 4 * 400 * MiB);
  });
});

describe('differenceData', () => {
  it('subtracts run A from run B for each shared TaskManager on a common grid', () => {
    const data = differenceData(run('a', 128 * MiB), run('b', 0), 'dark');
    expect(data.series.map((s) => s.label)).toEqual(['tm-1', 'tm-2']);
    const [tm1] = data.series;
    expect(tm1!.timesSec[0]).toBe(0);
    // Before the first restart the runs agree; after three restarts B has 3 x 128 MiB less.
    const at = (t: number) => tm1!.values[Array.from(tm1!.timesSec).findIndex((x) => x >= t)] as number;
    expect(at(600)).toBe(0);
    expect(at(6000)).toBe(-3 * 128 * MiB);
    expect(data.series[0]!.timesSec).toEqual(data.series[1]!.timesSec);
  });

  it('reports TaskManagers only one run has', () => {
    const data = differenceData(run('a', 0, ['tm-1', 'tm-2', 'tm-3']), run('b', 0, ['tm-1']), 'light');
    expect(data.series).toHaveLength(1);
    expect(data.unmatched).toEqual(['tm-2', 'tm-3']);
  });
});
