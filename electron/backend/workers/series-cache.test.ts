import { describe, expect, it } from 'vitest';
import type { StoredSeries } from '../store/runs-store';
import { SeriesCache } from './lab-runtime';

function series(key: string): StoredSeries {
  return { key, startSec: 0, stepSec: 1, values: new Float32Array([1, 2, 3]), min: 1, max: 3 };
}

describe('SeriesCache.getAsync', () => {
  it('loads a series once for readers that ask while it loads, then keeps it', async () => {
    const cache = new SeriesCache(4);
    let loads = 0;
    let finish: (value: StoredSeries) => void = () => {};
    const load = () => {
      loads++;
      return new Promise<StoredSeries>((resolve) => {
        finish = resolve;
      });
    };
    const first = cache.getAsync('run-1', 'k', load);
    const second = cache.getAsync('run-1', 'k', load);
    finish(series('k'));
    const [a, b] = await Promise.all([first, second]);
    expect(loads).toBe(1);
    expect(b).toBe(a);
    expect(await cache.getAsync('run-1', 'k', load)).toBe(a);
    expect(cache.get('run-1', 'k', () => undefined)).toBe(a);
    expect(loads).toBe(1);
  });

  it('keeps nothing for a series that is not there, and loads again after a failed load', async () => {
    const cache = new SeriesCache(4);
    let loads = 0;
    expect(
      await cache.getAsync('run-1', 'missing', async () => {
        loads++;
        return undefined;
      }),
    ).toBeUndefined();
    await expect(
      cache.getAsync('run-1', 'bad', async () => {
        loads++;
        throw new Error('series blob fails its check');
      }),
    ).rejects.toThrow(/fails its check/);
    const found = await cache.getAsync('run-1', 'bad', async () => {
      loads++;
      return series('bad');
    });
    expect(found?.key).toBe('bad');
    expect(loads).toBe(3);
  });

  it('keeps at most its capacity, dropping the least recently used', async () => {
    const cache = new SeriesCache(2);
    for (const key of ['a', 'b', 'c']) await cache.getAsync('run-1', key, async () => series(key));
    let reloaded = 0;
    await cache.getAsync('run-1', 'a', async () => {
      reloaded++;
      return series('a');
    });
    await cache.getAsync('run-1', 'c', async () => {
      reloaded++;
      return series('c');
    });
    expect(reloaded).toBe(1);
  });
});
