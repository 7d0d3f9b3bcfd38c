// The small memory badges on an operator: which kinds of memory it uses, in Flink's words, and where each badge
// goes in a row of limited width (what does not fit collapses into "+n").
import { estimateTextWidth } from './text-fit';
import type { MemoryKinds } from './topology-layout';

export type MemoryKind = keyof MemoryKinds;

export interface MemoryBadgeInfo {
  kind: MemoryKind;
  label: string;
  /** One line on what it is and which limit it counts against. */
  meaning: string;
}

export const MEMORY_BADGES: readonly MemoryBadgeInfo[] = [
  { kind: 'heap', label: 'heap', meaning: 'JVM heap (task heap, -Xmx): objects the garbage collector frees' },
  {
    kind: 'direct',
    label: 'direct',
    meaning: 'Task off-heap: DirectByteBuffers counted against -XX:MaxDirectMemorySize',
  },
  {
    kind: 'network',
    label: 'net',
    meaning: 'Network buffers: direct memory from the network pool, for its input and output channels',
  },
  {
    kind: 'native',
    label: 'native',
    meaning: 'Native / Unsafe memory (managed memory for RocksDB, ChronicleMap): resident, no JVM limit',
  },
  { kind: 'mapped', label: 'mapped', meaning: 'Memory-mapped files (the JVM "mapped" buffer pool)' },
];

export const BADGE_FONT_SIZE = 9.5;
export const BADGE_HEIGHT = 15;
const BADGE_PADDING = 5;
const BADGE_GAP = 4;

export interface PlacedBadge {
  kind: MemoryKind | 'more';
  label: string;
  x: number;
  width: number;
}

const widthOf = (label: string) =>
  Math.ceil(estimateTextWidth(label, BADGE_FONT_SIZE, true)) + 2 * BADGE_PADDING;

/** Badges for the kinds in use, left to right from x = 0, within `maxWidth`. */
export function placeBadges(memory: MemoryKinds, maxWidth: number): PlacedBadge[] {
  const used = MEMORY_BADGES.filter((badge) => memory[badge.kind]);
  const placed: PlacedBadge[] = [];
  let x = 0;
  for (const [i, badge] of used.entries()) {
    const width = widthOf(badge.label);
    const rest = used.length - i - 1;
    // Keep room for a "+n" badge unless this is the last one.
    const reserve = rest > 0 ? BADGE_GAP + widthOf(`+${rest}`) : 0;
    if (x + width + reserve > maxWidth && rest > 0) {
      const more = `+${rest + 1}`;
      placed.push({ kind: 'more', label: more, x, width: widthOf(more) });
      return placed;
    }
    placed.push({ kind: badge.kind, label: badge.label, x, width });
    x += width + BADGE_GAP;
  }
  return placed;
}

/** "heap, direct (task off-heap), network buffers" for tooltips and accessible names. */
export function describeMemory(memory: MemoryKinds): string {
  const words: Record<MemoryKind, string> = {
    heap: 'heap',
    direct: 'direct (task off-heap)',
    network: 'network buffers',
    native: 'native (Unsafe)',
    mapped: 'mapped files',
  };
  const used = MEMORY_BADGES.filter((badge) => memory[badge.kind]).map((badge) => words[badge.kind]);
  return used.length > 0 ? used.join(', ') : 'none';
}
