// Kept records repeat the same small JSON values: an investigation's experiments mostly carry the same parameters
// (a run again, a branch changing one thing) and the same lists and maps inside them (the failure schedule, the
// payload spikes, an empty list of fixes), and each row parsed on its own would give every record its own copies
// for as long as the record is kept (a soak's 1,000 experiments: about 0.7 KB each). Values read through here are
// frozen, all the way down, so one copy can be shared: texts seen before give the same value, and inside any value,
// short strings, empty lists and maps, and small lists and maps seen recently in any text are one shared copy.

const EMPTY_LIST: readonly unknown[] = Object.freeze([]);
const EMPTY_MAP: Readonly<Record<string, never>> = Object.freeze({});

/** Inner values up to this long (as JSON) are shared between texts; longer ones are rarely the same twice. */
const MAX_SHARED_VALUE_CHARS = 512;
const MAX_SHARED_STRING_CHARS = 64;
/** How many inner values and strings are remembered (each table's least recently seen makes room). */
const SHARED_VALUES = 2048;

/** The value remembered under `key`, now the most recently seen, or `value` remembered under it. */
function remembered<V>(table: Map<string, V>, key: string, value: V): V {
  const known = table.get(key);
  if (known !== undefined) {
    table.delete(key);
    table.set(key, known);
    return known;
  }
  if (table.size >= SHARED_VALUES) table.delete(table.keys().next().value!);
  table.set(key, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

const isEmpty = (value: object): boolean => {
  if (Array.isArray(value)) return value.length === 0;
  for (const _ in value) return false;
  return true;
};

/**
 * A JSON.parse reviver (called on inner values first) replacing each inner value by the one remembered for its
 * JSON, so equal parts of different texts are one object. A remembered value is frozen by the end of the parse
 * that first gave it, before anyone else can hold it. The root is left alone: whole texts are the sharer's own job.
 */
function sharingReviver(values: Map<string, unknown>, shareText: (text: string) => string) {
  return function share(this: unknown, key: string, value: unknown): unknown {
    if (typeof value === 'string') return shareText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (isEmpty(value)) return Array.isArray(value) ? EMPTY_LIST : EMPTY_MAP;
    // The root, whose holder JSON.parse makes as { "": value }: not an inner value (an inner value under the key ""
    // is then left unshared too, which costs only the sharing).
    if (key === '' && (this as Record<string, unknown>)[''] === value) return value;
    const text = JSON.stringify(value);
    return text.length > MAX_SHARED_VALUE_CHARS ? value : remembered(values, text, value);
  };
}

export interface JsonSharer {
  /** The value of a JSON text written by Peel, frozen; the same object for a text read recently. */
  <T>(text: string): T;
  /** A short string (an id a record repeats, who made it) as one copy shared with every value read. */
  text(text: string): string;
  /** How many texts it currently remembers. */
  readonly size: number;
}

/**
 * `capacity` texts are remembered (the one read longest ago makes room), each at most `maxLength` characters:
 * longer texts are parsed and frozen, their empty lists and maps shared, but not remembered.
 */
export function createJsonSharer(capacity = 256, maxLength = 4096): JsonSharer {
  const known = new Map<string, unknown>();
  const strings = new Map<string, string>();
  const shareText = (text: string): string => {
    return text.length > MAX_SHARED_STRING_CHARS ? text : remembered(strings, text, text);
  };
  const reviver = sharingReviver(new Map(), shareText);
  const share = <T>(text: string): T => {
    const hit = known.get(text);
    if (hit !== undefined) {
      known.delete(text);
      known.set(text, hit);
      return hit as T;
    }
    const value = deepFreeze(JSON.parse(text, reviver));
    if (text.length <= maxLength) {
      if (known.size >= capacity) known.delete(known.keys().next().value!);
      known.set(text, value);
    }
    return value as T;
  };
  Object.defineProperty(share, 'size', { get: () => known.size });
  Object.defineProperty(share, 'text', { value: shareText });
  return share as JsonSharer;
}
