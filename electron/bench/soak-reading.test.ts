import { describe, expect, it } from 'vitest';
import { parseGrafanaCsv } from '../../shared/imports/grafana-csv';
import { planSoak, type RssSample, readSoak, soakCsv, soakRunsFrom, theilSenSlope } from './soak-reading';

const MiB = 2 ** 20;

/** A seeded soak: a warm-up climb, GC-like noise, and `perRunBytes` kept by every run. */
function soakSeries(runs: number, perRunBytes: number, seed = 7): RssSample[] {
  const plan = planSoak(runs);
  let state = seed;
  const noise = () => {
    state = (state * 16807) % 2147483647;
    return (state / 2147483647 - 0.5) * 3 * MiB;
  };
  const samples: RssSample[] = [];
  for (let r = 0; r <= runs; r += plan.sampleEvery) {
    const warmUp = r < plan.warmUpRuns ? -40 * MiB * (1 - r / plan.warmUpRuns) : 0;
    samples.push({
      runs: r,
      rssBytes: 200 * MiB + warmUp + perRunBytes * r + noise(),
      atMs: 1_700_000_000_000 + r * 90,
    });
  }
  return samples;
}

describe('planSoak', () => {
  it('cuts 1,000 runs into ten cycles of ten samples, the first being the warm-up', () => {
    expect(planSoak(1000)).toEqual({ runs: 1000, sampleEvery: 10, cycleRuns: 100, warmUpRuns: 100 });
  });

  it('refuses fewer runs than the analysis can read', () => {
    expect(() => planSoak(99)).toThrow(/at least 100, got 99/);
  });
});

describe('soakRunsFrom', () => {
  it('takes the default when unset and names the variable when the text is bad', () => {
    expect(soakRunsFrom(undefined, 1000, 'PEEL_BENCH_SOAK_RUNS')).toBe(1000);
    expect(soakRunsFrom('250', 1000, 'PEEL_BENCH_SOAK_RUNS')).toBe(250);
    expect(() => soakRunsFrom('1e', 1000, 'PEEL_BENCH_SOAK_RUNS')).toThrow(
      /PEEL_BENCH_SOAK_RUNS: .*got '1e'/,
    );
    expect(() => soakRunsFrom('12', 1000, 'PEEL_BENCH_SOAK_RUNS')).toThrow(/at least 100/);
  });
});

describe('theilSenSlope', () => {
  it('finds the slope of a line with one wild point', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = xs.map((x) => 3 * x + 1);
    ys[4] = 1000;
    expect(theilSenSlope(xs, ys)).toBe(3);
  });
});

describe('readSoak', () => {
  it('reads a server that keeps nothing per run as flat, with a slope near zero', () => {
    const reading = readSoak(soakSeries(1000, 0), planSoak(1000));
    expect(reading.verdict).toBe('flat');
    expect(Math.abs(reading.slopeBytesPer100Runs)).toBeLessThan(1 * MiB);
  });

  it('reads a server keeping 100 KiB per run as a leak of about 10 MiB per 100 runs', () => {
    const reading = readSoak(soakSeries(1000, 100 * 1024), planSoak(1000));
    expect(reading.verdict).toBe('leak');
    expect(reading.slopeBytesPer100Runs / MiB).toBeGreaterThan(8);
    expect(reading.slopeBytesPer100Runs / MiB).toBeLessThan(12);
    expect(reading.endBytes).toBeGreaterThan(reading.afterWarmUpBytes);
  });

  it('refuses too few samples', () => {
    expect(() => readSoak(soakSeries(1000, 0).slice(0, 5), planSoak(1000))).toThrow(/5 samples are too few/);
  });
});

describe('soakCsv', () => {
  it('writes a CSV Peel imports as resident memory in bytes, one row per sample', () => {
    const samples = soakSeries(200, 0);
    const imported = parseGrafanaCsv(soakCsv(samples), 'soak-rss.csv');
    expect(imported.series).toHaveLength(1);
    const series = imported.series[0]!;
    expect(series.kind).toBe('resident');
    expect(series.unit).toBe('bytes');
    expect(series.timesSec.length).toBe(samples.length);
    expect(series.values[3]).toBe(Math.round(samples[3]!.rssBytes));
  });
});
