import { describe, expect, it } from 'vitest';
import { ExperimentParamsError, normalizeExperimentParams } from './experiment-params';

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ExperimentParamsError) return error.field;
    throw error;
  }
  throw new Error('expected an ExperimentParamsError');
}

describe('normalizeExperimentParams', () => {
  it("fills every default from the scenario, including the seed's container shutdowns every 30 minutes", () => {
    const params = normalizeExperimentParams({ scenario: 'offheap-map-leak' });
    expect(params).toMatchObject({
      scenario: 'offheap-map-leak',
      variant: null,
      removed: [],
      fixes: [],
      defects: {},
      control: false,
      pauseSink: [],
      hours: 6,
      parallelism: 8,
      seed: 1,
      configOverrides: {},
    });
    expect(params.failContainers.map((f) => f.atSec)).toEqual([
      1800, 3600, 5400, 7200, 9000, 10800, 12600, 14400, 16200, 18000, 19800,
    ]);
    expect(params.failContainers[0]).toEqual({ atSec: 1800, count: 2 });
    // Layer 2's replay after each restart: large RPC payloads for five minutes after each shutdown.
    expect(params.payloadSpikes).toEqual(
      params.failContainers.map((f) => ({ fromSec: f.atSec, toSec: f.atSec + 300, factor: 3 })),
    );
  });

  it("follows the shutdowns chosen: the seed's replay spikes come after the experiment's own shutdowns", () => {
    const chosen = normalizeExperimentParams({
      scenario: 'offheap-map-leak',
      hours: 1,
      failContainers: [
        { atSec: 600, count: 1 },
        { atSec: 3500, count: 1 },
      ],
    });
    expect(chosen.payloadSpikes).toEqual([
      { fromSec: 600, toSec: 900, factor: 3 },
      { fromSec: 3500, toSec: 3600, factor: 3 },
    ]);
    expect(
      normalizeExperimentParams({ scenario: 'offheap-map-leak', failContainers: [] }).payloadSpikes,
    ).toEqual([]);
    // Stated spikes are kept as stated.
    expect(
      normalizeExperimentParams({ scenario: 'offheap-map-leak', payloadSpikes: [] }).payloadSpikes,
    ).toEqual([]);
  });

  it('is stable: normalizing normalized params gives the same object, and it survives JSON', () => {
    const once = normalizeExperimentParams({
      scenario: 'offheap-map-leak',
      fixes: ['all'],
      removed: ['layer3'],
    });
    expect(normalizeExperimentParams(once)).toEqual(once);
    expect(normalizeExperimentParams(JSON.parse(JSON.stringify(once)))).toEqual(once);
    expect(once.fixes).toEqual(['free-map-in-close']);
  });

  it('keeps an explicit empty fault list (no faults), unlike a missing one', () => {
    expect(
      normalizeExperimentParams({ scenario: 'offheap-map-leak', failContainers: [] }).failContainers,
    ).toEqual([]);
  });

  it('names the field of every bad parameter', () => {
    expect(fieldOf(() => normalizeExperimentParams({ scenario: 'nope' }))).toBe('scenario');
    expect(
      fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', removed: ['nope'] })),
    ).toBe('removed[0]');
    expect(
      fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', removed: ['layer1'] })),
    ).toBe('removed');
    expect(fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', fixes: ['x'] }))).toBe(
      'fixes[0]',
    );
    expect(fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', variant: 'x' }))).toBe(
      'variant',
    );
    expect(
      fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', defects: { x: true } })),
    ).toBe('defects.x');
    expect(fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', hours: 0 }))).toBe(
      'hours',
    );
    expect(fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', parallelism: 2.5 }))).toBe(
      'parallelism',
    );
    expect(fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', seed: -1 }))).toBe('seed');
    expect(
      fieldOf(() =>
        normalizeExperimentParams({ scenario: 'offheap-map-leak', failContainers: [{ atSec: 99999 }] }),
      ),
    ).toBe('failContainers[0].atSec');
    expect(
      fieldOf(() =>
        normalizeExperimentParams({
          scenario: 'offheap-map-leak',
          failContainers: [{ atSec: 60, names: ['tm-99'] }],
        }),
      ),
    ).toBe('failContainers[0].names[0]');
    expect(
      fieldOf(() =>
        normalizeExperimentParams({ scenario: 'offheap-map-leak', pauseSink: [{ fromSec: 60, toSec: 30 }] }),
      ),
    ).toBe('pauseSink[0].toSec');
    expect(
      fieldOf(() =>
        normalizeExperimentParams({
          scenario: 'offheap-map-leak',
          payloadSpikes: [{ fromSec: 1, toSec: 2, factor: -1 }],
        }),
      ),
    ).toBe('payloadSpikes[0].factor');
    expect(
      fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', configOverrides: { a: 5 } })),
    ).toBe('configOverrides.a');
    expect(
      fieldOf(() => normalizeExperimentParams({ scenario: 'offheap-map-leak', parallelism: 64, hours: 48 })),
    ).toBe('hours');
  });
});
