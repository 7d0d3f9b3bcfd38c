// A simulation worker tidies its old generation after it has posted a run back; the backend's thread tidies its
// ArrayBuffers while the workers simulate.
//
// What outlived a run's scavenges (the series built up over its simulated hours, its plan and events) is garbage
// once the run is posted, but V8 collects an old generation only when it has grown past a limit set from its last
// live size, or when the thread goes idle (its memory reducer), and a worker taking run after run is never idle
// for long. In a soak of 1,000 small runs the worker's committed heap then climbed 1 to 1.5 MiB every 100 runs
// (17.6 to 27 MiB), and the process's resident memory with it, until the worker was left idle. So after posting a
// run, a worker whose old generation has grown by more than OLD_GARBAGE_SLACK_BYTES since its last collection
// collects it, on its own thread, after the result is on its way; but collections take at most a fiftieth of the
// worker's time (COLLECTION_SHARE): a sweep's runs come one after another, and a collection after each of its large
// runs (40 ms or more) made auto-peel's 15 runs 0.6 s slower (a twentieth still about 0.3 s; a fiftieth within the
// bench's noise), while a soak's small runs are collected every few runs.
//
// The backend's own thread tidies the same way, watching its ArrayBuffers rather than its old generation, while
// the workers simulate (tidyWhileSimulating).
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Growth of the old generation since the last collection that is collected at once rather than left to V8. */
export const OLD_GARBAGE_SLACK_BYTES = 1 * 2 ** 20;

/** After a collection that took t ms, the next waits until 1 / COLLECTION_SHARE of t has passed since it ended. */
export const COLLECTION_SHARE = 1 / 50;

/** The spaces a full collection empties of a run's leftovers: the old generation and its large objects. */
const OLD_SPACES = new Set(['old_space', 'large_object_space']);

export function oldGenerationBytes(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (OLD_SPACES.has(space.space_name)) used += space.space_used_size;
  }
  return used;
}

/** Whether an old generation using `usedBytes` is to be collected, when it used `keptBytes` after the last one. */
export function shouldCollect(
  usedBytes: number,
  keptBytes: number,
  slackBytes = OLD_GARBAGE_SLACK_BYTES,
): boolean {
  return usedBytes - keptBytes > slackBytes;
}

/**
 * V8's full collection, which Node gives only under --expose-gc: a worker cannot take V8 flags in its execArgv, so
 * the flag is set now and read by a new context, which then carries the function. The flag is the process's, but
 * only contexts made from now on see it; no code of Peel's looks for a global `gc`.
 */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  const collect: unknown = runInNewContext('gc');
  if (typeof collect !== 'function') throw new Error('V8 gave no gc function under --expose-gc');
  return collect as () => void;
}

/** Whether a collection that took `tookMs` and ended at `endedAtMs` leaves room for another at `nowMs`. */
export function withinShare(
  tookMs: number,
  endedAtMs: number,
  nowMs: number,
  share = COLLECTION_SHARE,
): boolean {
  return nowMs - endedAtMs >= tookMs / share;
}

/**
 * The bytes of the thread's ArrayBuffers (decoded series, blobs read from SQLite, inflated data), as Node's
 * allocator counts them: freed at once by a collection, where V8's own external-memory figure lags a collection
 * behind. Those that outlive two scavenges (a cache's decoded series, say) are freed only by a full collection,
 * which V8 starts from the JS heap's growth, not theirs.
 */
export function arrayBufferBytes(): number {
  return process.memoryUsage().arrayBuffers;
}

export interface CollectorOptions {
  /** Growth of `measure` since the last collection that is collected at once. */
  slackBytes?: number;
  now?: () => number;
  /** What is watched: by default the old generation. */
  measure?: () => number;
}

/** A tidier for one thread: call it once a run is posted; it says whether it collected. */
export function createAfterRunCollector(options: CollectorOptions = {}): () => boolean {
  const slackBytes = options.slackBytes ?? OLD_GARBAGE_SLACK_BYTES;
  const now = options.now ?? (() => performance.now());
  const measure = options.measure ?? oldGenerationBytes;
  const collect = fullCollection();
  let kept = measure();
  let tookMs = 0;
  let endedAtMs = Number.NEGATIVE_INFINITY;
  return () => {
    const measured = measure();
    // What a collection freed can still be on its way back after it returns (V8 frees ArrayBuffers' contents on a
    // background thread): the lowest reading since then is what it kept.
    kept = Math.min(kept, measured);
    if (!shouldCollect(measured, kept, slackBytes)) return false;
    if (!withinShare(tookMs, endedAtMs, now())) return false;
    const startedAt = now();
    collect();
    endedAtMs = now();
    tookMs = endedAtMs - startedAt;
    kept = measure();
    return true;
  };
}

/**
 * Growth of the backend thread's ArrayBuffers since its last collection that is collected while a worker
 * simulates (tidyWhileSimulating).
 */
export const BACKEND_BUFFER_SLACK_BYTES = 8 * 2 ** 20;

let backendTidier: (() => boolean) | null = null;

/**
 * The backend's thread, which hands the workers their runs, tidies its own heap while they simulate: called once
 * runs have been handed out, on the next turn of the event loop (the request that started a run has its answer).
 * What piles up there is ArrayBuffers: in a soak of 1,000 runs, the series its reads decoded and cached reached
 * 20 MiB of ArrayBuffers between V8's own full collections, and glibc's main arena kept that high-water mark (+15
 * MiB of resident memory from one step early in the soak, never given back). A collection once they have grown by
 * BACKEND_BUFFER_SLACK_BYTES, at most COLLECTION_SHARE of the thread's time, held the arena level and the server
 * about 25 MiB lower.
 */
export function tidyWhileSimulating(): void {
  backendTidier ??= createAfterRunCollector({
    measure: arrayBufferBytes,
    slackBytes: BACKEND_BUFFER_SLACK_BYTES,
  });
  backendTidier();
}
