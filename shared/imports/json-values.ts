// Splits text holding one or several JSON values one after another (saved REST answers appended to one file, or
// JSON lines) into the values and the line each starts on, so a bad one is reported where it is.
import { ImportError } from './import-error';
import { jsonSyntaxError } from './prometheus-json';

export interface JsonValueAt {
  value: unknown;
  line: number;
}

export function parseJsonValues(text: string, source: string): JsonValueAt[] {
  const values: JsonValueAt[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF' || ch === ',') {
      i++;
      continue;
    }
    if (ch !== '{' && ch !== '[') {
      throw new ImportError(
        'malformed',
        `expected a JSON object or array, found "${text.slice(i, i + 20)}"`,
        {
          source,
          line,
        },
      );
    }
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text[i] as string;
      if (c === '\n') line++;
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    const chunk = text.slice(start, i);
    try {
      values.push({ value: JSON.parse(chunk), line: startLine });
    } catch (error) {
      const inner = jsonSyntaxError(error, chunk, source);
      throw new ImportError(
        'malformed',
        inner.message.slice(source.length + 2).replace(/^line \d+(, column \d+)?: /, ''),
        {
          source,
          line: startLine - 1 + (inner.line ?? 1),
          ...(inner.column === undefined ? {} : { column: inner.column }),
        },
        { cause: error },
      );
    }
  }
  return values;
}
