import { describe, expect, it } from 'vitest';
import { parseFailContainers, parsePauseSink, parsePayloadSpike, parseTimeSpec } from './fault-syntax';

describe('fault syntax', () => {
  it('reads times in seconds, minutes and hours', () => {
    expect(parseTimeSpec('90')).toBe(90);
    expect(parseTimeSpec('30m')).toBe(1800);
    expect(parseTimeSpec('1.5h')).toBe(5400);
    expect(() => parseTimeSpec('soon')).toThrow(/'soon' is not a time/);
    expect(() => parseTimeSpec('-5')).toThrow();
  });

  it('reads container shutdowns by count, by name and repeated', () => {
    expect(parseFailContainers('2@1800, tm-3@1h', 21600)).toEqual([
      { atSec: 1800, count: 2 },
      { atSec: 3600, names: ['tm-3'] },
    ]);
    expect(parseFailContainers('1@30m/30m', 7200).map((f) => f.atSec)).toEqual([1800, 3600, 5400]);
    expect(() => parseFailContainers('2at1800', 100)).toThrow(/not N@SECONDS/);
    expect(() => parseFailContainers('x@10', 100)).toThrow(/neither a number/);
    expect(() => parseFailContainers('0@10', 100)).toThrow(/at least 1/);
  });

  it('reads sink pauses and payload spikes', () => {
    expect(parsePauseSink('600:900')).toEqual({ fromSec: 600, toSec: 900, slowdown: 0 });
    expect(parsePauseSink('10m:15m:0.1')).toEqual({ fromSec: 600, toSec: 900, slowdown: 0.1 });
    expect(parsePayloadSpike('45m:1h:4')).toEqual({ fromSec: 2700, toSec: 3600, factor: 4 });
    expect(() => parsePauseSink('600')).toThrow(/FROM:TO/);
    expect(() => parsePayloadSpike('1:2')).toThrow(/FROM:TO:FACTOR/);
  });
});
