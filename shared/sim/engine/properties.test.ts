// Properties that hold for any experiment: memory never negative, the direct limit never silently exceeded (a
// refused reservation is an OOM event), and the same parameters give the same run bit for bit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listScenarios } from '../scenarios/scenario-info';
import { METRIC } from './metric-names';
import type { SimulationRun } from './run-types';
import { runSimulation } from './simulation';

const scenarios = listScenarios();

const experiment = fc
  .record({
    scenario: fc.constantFrom(...scenarios.map((s) => s.id)),
    variantPick: fc.nat(3),
    hours: fc.constantFrom(0.1, 0.25, 0.5),
    parallelism: fc.integer({ min: 1, max: 4 }),
    seed: fc.nat(1_000_000),
    control: fc.boolean(),
    fixAll: fc.boolean(),
    removedPick: fc.constantFrom([], ['layer2'], ['layer3'], ['layer2', 'layer3'], ['kvstore-enrich']),
    shutdowns: fc.array(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.integer({ min: 1, max: 2 }) }),
      {
        maxLength: 3,
      },
    ),
    pause: fc.option(
      fc.record({
        from: fc.double({ min: 0, max: 0.8, noNaN: true }),
        slowdown: fc.constantFrom(0, 0.1, 0.5),
      }),
    ),
    spike: fc.option(fc.double({ min: 1.5, max: 8, noNaN: true })),
    explicitGc: fc.boolean(),
  })
  .map((x) => {
    const duration = Math.round(x.hours * 3600);
    const info = scenarios.find((s) => s.id === x.scenario);
    const variants = info?.variants ?? [];
    return {
      scenario: x.scenario,
      variant:
        variants.length > 0 && x.variantPick < variants.length ? variants[x.variantPick]?.id : undefined,
      hours: x.hours,
      parallelism: x.parallelism,
      seed: x.seed,
      control: x.control,
      fixes: x.fixAll ? ['all'] : [],
      removed: x.control ? [] : [...x.removedPick],
      failContainers: x.shutdowns.map((s) => ({ atSec: Math.floor(s.at * (duration - 1)), count: s.count })),
      pauseSink: x.pause
        ? [{ fromSec: Math.floor(x.pause.from * duration), toSec: duration, slowdown: x.pause.slowdown }]
        : [],
      payloadSpikes: x.spike
        ? [{ fromSec: Math.floor(duration / 3), toSec: Math.floor((2 * duration) / 3), factor: x.spike }]
        : [],
      configOverrides: (x.explicitGc ? { 'env.java.opts': '' } : {}) as Record<string, string>,
    };
  });

function everySample(
  run: SimulationRun,
  check: (tm: string, metric: string, t: number, v: number) => void,
): void {
  for (const tm of run.taskManagers) {
    for (const [metric, values] of Object.entries(tm.series)) {
      for (let t = 0; t < values.length; t++) check(tm.id, metric, t, values[t] as number);
    }
  }
}

describe('simulator properties (fast-check)', () => {
  it('never reports negative memory, and never lets direct MemoryUsed past the limit', () => {
    fc.assert(
      fc.property(experiment, (params) => {
        const run = runSimulation(params);
        let bad = '';
        everySample(run, (tm, metric, t, v) => {
          if (bad === '' && (Number.isNaN(v) ? false : !(v >= 0) || !Number.isFinite(v)))
            bad = `${tm} ${metric}[${t}] = ${v}`;
        });
        expect(bad).toBe('');
        for (const tm of run.taskManagers) {
          const direct = tm.series[METRIC.directMemoryUsed];
          for (let t = 0; t < direct.length; t++) {
            if ((direct[t] as number) > tm.directLimit)
              throw new Error(`${tm.id} direct ${direct[t]} > ${tm.directLimit} at ${t}`);
          }
        }
        for (const oom of run.events.filter(
          (e) => e.kind === 'oom' && e.message.includes('direct buffer memory'),
        )) {
          const match = /allocated: (\d+), limit: (\d+)/.exec(oom.message);
          expect(Number(match?.[1])).toBeLessThanOrEqual(Number(match?.[2]));
        }
      }),
      { numRuns: 40, seed: 4242 },
    );
  });

  it('gives the same run for the same parameters, bit for bit', () => {
    fc.assert(
      fc.property(experiment, (params) => {
        const a = runSimulation(params);
        const b = runSimulation(JSON.parse(JSON.stringify(params)));
        expect(b.events).toEqual(a.events);
        expect(b.analysis).toEqual(a.analysis);
        a.taskManagers.forEach((tm, k) => {
          for (const [metric, values] of Object.entries(tm.series)) {
            const other = b.taskManagers[k]?.series[metric as keyof typeof tm.series];
            const bytesA = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
            const bytesB = other
              ? new Uint8Array(other.buffer, other.byteOffset, other.byteLength)
              : new Uint8Array();
            expect(Buffer.compare(Buffer.from(bytesA), Buffer.from(bytesB)), `${tm.id} ${metric}`).toBe(0);
          }
        });
        a.operators.forEach((op, o) => {
          const other = b.operators[o]?.backPressuredTimeMsPerSecond as Float32Array;
          expect(
            Buffer.compare(Buffer.from(op.backPressuredTimeMsPerSecond.buffer), Buffer.from(other.buffer)),
          ).toBe(0);
        });
      }),
      { numRuns: 12, seed: 77 },
    );
  });

  it('changes the run when only the seed changes', () => {
    const a = runSimulation({ scenario: 'offheap-map-leak', hours: 1, parallelism: 4, seed: 1 });
    const b = runSimulation({ scenario: 'offheap-map-leak', hours: 1, parallelism: 4, seed: 2 });
    expect(Array.from(a.taskManagers[0]?.series[METRIC.directMemoryUsed] ?? [])).not.toEqual(
      Array.from(b.taskManagers[0]?.series[METRIC.directMemoryUsed] ?? []),
    );
  });
});
