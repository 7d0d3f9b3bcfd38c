// Restart times from the metrics that count or time them, for when an import carries them beside the memory
// series: Flink's job `uptime` / `restartingTime` style gauges (time since the job, or the JVM, last started) and
// counters such as `numRestarts` / `fullRestarts`. Times are in the series' seconds; what is found can be handed to
// analyzeStaircase as `restartsSec` (or as `freshStartsSec` when the uptime is the JVM's own).

/**
 * Restarts seen in an uptime series (seconds since the last start; pass values in seconds): wherever the uptime
 * falls back, something started again, at the scrape's time minus the uptime it reports. That start time is exact
 * whatever the scrape interval. NaN samples are skipped; a steady uptime (no fall) gives no restart.
 */
export function restartsFromUptime(timesSec: ArrayLike<number>, uptimeSec: ArrayLike<number>): number[] {
  const restarts: number[] = [];
  let previous = Number.NaN;
  let previousSec = Number.NaN;
  for (let i = 0; i < Math.min(timesSec.length, uptimeSec.length); i++) {
    const t = timesSec[i] as number;
    const up = uptimeSec[i] as number;
    if (!Number.isFinite(t) || !Number.isFinite(up)) continue;
    // Without a restart the uptime has grown by the time between the scrapes; after one it is at most that time.
    // Between the two (scrapes are stamped a little off the moment the gauge was read) the midpoint decides.
    const gap = t - previousSec;
    if (Number.isFinite(previous) && up < gap + previous / 2) {
      // When it started, which the previous scrape could not yet have seen. A start within one scrape interval of
      // the one before is that one seen again (the gauge read just before the restart, stamped just after).
      const started = Math.min(t, Math.max(previousSec, t - Math.max(0, up)));
      const last = restarts[restarts.length - 1];
      if (last === undefined || started - last > gap) restarts.push(started);
    }
    previous = up;
    previousSec = t;
  }
  return restarts;
}

/**
 * Restarts seen in a counter of restarts: each rise means at least one restart between the two scrapes; it is
 * placed half way between them (the scrapes cannot say closer). Rises of more than one in one scrape interval are
 * one restart here: the series can show no more than one change there. A counter that falls (a fresh JVM, its
 * counters reset) starts again from its new value.
 */
export function restartsFromCounter(timesSec: ArrayLike<number>, counts: ArrayLike<number>): number[] {
  const restarts: number[] = [];
  let previous = Number.NaN;
  let previousSec = Number.NaN;
  for (let i = 0; i < Math.min(timesSec.length, counts.length); i++) {
    const t = timesSec[i] as number;
    const count = counts[i] as number;
    if (!Number.isFinite(t) || !Number.isFinite(count)) continue;
    if (Number.isFinite(previous) && count > previous) restarts.push((previousSec + t) / 2);
    previous = count;
    previousSec = t;
  }
  return restarts;
}
