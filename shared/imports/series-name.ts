// Series names the way Prometheus prints them: `metric{label="value", ...}`. Label values escape `\\`, `\"` and
// `\n`; the Java simpleclient writes a trailing comma (`{a="b",}`), accepted here.

export type LabelsRead =
  | { ok: true; labels: Record<string, string>; end: number }
  | { ok: false; reason: string; at: number };

/** Reads `{...}` starting at `start` (which must be `{`); `end` is the index after `}`. */
export function readLabelSet(text: string, start: number): LabelsRead {
  const labels: Record<string, string> = {};
  let i = start + 1;
  const skipSpace = () => {
    while (text[i] === ' ' || text[i] === '\t') i++;
  };
  for (;;) {
    skipSpace();
    if (text[i] === '}') return { ok: true, labels, end: i + 1 };
    const nameStart = i;
    while (i < text.length && /[A-Za-z0-9_.:]/.test(text[i] as string)) i++;
    const name = text.slice(nameStart, i);
    if (name === '') {
      return { ok: false, reason: `expected a label name or "}" but found ${describeChar(text, i)}`, at: i };
    }
    skipSpace();
    if (text[i] !== '=') return { ok: false, reason: `expected "=" after label ${name}`, at: i };
    i++;
    skipSpace();
    if (text[i] !== '"') return { ok: false, reason: `expected a quoted value for label ${name}`, at: i };
    i++;
    let value = '';
    for (;;) {
      const ch = text[i];
      if (ch === undefined || ch === '\n') {
        return { ok: false, reason: `the value of label ${name} is never closed`, at: i };
      }
      if (ch === '\\') {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : next === '"' ? '"' : next === '\\' ? '\\' : `\\${next ?? ''}`;
        i += 2;
        continue;
      }
      if (ch === '"') break;
      value += ch;
      i++;
    }
    i++;
    if (Object.hasOwn(labels, name))
      return { ok: false, reason: `label ${name} appears twice`, at: nameStart };
    labels[name] = value;
    skipSpace();
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '}') return { ok: true, labels, end: i + 1 };
    return {
      ok: false,
      reason: `expected "," or "}" after label ${name} but found ${describeChar(text, i)}`,
      at: i,
    };
  }
}

/**
 * A CSV column's or legend's name: `metric{a="1"}` gives the metric and its labels, `{a="1"}` a nameless series;
 * anything else is the metric itself with no labels (a legend like "tm-1 direct").
 */
export function parseLabelledName(text: string): { metric: string; labels: Record<string, string> } {
  const name = text.trim();
  const brace = name.indexOf('{');
  if (brace >= 0 && name.endsWith('}')) {
    const read = readLabelSet(name, brace);
    if (read.ok && read.end === name.length) {
      const metric = name.slice(0, brace).trim() || read.labels.__name__ || name;
      const { __name__: _, ...labels } = read.labels;
      return { metric, labels };
    }
  }
  return { metric: name, labels: {} };
}

function describeChar(text: string, i: number): string {
  const ch = text[i];
  return ch === undefined || ch === '\n' ? 'the end of the line' : `"${ch}"`;
}
