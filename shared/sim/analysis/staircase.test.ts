import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeStaircase, type StaircaseResult, type StaircaseVerdict } from './staircase';
import { type GeneratedSeries, generateSeries, MiB, type SeriesRecipe } from './test-series';

// An hour of a TaskManager's Direct.MemoryUsed scraped every 15 s: 400 MiB of network buffers and framework
// off-heap, 2 MiB of noise.
const hour = { durationSec: 3600, sampleSec: 15, baseline: 400 * MiB, noise: 2 * MiB };

function analyse(s: GeneratedSeries, recipe: SeriesRecipe, mode: 'given' | 'detected'): StaircaseResult {
  return analyzeStaircase({
    timesSec: s.timesSec,
    values: s.values,
    ...(mode === 'given' ? { restartsSec: s.givenRestartsSec } : {}),
    ...(s.freshStartsSec.length > 0 ? { freshStartsSec: s.freshStartsSec } : {}),
    ...(recipe.limit !== undefined ? { limit: recipe.limit } : {}),
  });
}

interface Case {
  name: string;
  recipe: SeriesRecipe;
  verdict: StaircaseVerdict | StaircaseVerdict[];
  /** Truth for retainedBytesPerRestart (checked within 15%), when the verdict is a staircase. */
  retained?: number;
  /** Some shapes cannot be seen without knowing where the restarts are. */
  detectedVerdict?: StaircaseVerdict | StaircaseVerdict[];
}

const leakCases: Case[] = [8, 32, 212].flatMap((stepMiB, i) =>
  [3, 9, 20].map((restarts, j) => ({
    name: `staircase of ${restarts} × ${stepMiB} MiB`,
    recipe: {
      ...hour,
      durationSec: restarts > 10 ? 7200 : 3600,
      seed: 100 + 10 * i + j,
      restarts,
      retainedPerRestart: stepMiB * MiB,
    },
    verdict: 'leak' as const,
    retained: stepMiB * MiB,
  })),
);

const shapeCases: Case[] = [
  {
    name: 'staircase into the limit, then an OOM loop at the top',
    recipe: { ...hour, seed: 1, restarts: 12, retainedPerRestart: 32 * MiB, limit: 530 * MiB },
    verdict: 'leak',
    retained: 32 * MiB,
  },
  {
    name: 'saw-tooth: full GCs at the limit free the leaked maps every 4 restarts',
    recipe: {
      ...hour,
      seed: 2,
      restarts: 13,
      retainedPerRestart: 32 * MiB,
      limit: 540 * MiB,
      resetByFullGc: true,
    },
    verdict: 'sawtooth',
    retained: 32 * MiB,
  },
  {
    name: 'saw-tooth with a short period (reset every other restart)',
    recipe: {
      ...hour,
      seed: 3,
      restarts: 12,
      retainedPerRestart: 64 * MiB,
      limit: 530 * MiB,
      resetByFullGc: true,
    },
    verdict: 'sawtooth',
    retained: 64 * MiB,
  },
  {
    name: 'small leak on only some restarts',
    recipe: {
      ...hour,
      durationSec: 5400,
      seed: 4,
      restarts: 14,
      retainedPerRestart: 10 * MiB,
      leakChance: 0.5,
    },
    verdict: 'leak',
    retained: 10 * MiB,
  },
  {
    name: 'one restart leaves 18 MiB, then flat',
    recipe: { ...hour, seed: 5, restarts: 9, retainedPerRestart: 18 * MiB, oneOffAt: 3 },
    verdict: 'blip',
    retained: 18 * MiB,
  },
  {
    name: 'transient 60 MiB after every restart, settling back',
    recipe: { ...hour, seed: 6, restarts: 9, afterRestartSpike: 60 * MiB, transientSec: 45 },
    verdict: 'blip',
    detectedVerdict: ['flat', 'blip'],
  },
  {
    name: 'flat with GC ramps, RPC spikes and noise',
    recipe: {
      ...hour,
      seed: 7,
      restarts: 9,
      gcRamp: 12 * MiB,
      gcPeriodSec: 100,
      rpcSpike: 64 * MiB,
      rpcPerMinute: 0.3,
      rpcSec: 15,
    },
    verdict: 'flat',
  },
  {
    name: 'flat, restarts invisible (close() frees what open() allocates)',
    recipe: { ...hour, seed: 8, restarts: 9 },
    verdict: 'flat',
  },
];

const samplingCases: Case[] = [
  {
    name: 'staircase with 25% of samples missed and a 10-minute gap',
    recipe: {
      ...hour,
      seed: 11,
      restarts: 9,
      retainedPerRestart: 32 * MiB,
      missingShare: 0.25,
      gaps: [[1500, 2100]],
    },
    verdict: 'leak',
    retained: 32 * MiB,
  },
  {
    name: 'staircase sampled irregularly, with late samples out of order',
    recipe: { ...hour, seed: 12, restarts: 9, retainedPerRestart: 32 * MiB, irregular: true, lateShare: 0.1 },
    verdict: 'leak',
    retained: 32 * MiB,
  },
  {
    name: 'staircase whose restarts are logged 40 s off',
    recipe: { ...hour, seed: 13, restarts: 9, retainedPerRestart: 32 * MiB, restartOffsetSec: 40 },
    verdict: 'leak',
    retained: 32 * MiB,
  },
  {
    name: 'staircase with a fresh JVM half way (the container was replaced)',
    recipe: { ...hour, seed: 14, restarts: 11, retainedPerRestart: 32 * MiB, freshStartsSec: [1700] },
    verdict: 'leak',
    retained: 32 * MiB,
  },
  {
    name: 'flat with GC ramps, 20% missed samples and irregular sampling',
    recipe: {
      ...hour,
      seed: 15,
      restarts: 9,
      gcRamp: 10 * MiB,
      gcPeriodSec: 70,
      missingShare: 0.2,
      irregular: true,
    },
    verdict: 'flat',
  },
];

function expectVerdict(result: StaircaseResult, expected: StaircaseVerdict | StaircaseVerdict[]) {
  const allowed = Array.isArray(expected) ? expected : [expected];
  expect(allowed, result.summary).toContain(result.verdict);
}

describe('analyzeStaircase on generated series', () => {
  for (const c of [...leakCases, ...shapeCases, ...samplingCases]) {
    for (const mode of ['given', 'detected'] as const) {
      it(`${c.name} (restarts ${mode})`, () => {
        const series = generateSeries(c.recipe);
        const result = analyse(series, c.recipe, mode);
        expectVerdict(result, mode === 'detected' ? (c.detectedVerdict ?? c.verdict) : c.verdict);
        expect(result.restartsDetected).toBe(mode === 'detected');
        if (c.retained !== undefined && result.verdict !== 'flat') {
          expect(result.retainedBytesPerRestart).toBeGreaterThan(0.85 * c.retained);
          expect(result.retainedBytesPerRestart).toBeLessThan(1.15 * c.retained);
        }
        expect(result.confidence).toBeGreaterThanOrEqual(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
        expect(result.summary.startsWith(result.verdict)).toBe(true);
      });
    }
  }
});

describe('analyzeStaircase details', () => {
  it('moves restarts logged off onto the steps they belong to', () => {
    const recipe: SeriesRecipe = {
      ...hour,
      seed: 21,
      restarts: 6,
      retainedPerRestart: 32 * MiB,
      restartOffsetSec: 40,
    };
    const s = generateSeries(recipe);
    const result = analyse(s, recipe, 'given');
    expect(result.restartsSec).toHaveLength(6);
    result.restartsSec.forEach((r, k) => {
      expect(Math.abs(r - (s.trueRestartsSec[k] as number))).toBeLessThanOrEqual(recipe.sampleSec);
    });
  });

  it('finds the restarts of a clear staircase by itself', () => {
    const recipe: SeriesRecipe = { ...hour, seed: 22, restarts: 7, retainedPerRestart: 48 * MiB };
    const s = generateSeries(recipe);
    const result = analyse(s, recipe, 'detected');
    expect(result.restartsSec).toHaveLength(7);
    result.restartsSec.forEach((r, k) => {
      expect(Math.abs(r - (s.trueRestartsSec[k] as number))).toBeLessThanOrEqual(recipe.sampleSec);
    });
  });

  it('reports a settled level per restart that climbs by the retained amount', () => {
    const recipe: SeriesRecipe = { ...hour, seed: 23, restarts: 5, retainedPerRestart: 64 * MiB };
    const result = analyse(generateSeries(recipe), recipe, 'given');
    expect(result.levelsAfterRestart).toHaveLength(5);
    result.levelsAfterRestart.forEach((level, k) => {
      expect(Math.abs(level - (recipe.baseline + (k + 1) * 64 * MiB))).toBeLessThan(4 * MiB);
    });
  });

  it('counts the full-GC resets of a saw-tooth and not the fresh starts', () => {
    const sawtooth: SeriesRecipe = {
      ...hour,
      seed: 24,
      restarts: 13,
      retainedPerRestart: 32 * MiB,
      limit: 540 * MiB,
      resetByFullGc: true,
    };
    expect(analyse(generateSeries(sawtooth), sawtooth, 'given').resets).toBe(3);
    const replaced: SeriesRecipe = {
      ...hour,
      seed: 25,
      restarts: 11,
      retainedPerRestart: 32 * MiB,
      freshStartsSec: [1700],
    };
    const s = generateSeries(replaced);
    const told = analyse(s, replaced, 'given');
    expect(told.resets).toBe(0);
    // Not told about the fresh start, the drop back to the start level reads as a reset.
    const untold = analyzeStaircase({
      timesSec: s.timesSec,
      values: s.values,
      restartsSec: s.givenRestartsSec,
    });
    expect(untold.resets).toBe(1);
  });

  it('names the limit when a staircase ends in an OOM loop at it', () => {
    const recipe: SeriesRecipe = {
      ...hour,
      seed: 26,
      restarts: 12,
      retainedPerRestart: 32 * MiB,
      limit: 530 * MiB,
    };
    const result = analyse(generateSeries(recipe), recipe, 'given');
    expect(result.verdict).toBe('leak');
    expect(result.summary).toContain('at the limit (530 MiB)');
  });

  it('says flat, with no restarts, for an empty or too short series', () => {
    for (const values of [[], [1], [1, 2]]) {
      const result = analyzeStaircase({ timesSec: values.map((_, i) => i), values });
      expect(result.verdict).toBe('flat');
      expect(result.restartsSec).toEqual([]);
    }
  });

  it('writes summaries people can read', () => {
    const leak: SeriesRecipe = { ...hour, seed: 27, restarts: 9, retainedPerRestart: 212 * MiB, noise: 0 };
    expect(analyse(generateSeries(leak), leak, 'given').summary).toBe(
      'leak: +212 MiB retained per restart, 9 restarts',
    );
    const blip: SeriesRecipe = {
      ...hour,
      seed: 28,
      restarts: 9,
      retainedPerRestart: 18 * MiB,
      oneOffAt: 2,
      noise: 0,
    };
    expect(analyse(generateSeries(blip), blip, 'given').summary).toBe('blip: +18 MiB once, then flat');
  });
});

describe('analyzeStaircase properties', () => {
  const restartsArb = fc.integer({ min: 0, max: 15 });
  const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });

  it('never calls a flat series with bounded noise a leak or a saw-tooth', () => {
    fc.assert(
      fc.property(
        seedArb,
        restartsArb,
        fc.double({ min: 0, max: 0.03, noNaN: true }),
        (seed, restarts, noiseShare) => {
          const recipe: SeriesRecipe = { ...hour, seed, restarts, noise: noiseShare * hour.baseline };
          const s = generateSeries(recipe);
          for (const mode of ['given', 'detected'] as const) {
            expect(['flat', 'blip']).toContain(analyse(s, recipe, mode).verdict);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('does not change its verdict when the values are scaled or the clock starts elsewhere', () => {
    const recipeArb = fc.record({
      seed: seedArb,
      restarts: fc.integer({ min: 2, max: 12 }),
      retainedPerRestart: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 4, max: 200 }).map((m) => m * MiB),
      ),
      leakChance: fc.double({ min: 0.3, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        recipeArb,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        // Whole seconds, like an epoch origin: a shift below the times' own precision is a different input.
        fc.integer({ min: -1e9, max: 2e9 }),
        (r, scale, origin) => {
          const s = generateSeries({ ...hour, ...r });
          const base = analyzeStaircase({
            timesSec: s.timesSec,
            values: s.values,
            restartsSec: s.givenRestartsSec,
          });
          const scaled = analyzeStaircase({
            timesSec: s.timesSec,
            values: s.values.map((v) => v * scale),
            restartsSec: s.givenRestartsSec,
          });
          expect(scaled.verdict).toBe(base.verdict);
          const expected = base.retainedBytesPerRestart * scale;
          expect(Math.abs(scaled.retainedBytesPerRestart - expected)).toBeLessThanOrEqual(1e-9 * expected);
          const moved = analyzeStaircase({
            timesSec: s.timesSec.map((t) => t + origin),
            values: s.values,
            restartsSec: s.givenRestartsSec.map((t) => t + origin),
          });
          expect(moved.verdict).toBe(base.verdict);
          expect(moved.retainedBytesPerRestart).toBeCloseTo(base.retainedBytesPerRestart, -3);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('calls a clean staircase a leak and measures its step', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 4, max: 14 }),
        fc.integer({ min: 8, max: 400 }),
        (seed, restarts, stepMiB) => {
          const recipe: SeriesRecipe = { ...hour, seed, restarts, retainedPerRestart: stepMiB * MiB };
          const result = analyse(generateSeries(recipe), recipe, 'given');
          expect(result.verdict).toBe('leak');
          expect(Math.abs(result.retainedBytesPerRestart - stepMiB * MiB)).toBeLessThan(2 * MiB);
        },
      ),
      { numRuns: 60 },
    );
  });
});
