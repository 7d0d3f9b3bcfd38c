import { describe, expect, it } from 'vitest';
import { describeMemory, placeBadges } from './memory-badges';

const ALL = { heap: true, direct: true, network: true, native: true, mapped: true };

describe('placeBadges', () => {
  it('places the kinds in use left to right without overlap', () => {
    const badges = placeBadges({ ...ALL, native: false, mapped: false }, 200);
    expect(badges.map((b) => b.label)).toEqual(['heap', 'direct', 'net']);
    for (let i = 1; i < badges.length; i++) {
      expect(badges[i]!.x).toBeGreaterThan(badges[i - 1]!.x + badges[i - 1]!.width);
    }
  });

  it('collapses what does not fit into "+n" and stays within the width', () => {
    const badges = placeBadges(ALL, 110);
    const last = badges.at(-1)!;
    expect(last.kind).toBe('more');
    expect(last.x + last.width).toBeLessThanOrEqual(110);
    const shown = badges.filter((b) => b.kind !== 'more').length;
    expect(Number(last.label.slice(1)) + shown).toBe(5);
  });
});

describe('describeMemory', () => {
  it('names the kinds in Flink terms', () => {
    expect(describeMemory({ ...ALL, native: false, mapped: false })).toBe(
      'heap, direct (task off-heap), network buffers',
    );
  });
});
