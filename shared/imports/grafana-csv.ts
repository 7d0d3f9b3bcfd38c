// Reads Grafana's CSV exports (Inspect > Data > Download CSV) into typed series, row by row so the same reader
// serves a pasted text and a 500 MB file streamed from disk. Two layouts:
// - "series joined by time": `Time` then one column per series, named by its legend or as Prometheus prints it
//   (`metric{label="v", ...}`), possibly with a unit in the header (`direct (MiB)`);
// - long: `Time`, `Value` and label columns, one row per time and series.
// Times are epoch milliseconds or date-times (UTC when no offset); values may carry units (`160 MiB`). The CSV
// syntax itself (quotes, CRLF, BOM) is csv-parse's job, fed by parseGrafanaCsv or by a stream on the Node side.
import { parse } from 'csv-parse/browser/esm/sync';
import { ImportError } from './import-error';
import { type ImportedMetrics, labelText, SeriesCollector } from './imported-series';
import { parseLabelledName } from './series-name';
import { parseCsvTime, type TimeForm } from './time-text';
import {
  familiesAgree,
  headerUnit,
  parseValueWithUnit,
  type UnitFamily,
  type UnitInfo,
  unitOfFamily,
} from './value-text';

const TIME_HEADERS = new Set(['time', 'timestamp']);

interface Column {
  index: number;
  header: string;
  metric: string;
  labels: Record<string, string>;
  unit?: UnitInfo;
}

interface Frame {
  timeColumn: number;
  layout: 'joined' | 'long';
  /** joined: the series columns; long: the label columns. */
  columns: Column[];
  /** long: the Value column. */
  valueColumn: number;
  valueUnit?: UnitInfo;
  /** Cells in the header: a row with more is refused (its values would belong to no column). */
  width: number;
}

interface FamilySeen {
  family: UnitFamily;
  line: number;
  text: string;
}

/** Feeds on CSV records (cells and the 1-based line they start on); `finish` returns every series or throws. */
export class GrafanaCsvReader {
  private frame: Frame | null = null;
  private readonly collector = new SeriesCollector();
  private readonly families = new Map<string, FamilySeen>();
  private timeForm: { form: TimeForm; line: number } | null = null;
  private layouts = new Set<Frame['layout']>();
  private rows = 0;

  constructor(private readonly source: string) {}

  push(rawCells: readonly string[], line: number): void {
    const cells = trimTrailingEmpty(rawCells);
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return;
    if (this.frame === null && cells.length === 1 && /^sep=.?$/i.test((cells[0] ?? '').trim())) return;
    if (this.frame === null || this.isHeaderAgain(cells)) {
      this.frame = this.readHeader(cells, line);
      this.layouts.add(this.frame.layout);
      return;
    }
    this.readRow(this.frame, cells, line);
  }

  finish(): ImportedMetrics {
    if (this.frame === null) {
      throw new ImportError('empty', 'the file is empty: expected a header line with a "Time" column', {
        source: this.source,
        line: 1,
      });
    }
    const series = this.collector.finish();
    if (this.rows === 0 || series.length === 0) {
      throw new ImportError('empty', 'the CSV has a header but no rows with values', { source: this.source });
    }
    return {
      format: this.layouts.has('long') ? 'grafana-csv-long' : 'grafana-csv-joined',
      source: this.source,
      series,
      timeFormat: this.timeForm?.form === 'iso-8601' ? 'iso-8601' : 'epoch-ms',
      warnings: [],
    };
  }

  // A frame after a blank line starts with its own header (Grafana writes frames one after another).
  private isHeaderAgain(cells: readonly string[]): boolean {
    const frame = this.frame;
    if (frame === null) return false;
    const time = (cells[frame.timeColumn] ?? '').trim();
    return TIME_HEADERS.has(time.toLowerCase());
  }

  private readHeader(cells: readonly string[], line: number): Frame {
    const names = cells.map((c) => c.trim());
    const timeColumn = names.findIndex((n) => TIME_HEADERS.has(n.toLowerCase()));
    if (timeColumn < 0) {
      throw new ImportError(
        'malformed',
        `no time column: expected a header named "Time" (found ${names.map((n) => `"${n}"`).join(', ')})`,
        { source: this.source, line },
      );
    }
    const others = names.map((_, i) => i).filter((i) => i !== timeColumn);
    if (others.length === 0) {
      throw new ImportError('malformed', 'no value column beside the time column', {
        source: this.source,
        line,
      });
    }
    const valueColumn = names.findIndex((n, i) => i !== timeColumn && /^value$/i.test(stripUnit(n)));
    if (valueColumn >= 0 && others.length > 1) {
      return {
        timeColumn,
        width: names.length,
        layout: 'long',
        valueColumn,
        ...(headerUnit(names[valueColumn] ?? '')
          ? { valueUnit: headerUnit(names[valueColumn] ?? '')?.unit }
          : {}),
        columns: others
          .filter((i) => i !== valueColumn)
          .map((index) => ({ index, header: names[index] ?? '', metric: '', labels: {} })),
      };
    }
    return {
      timeColumn,
      width: names.length,
      layout: 'joined',
      valueColumn: -1,
      columns: others.map((index, k) => {
        const header = names[index] || `series ${k + 1}`;
        const withUnit = headerUnit(header);
        const named = parseLabelledName(withUnit?.name ?? header);
        return {
          index,
          header,
          metric: named.metric,
          labels: named.labels,
          ...(withUnit ? { unit: withUnit.unit } : {}),
        };
      }),
    };
  }

  private readRow(frame: Frame, cells: readonly string[], line: number): void {
    if (cells.length > frame.width) {
      throw new ImportError('malformed', `${cells.length} cells but the header has ${frame.width} columns`, {
        source: this.source,
        line,
      });
    }
    const timeText = cells[frame.timeColumn] ?? '';
    const time = parseCsvTime(timeText);
    if (time === undefined) {
      throw new ImportError(
        'bad-time',
        timeText.trim() === ''
          ? 'the time is missing'
          : `time "${timeText.trim()}" is neither epoch milliseconds nor a date-time (YYYY-MM-DD HH:mm:ss)`,
        { source: this.source, line, column: frame.timeColumn + 1, field: 'Time' },
      );
    }
    if (this.timeForm && this.timeForm.form !== time.form) {
      throw new ImportError(
        'bad-time',
        `time "${timeText.trim()}" is ${time.form} but line ${this.timeForm.line} is ${this.timeForm.form}`,
        { source: this.source, line, column: frame.timeColumn + 1, field: 'Time' },
      );
    }
    this.timeForm ??= { form: time.form, line };
    this.rows++;
    if (frame.layout === 'joined') {
      for (const column of frame.columns) {
        const text = cells[column.index] ?? '';
        this.addPoint(
          column.metric,
          column.labels,
          column.header,
          text,
          time.sec,
          line,
          column.index,
          column.unit,
        );
      }
      return;
    }
    const labels: Record<string, string> = {};
    for (const column of frame.columns) {
      const value = (cells[column.index] ?? '').trim();
      if (value !== '') labels[column.header] = value;
    }
    const metric = labels.__name__ ?? 'Value';
    delete labels.__name__;
    const text = cells[frame.valueColumn] ?? '';
    this.addPoint(metric, labels, 'Value', text, time.sec, line, frame.valueColumn, frame.valueUnit);
  }

  private addPoint(
    metric: string,
    labels: Record<string, string>,
    field: string,
    text: string,
    timeSec: number,
    line: number,
    index: number,
    unit: UnitInfo | undefined,
  ): void {
    const where = { source: this.source, line, column: index + 1, field };
    const read = parseValueWithUnit(text, unit);
    if (read === null) return;
    if (read === undefined) {
      throw new ImportError(
        'bad-value',
        `"${text.trim()}" is not a number (with an optional unit like "160 MiB")`,
        where,
      );
    }
    const key = this.frame?.layout === 'joined' ? field : `${metric}${labelText(labels)}`;
    const seen = this.families.get(key);
    if (seen === undefined) this.families.set(key, { family: read.family, line, text: text.trim() });
    else if (!familiesAgree(seen.family, read.family)) {
      throw new ImportError(
        'bad-value',
        `mixed units in one series: "${text.trim()}" here but "${seen.text}" on line ${seen.line}`,
        where,
      );
    } else if (seen.family === 'bytes' && read.family !== 'bytes') seen.family = read.family;
    const seriesUnit = unitOfFamily(read.family);
    this.collector.add(metric, labels, timeSec, read.value, where, seriesUnit, key);
  }
}

/** A whole CSV text (a paste, a small file): csv-parse reads the syntax, GrafanaCsvReader the meaning. */
export function parseGrafanaCsv(text: string, source: string): ImportedMetrics {
  const reader = new GrafanaCsvReader(source);
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, csvOptions(text)) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
  } catch (error) {
    throw csvSyntaxError(error, source);
  }
  for (const { record, info } of records) reader.push(record, info.lines - recordLineSpan(record));
  return reader.finish();
}

/** The options Peel gives csv-parse, for the text or the first chunk of a stream. */
export function csvOptions(firstChunk: string) {
  return {
    delimiter: guessDelimiter(firstChunk),
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    relax_quotes: false,
  } as const;
}

/**
 * csv-parse's `info.lines` is the line a record ends on; a quoted cell with line breaks makes a record span
 * several. Errors and points name the line the record starts on.
 */
export function recordLineSpan(record: readonly string[]): number {
  let breaks = 0;
  for (const cell of record) for (const ch of cell) if (ch === '\n') breaks++;
  return breaks;
}

/** csv-parse's error as an ImportError naming the line. */
export function csvSyntaxError(error: unknown, source: string): ImportError {
  if (error instanceof ImportError) return error;
  const e = error as { message?: string; lines?: number; code?: string };
  const message = (e.message ?? String(error)).replace(
    /^Invalid Record Length: |^Invalid Opening Quote: |^Quote Not Closed: /,
    '',
  );
  return new ImportError(
    'malformed',
    `the CSV cannot be read (${message})`,
    {
      source,
      ...(typeof e.lines === 'number' ? { line: e.lines } : {}),
    },
    { cause: error },
  );
}

// Grafana's "Download for Excel" starts with Excel's `sep=,` line, which names the delimiter.
const EXCEL_SEP = /^"?sep=(.)"?\s*$/i;

function guessDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const excel = EXCEL_SEP.exec(firstLine);
  if (excel?.[1] !== undefined) return excel[1];
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

function stripUnit(header: string): string {
  return headerUnit(header)?.name ?? header;
}

function trimTrailingEmpty(cells: readonly string[]): readonly string[] {
  let n = cells.length;
  while (n > 1 && (cells[n - 1] ?? '').trim() === '') n--;
  return n === cells.length ? cells : cells.slice(0, n);
}
