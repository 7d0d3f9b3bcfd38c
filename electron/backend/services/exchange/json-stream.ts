// JSON written in pieces: the same text JSON.stringify(value, null, indent) gives, byte for byte, but the arrays that
// grow with an investigation (its audit events, the chain's links) are read a page at a time while the text is
// written, so no piece of the document larger than a page is ever held. Everything else is stringified natively.

/** An array read a page at a time as its JSON is written; never materialised whole by streamJson. */
export class LazyJsonArray<T> {
  constructor(readonly pages: () => AsyncIterable<readonly T[]>) {}

  /** Collects every item: for a caller that needs the value itself, not its JSON text. */
  async collect(): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages()) for (const item of page) items.push(item);
    return items;
  }

  toJSON(): never {
    throw new Error('A LazyJsonArray is written by streamJson, not JSON.stringify.');
  }
}

function holdsLazy(value: unknown): boolean {
  if (value instanceof LazyJsonArray) return true;
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return value.some(holdsLazy);
  for (const key in value) if (holdsLazy((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** Whether JSON.stringify leaves an object's property out. */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * Yields JSON.stringify(value, null, indent) in pieces (a page of a lazy array, or a run of small values).
 * `value` must be JSON-serialisable apart from its LazyJsonArrays; it is read as it is written.
 */
export async function* streamJson(value: unknown, indent: number): AsyncGenerator<string> {
  // Indented output puts every item on its own lines, which is what lets a page be spliced in.
  if (!Number.isInteger(indent) || indent < 1 || indent > 10)
    throw new RangeError(`streamJson: indent must be a whole number from 1 to 10, not ${indent}`);
  yield* write(value, 0, ' '.repeat(indent));
}

async function* write(value: unknown, depth: number, gap: string): AsyncGenerator<string> {
  const here = `\n${gap.repeat(depth)}`;
  if (value instanceof LazyJsonArray) {
    let started = false;
    for await (const page of value.pages()) {
      if (page.length === 0) continue;
      // One native stringify per page, nested `depth` arrays deep so its items come out indented where they go;
      // the wrappers' brackets and line breaks are then cut off (their lengths follow from depth and gap).
      let wrapped: unknown = page;
      for (let i = 0; i < depth; i++) wrapped = [wrapped];
      const text = JSON.stringify(wrapped, null, gap);
      const triangle = (gap.length * depth * (depth + 1)) / 2;
      const piece = text.slice(2 * depth + 1 + triangle, text.length - 2 * (depth + 1) - triangle);
      yield `${started ? ',' : '['}${piece}`;
      started = true;
    }
    yield started ? `${here}]` : '[]';
    return;
  }
  if (!holdsLazy(value)) {
    const text = JSON.stringify(value, null, gap);
    yield depth === 0 ? text : text.replaceAll('\n', here);
    return;
  }
  const inner = `${here}${gap}`;
  if (Array.isArray(value)) {
    // Holds a lazy array, so it is not empty.
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '[' : ','}${inner}`;
      const item = value[i];
      if (omitted(item)) yield 'null';
      else yield* write(item, depth + 1, gap);
    }
    yield `${here}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => !omitted(v));
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i]!;
    yield `${i === 0 ? '{' : ','}${inner}${JSON.stringify(key)}: `;
    yield* write(item, depth + 1, gap);
  }
  yield `${here}}`;
}
