// Reads one recorded capture (TaskManagerProbe.java: NAME.csv and NAME.json) into series. Test material: pure text
// in, arrays out, so the tests and the verdict table share it; errors name the file and line.

export type CaptureKind = 'sporadic-leak' | 'restart-blip' | 'gc-left-step' | 'unsafe-leak';

export interface Capture {
  name: string;
  kind: CaptureKind;
  /** Seconds from the start of the recording. */
  timesSec: Float64Array;
  /** BufferPoolMXBean "direct" MemoryUsed, bytes. */
  direct: Float64Array;
  /** Resident set size (VmRSS, recorded in KiB), bytes. */
  rss: Float64Array;
  /** When each job restart's close() ran, seconds. */
  restartsSec: number[];
  /** What each restart's close() did ("leaked 5242880", "freed", "dropped 2228224", "restored"). */
  restartNotes: string[];
  jvmFlags: string[];
}

const KINDS = new Set<string>(['sporadic-leak', 'restart-blip', 'gc-left-step', 'unsafe-leak']);

export function parseCapture(name: string, csv: string, json: string): Capture {
  const meta = JSON.parse(json) as {
    kind?: unknown;
    restartsMs?: unknown;
    restartNotes?: unknown;
    jvmFlags?: unknown;
  };
  if (typeof meta.kind !== 'string' || !KINDS.has(meta.kind)) {
    throw new Error(`${name}.json: kind ${JSON.stringify(meta.kind)} is not one of ${[...KINDS].join(', ')}`);
  }
  if (!Array.isArray(meta.restartsMs) || !meta.restartsMs.every((t) => typeof t === 'number')) {
    throw new Error(`${name}.json: restartsMs must be an array of numbers`);
  }
  const lines = csv.trim().split('\n');
  if (lines[0]?.trim() !== 'time_ms,direct_bytes,rss_kib') {
    throw new Error(`${name}.csv line 1: expected the header "time_ms,direct_bytes,rss_kib"`);
  }
  const rows = lines.length - 1;
  const timesSec = new Float64Array(rows);
  const direct = new Float64Array(rows);
  const rss = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const cells = (lines[i + 1] as string).split(',').map(Number);
    if (cells.length !== 3 || !cells.every(Number.isFinite)) {
      throw new Error(`${name}.csv line ${i + 2}: expected three numbers, found "${lines[i + 1]}"`);
    }
    timesSec[i] = (cells[0] as number) / 1000;
    direct[i] = cells[1] as number;
    rss[i] = 1024 * (cells[2] as number);
  }
  return {
    name,
    kind: meta.kind as CaptureKind,
    timesSec,
    direct,
    rss,
    restartsSec: (meta.restartsMs as number[]).map((ms) => ms / 1000),
    restartNotes: Array.isArray(meta.restartNotes) ? meta.restartNotes.map(String) : [],
    jvmFlags: Array.isArray(meta.jvmFlags) ? meta.jvmFlags.map(String) : [],
  };
}

/**
 * A job uptime gauge (seconds since the job last started) as a metrics reporter computes it at each of `timesSec`:
 * from the restart times, the job having started `sinceSec` before the recording. Flink's job `uptime` metric is
 * this (in ms); scraping it is scraping this function.
 */
export function jobUptime(
  timesSec: ArrayLike<number>,
  restartsSec: readonly number[],
  sinceSec: number,
): Float64Array {
  return Float64Array.from(timesSec, (t) => {
    let last = -sinceSec;
    for (const r of restartsSec) if (r <= t) last = r;
    return t - last;
  });
}
