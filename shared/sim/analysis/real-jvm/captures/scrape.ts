// What a Prometheus server would have stored of a capture: the value of a gauge at each scrape, taken every `stepSec`
// with the scrape's own timing jitter (a scrape reads the latest value the exporter holds). Test material.

import { seededRandom } from '../../test-series';

export interface Scraped {
  timesSec: Float64Array;
  values: Float64Array[];
}

/**
 * Scrapes `columns` (sampled at `timesSec`, ascending) every `stepSec` from a random phase, each scrape up to
 * `jitterShare` x step early or late, and loses `missShare` of the scrapes (a timeout, a restarted exporter).
 */
export function scrape(
  timesSec: ArrayLike<number>,
  columns: ArrayLike<number>[],
  stepSec: number,
  seed: number,
  jitterShare = 0.1,
  missShare = 0.02,
): Scraped {
  const random = seededRandom(seed);
  const first = timesSec[0] as number;
  const last = timesSec[timesSec.length - 1] as number;
  const times: number[] = [];
  const picked: number[] = [];
  let i = 0;
  for (let t = first + random() * stepSec; t <= last; t += stepSec) {
    const at = Math.min(last, Math.max(first, t + (2 * random() - 1) * jitterShare * stepSec));
    if (random() < missShare) continue;
    // The latest sample at or before the scrape (samples are ascending; scrapes almost so).
    while (i + 1 < timesSec.length && (timesSec[i + 1] as number) <= at) i++;
    while (i > 0 && (timesSec[i] as number) > at) i--;
    times.push(at);
    picked.push(i);
  }
  return {
    timesSec: Float64Array.from(times),
    values: columns.map((column) => Float64Array.from(picked, (k) => column[k] as number)),
  };
}
