import { describe, expect, it } from 'vitest';
import type { ExperimentParams } from '../../../shared/contract/lab-entities';
import { scheduleOf, shutdownsFrom, toggleRemoved } from './derive-params';

describe('derive params', () => {
  it('round-trips a regular shutdown schedule', () => {
    const failContainers = shutdownsFrom({ everyMin: 30, firstMin: 30, count: 2 }, 6);
    expect(failContainers).toHaveLength(11);
    expect(failContainers[0]).toEqual({ atSec: 1800, count: 2 });
    expect(failContainers.at(-1)).toEqual({ atSec: 19800, count: 2 });
    expect(scheduleOf({ failContainers } as ExperimentParams)).toEqual({
      everyMin: 30,
      firstMin: 30,
      count: 2,
    });
    expect(shutdownsFrom(null, 6)).toEqual([]);
  });

  it('removing a layer replaces removals of its operators; toggling again restores', () => {
    const layers = { layer3: ['currency-convert', 'druid-sink'] };
    const once = toggleRemoved(['currency-convert', 'kvstore-enrich'], 'layer3', layers);
    expect(once).toEqual(['kvstore-enrich', 'layer3']);
    expect(toggleRemoved(once, 'layer3', layers)).toEqual(['kvstore-enrich']);
  });
});
