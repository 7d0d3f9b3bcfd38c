import { describe, expect, it } from 'vitest';
import {
  arrayBufferBytes,
  BACKEND_BUFFER_SLACK_BYTES,
  COLLECTION_SHARE,
  createAfterRunCollector,
  OLD_GARBAGE_SLACK_BYTES,
  oldGenerationBytes,
  shouldCollect,
  tidyWhileSimulating,
  withinShare,
} from './collect-after-run';

/**
 * What a run leaves in the old generation once it is posted (its series, plan and events): `count` arrays that lived
 * through the scavenges of `churn` short-lived objects allocated after them, as a run's do. The caller holds them.
 */
function leftoversOfARun(count: number, length: number, churn: number): number[][] {
  const leftovers = Array.from({ length: count }, (_, k) => Array.from({ length }, (_, i) => i + k + 0.5));
  let shortLived: { i: number } | null = null;
  for (let i = 0; i < churn; i++) shortLived = { i };
  expect(shortLived?.i).toBe(churn - 1);
  expect(leftovers.length).toBe(count);
  return leftovers;
}

describe('collecting after a run', () => {
  it('collects only past the slack over what the last collection kept', () => {
    expect(shouldCollect(10 * 2 ** 20, 10 * 2 ** 20)).toBe(false);
    expect(shouldCollect(10 * 2 ** 20 + OLD_GARBAGE_SLACK_BYTES, 10 * 2 ** 20)).toBe(false);
    expect(shouldCollect(10 * 2 ** 20 + OLD_GARBAGE_SLACK_BYTES + 1, 10 * 2 ** 20)).toBe(true);
    expect(shouldCollect(5, 0, 4)).toBe(true);
  });

  it('leaves collections at most their share of the time', () => {
    expect(COLLECTION_SHARE).toBe(1 / 50);
    // A 40 ms collection ending at t = 1,000 ms: the next no sooner than 2 s later.
    expect(withinShare(40, 1000, 2999)).toBe(false);
    expect(withinShare(40, 1000, 3000)).toBe(true);
    expect(withinShare(0, Number.NEGATIVE_INFINITY, 0)).toBe(true);
  });

  it('waits out its share before collecting again, however much there is to collect', () => {
    // A clock that moves 10 ms at each reading: each collection "takes" 10 ms, so the next waits 500 ms.
    let clock = 0;
    const tidy = createAfterRunCollector({
      slackBytes: 0,
      now: () => {
        clock += 10;
        return clock;
      },
    });
    const grow = () => {
      let leftovers: number[][] | null = leftoversOfARun(4, 100_000, 1_000_000);
      expect(leftovers).toHaveLength(4);
      leftovers = null;
    };
    grow();
    expect(tidy()).toBe(true);
    grow();
    expect(tidy()).toBe(false);
    clock += 200;
    expect(tidy()).toBe(false);
    clock += 300;
    expect(tidy()).toBe(true);
  });

  it("empties the old generation of a run's leftovers, and leaves it alone when there are none", () => {
    const tidy = createAfterRunCollector();
    tidy();
    const before = oldGenerationBytes();
    let leftovers: number[][] | null = leftoversOfARun(8, 200_000, 3_000_000);
    const grown = oldGenerationBytes();
    expect(leftovers).toHaveLength(8);
    expect(grown - before).toBeGreaterThan(8 * 1_600_000 - OLD_GARBAGE_SLACK_BYTES);
    leftovers = null;
    expect(tidy()).toBe(true);
    expect(oldGenerationBytes()).toBeLessThan(grown - 8 * 1_000_000);
    // Nothing new since: no collection.
    expect(tidy()).toBe(false);
  });
});

describe("the backend's tidying of its ArrayBuffers", () => {
  /** Buffers that outlive the scavenges of `churn` short-lived objects, as a cache's decoded series do. */
  function promotedBuffers(count: number, bytes: number, churn: number): Float32Array[] {
    const kept = Array.from({ length: count }, (_, i) => new Float32Array(bytes / 4).fill(i));
    let shortLived: { i: number } | null = null;
    for (let i = 0; i < churn; i++) shortLived = { i };
    expect(shortLived?.i).toBe(churn - 1);
    return kept;
  }

  it('collects ArrayBuffers left for a full collection once they pass the slack', async () => {
    const tidy = createAfterRunCollector({ measure: arrayBufferBytes, slackBytes: 4 * 2 ** 20 });
    tidy();
    const before = arrayBufferBytes();
    let kept: Float32Array[] | null = promotedBuffers(32, 256 * 1024, 2_000_000);
    expect(arrayBufferBytes() - before).toBeGreaterThan(7 * 2 ** 20);
    expect(kept).toHaveLength(32);
    kept = null;
    expect(tidy()).toBe(true);
    // V8 frees the buffers' contents on a background thread once the collection has found them dead: on a busy
    // machine that can come after it returns.
    for (let waited = 0; arrayBufferBytes() >= before + 2 ** 20 && waited < 5_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(arrayBufferBytes()).toBeLessThan(before + 2 ** 20);
    expect(tidy()).toBe(false);
  });

  it('counts from the lowest reading since its last collection, what that collection gave back late', () => {
    let bytes = 20 * 2 ** 20;
    let clock = 0;
    const tidy = createAfterRunCollector({
      measure: () => bytes,
      slackBytes: 8 * 2 ** 20,
      now: () => clock++,
    });
    // The collection's frees arrive after it: 20 MiB at its end, 4 MiB a moment later.
    bytes = 4 * 2 ** 20;
    expect(tidy()).toBe(false);
    // 9 MiB over that is past the slack, though under the 20 MiB read at the end of the collection.
    bytes = 13 * 2 ** 20;
    clock += 10_000;
    expect(tidy()).toBe(true);
  });

  it('is what the worker pool calls once it has handed out runs', () => {
    expect(BACKEND_BUFFER_SLACK_BYTES).toBe(8 * 2 ** 20);
    // Called with nothing to collect: it neither throws nor needs a worker.
    expect(() => tidyWhileSimulating()).not.toThrow();
  });
});
