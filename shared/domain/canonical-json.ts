// Canonical JSON: object keys sorted, no whitespace, so the same value always serialises to the same bytes
// (the audit chain hashes this text). Rejects values JSON cannot carry faithfully.

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a value of type ${typeof value}`);
  }
}

/**
 * The canonical JSON of the value `JSON.stringify(value)` writes, in one pass: the same text as
 * `canonicalJson(JSON.parse(JSON.stringify(value)))` (`toJSON` is called, a non-finite number becomes null, an
 * undefined, function or symbol is left out of an object and is null in an array), without the text and the copy
 * in between. A run's detail hash reads megabytes of events this way (run-content.ts).
 */
export function canonicalJsonOfStored(value: unknown): string {
  const text = storedText(value, '');
  if (text === undefined) throw new TypeError(`canonical JSON cannot hold a value of type ${typeof value}`);
  return text;
}

function storedText(input: unknown, key: string): string | undefined {
  let value = input;
  if (typeof value === 'object' && value !== null) {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') value = toJSON.call(value, key);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      // Boxed primitives are written as what they box, as JSON.stringify does.
      if (value instanceof Number || value instanceof String || value instanceof Boolean)
        return storedText(value.valueOf(), key);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += storedText(value[i], String(i)) ?? 'null';
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const name of keys) {
        const text = storedText(record[name], name);
        if (text === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(name)}:${text}`;
      }
      return `${out}}`;
    }
    case 'bigint':
      throw new TypeError('canonical JSON cannot hold a BigInt');
    default:
      return undefined;
  }
}

/** Why a text is not the canonical JSON of the value it parses to. */
export type CanonicalJsonProblem =
  | { kind: 'not-json'; message: string }
  | { kind: 'duplicate-key'; key: string; offset: number }
  | { kind: 'lone-surrogate'; offset: number }
  | { kind: 'not-canonical' };

export type StrictParse = { ok: true; value: unknown } | { ok: false; problem: CanonicalJsonProblem };

/**
 * Parses `text` strictly as canonical JSON: it must be valid JSON with no key repeated in any object, no lone
 * surrogate in any string, and byte for byte the canonical form of what it parses to. JSON.parse alone keeps the
 * last of two equal keys while a hash, a CSV or a person may read the first: a text that can be read two ways is
 * refused, never resolved silently.
 */
export function parseCanonicalJson(text: string): StrictParse {
  const problem = findDuplicateKeyOrLoneSurrogate(text);
  if (problem) return { ok: false, problem };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { kind: 'not-json', message: (error as Error).message } };
  }
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch (error) {
    return { ok: false, problem: { kind: 'not-json', message: (error as Error).message } };
  }
  return canonical === text ? { ok: true, value } : { ok: false, problem: { kind: 'not-canonical' } };
}

export function describeCanonicalProblem(problem: CanonicalJsonProblem): string {
  switch (problem.kind) {
    case 'not-json':
      return `it is not JSON (${problem.message})`;
    case 'duplicate-key':
      return `the key "${problem.key}" appears twice in one object (at character ${problem.offset}), so readers could disagree on its value`;
    case 'lone-surrogate':
      return `a string holds a lone UTF-16 surrogate (at character ${problem.offset}), which is not text`;
    case 'not-canonical':
      return 'it is not in canonical form (keys sorted, no whitespace, numbers and strings written one way)';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * One pass over JSON text that finds a repeated key in an object or a lone surrogate in a string (raw or escaped),
 * without building the value. Malformed JSON is left to JSON.parse to report.
 */
export function findDuplicateKeyOrLoneSurrogate(text: string): CanonicalJsonProblem | null {
  // Per open container: the keys seen so far (objects) or null (arrays).
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const start = i;
      i++;
      let value = '';
      let runStart = i;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === QUOTE) break;
        if (d === BACKSLASH) {
          value += text.slice(runStart, i);
          const e = text[i + 1];
          if (e === 'u') {
            value += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
          } else {
            value +=
              e === 'n'
                ? '\n'
                : e === 't'
                  ? '\t'
                  : e === 'r'
                    ? '\r'
                    : e === 'b'
                      ? '\b'
                      : e === 'f'
                        ? '\f'
                        : e;
            i += 2;
          }
          runStart = i;
          continue;
        }
        i++;
      }
      value += text.slice(runStart, i);
      i++; // the closing quote
      const lone = loneSurrogateAt(value);
      if (lone >= 0) return { kind: 'lone-surrogate', offset: start };
      const keys = stack[stack.length - 1];
      if (expectKey && keys) {
        if (keys.has(value)) return { kind: 'duplicate-key', key: value, offset: start };
        keys.add(value);
        expectKey = false;
      }
      continue;
    }
    if (c === 0x7b /* { */) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(null);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] instanceof Set;
    }
    i++;
  }
  return null;
}

function loneSurrogateAt(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}
