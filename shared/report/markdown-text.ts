// Putting user-written text into a Markdown document without it changing the document: inline text is escaped
// (a statement with `|` or `*` stays one table cell, plain text), and notes keep their Markdown but lose raw HTML
// (`<script>` shows as text on GitHub and in any wiki, whatever that renderer lets through).

const INLINE_SPECIALS = /[\\`*_[\]<>|~]/g;

/** Plain text inside a line of Markdown (a table cell, after a list marker's text): specials escaped, breaks folded. */
export function mdInline(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(INLINE_SPECIALS, (c) => `\\${c}`);
}

/** Plain text that starts a line (a list item's content): also no leading #, -, + or "1." that would nest a block. */
export function mdLine(text: string): string {
  return mdInline(text).replace(/^(\s*)([#+=-]|\d+[.)])/, (_m, space: string, marker: string) =>
    marker.length === 1 ? `${space}\\${marker}` : `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
  );
}

/** Text in a code span, with a fence longer than any run of backticks inside it. */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Link targets a report keeps (as the HTML export does): web pages, mail and anchors; never javascript: or data:. */
const SAFE_URL = /^(https?:\/\/|mailto:|#)/i;
/** An inline link or image `[text](target "title")`, and a reference definition `[id]: target`. */
// A target may hold balanced parentheses (`javascript:alert(1)`), as CommonMark allows.
const INLINE_LINK =
  /(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*<?((?:[^\s()<>]|\([^\s()]*\))*)>?(\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE_DEFINITION = /^( {0,3}\[[^\]]+\]:\s*)<?(\S+?)>?(\s.*)?$/;

/** Outside code: `<` escaped (inline HTML shows as text) and links to anything but a safe target left as their text. */
function neutralizeText(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(INLINE_LINK, (whole, bang: string, label: string, target: string) =>
      SAFE_URL.test(target) ? whole : bang ? `[image: ${label}]` : label,
    );
}

/** Escapes `<` and drops unsafe link targets outside code spans, so a note's line cannot carry markup or script. */
function neutralizeHtmlInLine(line: string): string {
  const definition = REFERENCE_DEFINITION.exec(line);
  if (definition && !SAFE_URL.test(definition[2]!)) return `${definition[1]!.trimEnd()} (link removed)`;
  let out = '';
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    if (tick < 0) {
      out += neutralizeText(line.slice(i));
      break;
    }
    out += neutralizeText(line.slice(i, tick));
    let run = tick;
    while (line[run] === '`') run++;
    const fence = line.slice(tick, run);
    const close = line.indexOf(fence, run);
    // An unmatched run of backticks is literal text, not a code span.
    const end = close < 0 || line[close + fence.length] === '`' ? run : close + fence.length;
    out += line.slice(tick, end);
    i = end;
  }
  return out;
}

/** A user's Markdown note, kept as Markdown, with raw HTML shown as text (code blocks and spans left intact). */
export function mdUserMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | null = null;
  return lines
    .map((line) => {
      const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (opener && opener[1]!.startsWith(fence)) fence = null;
        return line;
      }
      if (opener) {
        fence = opener[1]!;
        return line;
      }
      return neutralizeHtmlInLine(line);
    })
    .join('\n');
}

/** A block as a Markdown quote (each line prefixed), so a note's headings cannot break the document's outline. */
export function mdQuote(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.length > 0 ? `> ${line}` : '>'))
    .join('\n');
}

/** A table from header cells and rows of already-escaped cells. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`);
  return lines.join('\n');
}
