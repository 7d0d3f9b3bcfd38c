import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';
import { FlinkConfigError } from './flink-config-error';

describe('parseDuration', () => {
  it('reads Flink durations as milliseconds', () => {
    const cases: Array<[string, number]> = [
      ['1 s', 1000],
      ['10 min', 600_000],
      ['1h', 3_600_000],
      ['500 ms', 500],
      ['60000', 60_000],
      ['2 d', 172_800_000],
      ['1 day', 86_400_000],
      ['3 days', 259_200_000],
      ['1 hours', 3_600_000],
      ['5 minutes', 300_000],
      ['1 minute', 60_000],
      ['30 sec', 30_000],
      ['30 secs', 30_000],
      ['1 second', 1000],
      ['1 MIN', 60_000],
      ['7 millis', 7],
      ['1000000 ns', 1],
      ['2 nanos', 0.000002],
      ['1500 µs', 1.5],
      ['3 micros', 0.003],
      ['  10   s  ', 10_000],
    ];
    for (const [text, ms] of cases) expect(parseDuration(text), text).toBe(ms);
  });

  it('rejects units Flink does not know, listing the ones it does', () => {
    expect(() => parseDuration('5 mins')).toThrow(
      "Time interval unit label 'mins' does not match any of the recognized units: DAYS: (d | day | days), HOURS: (h | hour | hours), MINUTES: (min | minute | minutes), SECONDS: (s | sec | secs | second | seconds), MILLISECONDS: (ms | milli | millis | millisecond | milliseconds), MICROSECONDS: (µs | micro | micros | microsecond | microseconds), NANOSECONDS: (ns | nano | nanos | nanosecond | nanoseconds)",
    );
    expect(() => parseDuration('10 us')).toThrow("Time interval unit label 'us'");
  });

  it('rejects signs, decimals and empty text', () => {
    expect(() => parseDuration('-1 s')).toThrow('text does not start with a number');
    expect(() => parseDuration('1.5 s')).toThrow("unit label '.5 s'");
    expect(() => parseDuration('')).toThrow('argument is an empty- or whitespace-only string');
    expect(() => parseDuration('99999999999999999999 ms')).toThrow('numeric overflow');
  });

  it('names the key and value when given a key', () => {
    try {
      parseDuration('soon', 'restart-strategy.fixed-delay.delay');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FlinkConfigError);
      expect((error as FlinkConfigError).message).toBe(
        "Could not parse value 'soon' for key 'restart-strategy.fixed-delay.delay'.",
      );
      expect((error as FlinkConfigError).keys).toEqual(['restart-strategy.fixed-delay.delay']);
    }
  });
});
