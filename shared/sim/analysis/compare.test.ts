import { describe, expect, it } from 'vitest';
import { compareSeries, shortVerdict } from './compare';
import { analyzeStaircase } from './staircase';
import { generateSeries, MiB } from './test-series';

const hour = { durationSec: 3600, sampleSec: 15, baseline: 400 * MiB, noise: 2 * MiB };

describe('compareSeries', () => {
  it('aligns two runs at their own start and says what changed', () => {
    const before = generateSeries({ ...hour, seed: 1, restarts: 9, retainedPerRestart: 212 * MiB, noise: 0 });
    const after = generateSeries({ ...hour, seed: 2, restarts: 9, noise: 0 });
    const shifted = after.timesSec.map((t) => t + 86_400);
    const result = compareSeries(
      { timesSec: before.timesSec, values: before.values, label: 'all layers' },
      { timesSec: shifted, values: after.values, label: 'without layer 3' },
      { changeDescription: 'removed layer 3', quantity: 'direct', stepSec: 15 },
    );
    expect(result.statement).toBe(
      'removed layer 3: leak (+212 MiB/restart) → flat; peak direct 2.25 GiB → 400 MiB',
    );
    expect(result.timesSec[0]).toBe(0);
    expect(result.timesSec[1]).toBe(15);
    expect(result.a[0]).toBe(400 * MiB);
    expect(result.b[0]).toBe(400 * MiB);
    const last = result.timesSec.length - 1;
    expect(result.difference[last]).toBeCloseTo(-9 * 212 * MiB, -3);
    for (let i = 0; i < result.timesSec.length; i++) {
      expect(result.difference[i]).toBeCloseTo((result.b[i] as number) - (result.a[i] as number), 6);
    }
  });

  it('uses the analyses the caller passes and names the runs when no change is described', () => {
    const a = generateSeries({ ...hour, seed: 3, restarts: 6, retainedPerRestart: 32 * MiB });
    const b = generateSeries({ ...hour, seed: 4, restarts: 6, retainedPerRestart: 32 * MiB });
    const analysisB = {
      ...analyzeStaircase({ timesSec: b.timesSec, values: b.values }),
      verdict: 'flat' as const,
    };
    const result = compareSeries(
      { timesSec: a.timesSec, values: a.values, label: 'run 1' },
      { timesSec: b.timesSec, values: b.values, label: 'run 2', analysis: analysisB },
    );
    expect(result.statement).toMatch(/^run 1 → run 2: leak \(\+3\d(\.\d)? MiB\/restart\) → flat; peak /);
  });

  it('leaves no value where a run has ended or has a long gap', () => {
    const result = compareSeries(
      { timesSec: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], values: Array(11).fill(1), label: 'long' },
      { timesSec: [5, 15, 25, 85], values: [2, 2, 2, 2], label: 'gappy' },
      { stepSec: 10 },
    );
    expect(result.timesSec).toHaveLength(11);
    expect(Array.from(result.b.slice(0, 3))).toEqual([2, 2, 2]);
    expect(Number.isNaN(result.b[6] as number)).toBe(true);
    expect(result.b[8]).toBe(2);
    expect(Number.isNaN(result.b[9] as number)).toBe(true);
    expect(Number.isNaN(result.difference[9] as number)).toBe(true);
    expect(result.difference[0]).toBe(1);
  });

  it('shortens verdicts for the statement', () => {
    const base = analyzeStaircase({ timesSec: [0, 1, 2], values: [1, 1, 1] });
    expect(shortVerdict({ ...base, verdict: 'sawtooth', retainedBytesPerRestart: 32 * MiB, resets: 2 })).toBe(
      'sawtooth (+32 MiB/restart, 2 resets)',
    );
    expect(shortVerdict({ ...base, verdict: 'blip', retainedBytesPerRestart: 18 * MiB })).toBe(
      'blip (+18 MiB once)',
    );
    expect(shortVerdict(base)).toBe('flat');
  });
});
