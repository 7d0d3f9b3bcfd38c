import { describe, expect, it } from 'vitest';
import { operatorSeriesKey, parseSeriesKey, taskManagerSeriesKey } from './series-keys';

describe('series keys', () => {
  it('round-trips TaskManager and operator keys, metric names with dots included', () => {
    const tm = taskManagerSeriesKey('tm-3', 'Status.JVM.Memory.Direct.MemoryUsed');
    expect(tm).toBe('tm/tm-3/Status.JVM.Memory.Direct.MemoryUsed');
    expect(parseSeriesKey(tm)).toEqual({
      scope: 'tm',
      owner: 'tm-3',
      metric: 'Status.JVM.Memory.Direct.MemoryUsed',
    });
    const op = operatorSeriesKey('currency-convert', 'backPressuredTimeMsPerSecond');
    expect(op).toBe('op/currency-convert/backPressuredTimeMsPerSecond');
    expect(parseSeriesKey(op)).toEqual({
      scope: 'op',
      owner: 'currency-convert',
      metric: 'backPressuredTimeMsPerSecond',
    });
  });

  it('refuses keys of another shape', () => {
    for (const key of ['tm/tm-1', 'job/x/y', 'tm//metric', '', 'op/a/'])
      expect(parseSeriesKey(key), key).toBeNull();
  });
});
