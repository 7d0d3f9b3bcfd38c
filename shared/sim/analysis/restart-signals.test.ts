import { describe, expect, it } from 'vitest';
import { restartsFromCounter, restartsFromUptime } from './restart-signals';

/** An uptime gauge scraped every `step` s from 0 to `end`, the job (re)started at `starts` (the first before 0). */
function uptimeScrapes(step: number, end: number, starts: number[], lagSec = 0) {
  const times: number[] = [];
  const uptime: number[] = [];
  for (let t = 0; t <= end; t += step) {
    // The gauge was read `lagSec` before the scrape's timestamp.
    const read = t - lagSec;
    const last = Math.max(...starts.filter((s) => s <= read));
    times.push(t);
    uptime.push(read - last);
  }
  return { times, uptime };
}

describe('restartsFromUptime', () => {
  it('places each restart where the uptime says it began, whatever the scrape interval', () => {
    for (const step of [1, 5, 15]) {
      const { times, uptime } = uptimeScrapes(step, 600, [-300, 101.5, 233.25, 478]);
      const found = restartsFromUptime(times, uptime);
      expect(found).toHaveLength(3);
      found.forEach((t, k) => {
        expect(t).toBeCloseTo([101.5, 233.25, 478][k] as number, 6);
      });
    }
  });

  it('finds one restart, not two, when the gauge was read just before it and stamped just after', () => {
    const { times, uptime } = uptimeScrapes(1, 120, [-50, 60.05], 0.25);
    expect(restartsFromUptime(times, uptime)).toHaveLength(1);
  });

  it('finds nothing in a steady uptime, and skips missing samples', () => {
    const { times, uptime } = uptimeScrapes(15, 900, [-10]);
    uptime[3] = Number.NaN;
    expect(restartsFromUptime(times, uptime)).toEqual([]);
  });
});

describe('restartsFromCounter', () => {
  it('puts a restart half way between the scrapes around each rise, and starts over after a reset', () => {
    const times = [0, 10, 20, 30, 40, 50];
    const counts = [2, 2, 3, 5, 0, 1];
    expect(restartsFromCounter(times, counts)).toEqual([15, 25, 45]);
  });
});
