import { describe, expect, it } from 'vitest';
import { verdictSentence } from './verdict-sentence';

const MiB = 2 ** 20;

describe('verdictSentence', () => {
  it('says a leak retains memory after each restart and whether it ended in OOMs', () => {
    expect(
      verdictSentence({ verdict: 'leak', retainedBytesPerRestart: 128 * MiB, restarts: 11, ooms: 313 }),
    ).toBe('leak: +128 MiB retained after each restart over 11 restarts, ending in 313 OOMs');
    expect(
      verdictSentence({ verdict: 'leak', retainedBytesPerRestart: 128 * MiB, restarts: 1, ooms: 0 }),
    ).toBe('leak: +128 MiB retained after each restart over 1 restart, no OOM yet');
  });

  it('says a saw-tooth that still ends in OOMs does so, in words', () => {
    const sentence = verdictSentence({
      verdict: 'sawtooth',
      retainedBytesPerRestart: 128 * MiB,
      restarts: 11,
      ooms: 399,
    });
    expect(sentence).toBe(
      'saw-tooth that still ends in OOMs: garbage collection cuts it back, but +128 MiB stays after each restart and 399 OOMs follow',
    );
    expect(
      verdictSentence({ verdict: 'sawtooth', retainedBytesPerRestart: 64 * MiB, restarts: 4, ooms: 0 }),
    ).toMatch(/cut back by garbage collection before it runs out$/);
  });

  it('never calls a blip "per restart", and names OOMs a blip cannot explain', () => {
    const blip = verdictSentence({
      verdict: 'blip',
      retainedBytesPerRestart: 205 * MiB,
      restarts: 11,
      ooms: 0,
    });
    expect(blip).toBe('blip: +205 MiB kept after some restarts, not after every one, then flat');
    expect(blip).not.toMatch(/per restart/);
    expect(verdictSentence({ verdict: 'blip', retainedBytesPerRestart: 0, restarts: 11, ooms: 2 })).toBe(
      'blip: a rise right after restarts that settles back; yet 2 OOMs: something else runs out',
    );
  });

  it('says flat with the restarts that make it mean something', () => {
    expect(verdictSentence({ verdict: 'flat', retainedBytesPerRestart: 0, restarts: 11, ooms: 0 })).toBe(
      'flat: no lasting change over 11 restarts',
    );
    expect(
      verdictSentence({ verdict: null, retainedBytesPerRestart: null, restarts: null, ooms: null }),
    ).toBe('no verdict');
  });
});
