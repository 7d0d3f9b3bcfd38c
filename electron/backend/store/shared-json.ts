// Kept records repeat the same small JSON values: an investigation's experiments mostly carry the same parameters
// (a run again, a branch changing one thing) and the same empty lists and maps, and each row parsed on its own
// would give every record its own copies for as long as the record is kept (a soak's 1,000 experiments: about
// 0.7 KB each). Values read through here are frozen, all the way down, so one copy can be shared: texts seen
// before give the same value, and empty lists and maps inside any value are one shared empty list or map.

const EMPTY_LIST: readonly unknown[] = Object.freeze([]);
const EMPTY_MAP: Readonly<Record<string, never>> = Object.freeze({});

/** Replaces empty lists and maps by the shared ones as JSON.parse builds a value (inner values first). */
function shareEmpty(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.length === 0 ? EMPTY_LIST : value;
  for (const _ in value) return value;
  return EMPTY_MAP;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

export interface JsonSharer {
  /** The value of a JSON text written by Peel, frozen; the same object for a text read recently. */
  <T>(text: string): T;
  /** How many texts it currently remembers. */
  readonly size: number;
}

/**
 * `capacity` texts are remembered (the one read longest ago makes room), each at most `maxLength` characters:
 * longer texts are parsed and frozen, their empty lists and maps shared, but not remembered.
 */
export function createJsonSharer(capacity = 256, maxLength = 4096): JsonSharer {
  const known = new Map<string, unknown>();
  const share = <T>(text: string): T => {
    const hit = known.get(text);
    if (hit !== undefined) {
      known.delete(text);
      known.set(text, hit);
      return hit as T;
    }
    const value = deepFreeze(JSON.parse(text, shareEmpty));
    if (text.length <= maxLength) {
      if (known.size >= capacity) known.delete(known.keys().next().value!);
      known.set(text, value);
    }
    return value as T;
  };
  Object.defineProperty(share, 'size', { get: () => known.size });
  return share as JsonSharer;
}
