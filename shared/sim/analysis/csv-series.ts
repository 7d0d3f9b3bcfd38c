// Reads a Grafana "Series joined by time" CSV export (or any CSV shaped like it) into typed series. Pure text in,
// arrays out; every error names the line and column so a person can find it in the file.
//
// Accepted:
// - separator: comma, or semicolon / tab when the header line has no comma; RFC 4180 quoting ("a ""b""", CRLF);
//   a UTF-8 byte-order mark; blank lines anywhere and trailing empty columns are ignored;
// - a time column named "Time", "time" or "timestamp" (any case), anywhere in the header; every other column is
//   one series, named by its header (a header left empty becomes "series N");
// - times: epoch milliseconds (digits, optionally with a fraction), or ISO-8601 date-times
//   ("2024-03-01T10:15:30.250Z", "2024-03-01 10:15:30+01:00"); a time without an offset is read as UTC so the
//   result never depends on the machine's time zone. All rows must use the same form;
// - values: plain or exponent numbers ("2.68435474E8"), numbers with a byte unit as Grafana's formatted export
//   writes them ("256 MiB", "1.5 GB", "512 B": IEC units are powers of 1024, SI units of 1000), and missing
//   values as an empty cell, "null", "NaN", "undefined" or "-";
// - rows out of time order are sorted by time (stable).

import { parseDateTimeMs } from '../../imports/time-text';

export interface ParsedSeriesCsv {
  timesSec: Float64Array;
  timeFormat: 'epoch-ms' | 'iso-8601';
  series: { name: string; values: Float64Array }[];
}

export class CsvFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: number,
  ) {
    super(column === undefined ? `line ${line}: ${message}` : `line ${line}, column ${column}: ${message}`);
    this.name = 'CsvFormatError';
  }
}

const TIME_HEADERS = new Set(['time', 'timestamp']);
const MISSING = new Set(['', 'null', 'nan', 'undefined', '-']);
const UNIT_FACTORS: Record<string, number> = {
  b: 1,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
};

export function parseSeriesCsv(text: string): ParsedSeriesCsv {
  const rows = splitRows(text.replace(/^\uFEFF/, ''));
  const header = rows[0];
  if (!header) throw new CsvFormatError('the file is empty: expected a header line with a time column', 1);
  const names = trimTrailingEmpty(header.cells);
  const timeColumn = names.findIndex((n) => TIME_HEADERS.has(n.trim().toLowerCase()));
  if (timeColumn < 0) {
    throw new CsvFormatError(
      `no time column: expected a header named "Time" (found ${quoteList(names)})`,
      header.line,
    );
  }
  const valueColumns = names.map((_, c) => c).filter((c) => c !== timeColumn);
  if (valueColumns.length === 0)
    throw new CsvFormatError('no value column beside the time column', header.line);

  const data = rows.slice(1);
  const times = new Float64Array(data.length);
  const columns = valueColumns.map(() => new Float64Array(data.length));
  let timeFormat: ParsedSeriesCsv['timeFormat'] | undefined;
  data.forEach((row, r) => {
    const cells = trimTrailingEmpty(row.cells);
    if (cells.length > names.length) {
      throw new CsvFormatError(`${cells.length} cells but the header has ${names.length} columns`, row.line);
    }
    const rawTime = (cells[timeColumn] ?? '').trim();
    const parsed = parseTime(rawTime);
    if (!parsed) {
      throw new CsvFormatError(
        `time "${rawTime}" is neither epoch milliseconds nor an ISO-8601 date-time`,
        row.line,
        timeColumn + 1,
      );
    }
    if (timeFormat && parsed.format !== timeFormat) {
      throw new CsvFormatError(
        `time "${rawTime}" is ${parsed.format} but earlier rows are ${timeFormat}`,
        row.line,
        timeColumn + 1,
      );
    }
    timeFormat = parsed.format;
    times[r] = parsed.ms / 1000;
    valueColumns.forEach((c, k) => {
      const raw = cells[c] ?? '';
      const value = parseValue(raw);
      if (value === undefined) {
        throw new CsvFormatError(`"${raw}" in "${names[c]}" is not a number`, row.line, c + 1);
      }
      (columns[k] as Float64Array)[r] = value;
    });
  });

  const order = sortedOrder(times);
  return {
    timesSec: order ? Float64Array.from(order, (i) => times[i] as number) : times,
    timeFormat: timeFormat ?? 'epoch-ms',
    series: valueColumns.map((c, k) => {
      const values = columns[k] as Float64Array;
      return {
        name: (names[c] ?? '').trim() || `series ${k + 1}`,
        values: order ? Float64Array.from(order, (i) => values[i] as number) : values,
      };
    }),
  };
}

/** Parses one time in either accepted form, as epoch milliseconds; undefined when it is neither. */
export function parseTime(raw: string): { ms: number; format: 'epoch-ms' | 'iso-8601' } | undefined {
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return { ms: Number(text), format: 'epoch-ms' };
  const ms = parseDateTimeMs(text);
  return ms === undefined ? undefined : { ms, format: 'iso-8601' };
}

/** A number, a number with a byte unit, NaN for a missing cell; undefined when it is none of these. */
export function parseValue(raw: string): number | undefined {
  const text = raw.trim();
  if (MISSING.has(text.toLowerCase())) return Number.NaN;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([a-z]+)?$/i.exec(text);
  if (!m) return undefined;
  const [, number, unit] = m;
  if (unit === undefined) return Number(number);
  const factor = UNIT_FACTORS[unit.toLowerCase()];
  return factor === undefined ? undefined : Number(number) * factor;
}

interface CsvRow {
  line: number;
  cells: string[];
}

/** RFC 4180 split, keeping each row's first line number; blank lines are dropped. */
function splitRows(text: string): CsvRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = firstLine.includes(',')
    ? ','
    : firstLine.includes(';')
      ? ';'
      : firstLine.includes('\t')
        ? '\t'
        : ',';
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || (cells[0] ?? '').trim() !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (quoted) throw new CsvFormatError('a quoted cell is never closed', quoteLine);
  endRow();
  return rows;
}

function trimTrailingEmpty(cells: string[]): string[] {
  let n = cells.length;
  while (n > 1 && (cells[n - 1] ?? '').trim() === '') n--;
  return cells.slice(0, n);
}

function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/** The permutation that sorts times ascending, or undefined when they already are. */
function sortedOrder(times: Float64Array): number[] | undefined {
  for (let i = 1; i < times.length; i++) {
    if ((times[i] as number) < (times[i - 1] as number)) {
      return Array.from(times, (_, k) => k).sort(
        (a, b) => (times[a] as number) - (times[b] as number) || a - b,
      );
    }
  }
  return undefined;
}
