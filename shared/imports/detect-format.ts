// Tells the formats apart by their content, never by the file name: JSON (a Prometheus API answer or a Flink REST
// answer), the exposition formats (`# HELP`/`# TYPE` lines or `name{...} value` samples), or CSV (a header with a
// time column). Looks at the start of the text only, so a stream can be routed before it is read.

export type DetectedFamily = 'json' | 'exposition' | 'csv';

/** The family of `head` (the first kilobytes of the content); null when it is none Peel reads. */
export function detectFamily(head: string): DetectedFamily | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text === '') return null;
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  const lines = text.split(/\r?\n/, 2);
  // Grafana's "Download for Excel" puts Excel's `sep=,` line before the header.
  const firstLine = (/^"?sep=.?"?\s*$/i.test(lines[0] ?? '') ? lines[1] : lines[0]) ?? '';
  if (/^#\s*(HELP|TYPE|UNIT|EOF)\b/.test(firstLine)) return 'exposition';
  if (/^[A-Za-z_:][A-Za-z0-9_:]*(\{.*\})?\s+\S+(\s+\S+)?\s*$/.test(firstLine) && !firstLine.includes(',')) {
    return 'exposition';
  }
  if (/^[A-Za-z_:][A-Za-z0-9_:]*\{.*\}\s+[-+0-9.eEINFainf]+(\s+\d+(\.\d+)?)?\s*$/.test(firstLine))
    return 'exposition';
  const cells = firstLine.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (cells.length >= 2 && cells.some((c) => c === 'time' || c === 'timestamp')) return 'csv';
  return null;
}
