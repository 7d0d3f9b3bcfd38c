// `npm run analyze -- --csv FILE [--restarts T1,T2,...] [--fresh-starts T1,...] [--limit BYTES] [--json]`:
// reads a Grafana-style CSV export and prints, per series, the staircase verdict (leak, sawtooth, blip, flat).
// Times given on the command line use the CSV's own time format (epoch ms or ISO-8601) and are printed back in
// it. Bad arguments and malformed input exit with code 2 and say which argument and why.
import { readFileSync } from 'node:fs';
import {
  CsvFormatError,
  type ParsedSeriesCsv,
  parseSeriesCsv,
  parseTime,
  parseValue,
} from '../../shared/sim/analysis/csv-series';
import { formatBytes } from '../../shared/sim/analysis/format-bytes';
import { analyzeStaircase } from '../../shared/sim/analysis/staircase';

const USAGE =
  'usage: npm run analyze -- --csv FILE [--restarts T1,T2,...] [--fresh-starts T1,...] [--limit BYTES] [--json]\n' +
  '  times in the CSV time column format (epoch ms or ISO-8601); BYTES as a number or with a unit ("256 MiB")';

interface Args {
  csv: string;
  restarts?: string;
  freshStarts?: string;
  limit?: number;
  json: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { json: false };
  const flagValue = (i: number, flag: string): string => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag}: expects a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') args.json = true;
    else if (arg === '--csv') args.csv = flagValue(i++, arg);
    else if (arg === '--restarts') args.restarts = flagValue(i++, arg);
    else if (arg === '--fresh-starts') args.freshStarts = flagValue(i++, arg);
    else if (arg === '--limit') {
      const raw = flagValue(i++, arg);
      const limit = parseValue(raw);
      if (limit === undefined || !(limit > 0)) {
        throw new UsageError(`--limit: '${raw}' is not a positive byte count (e.g. 268435456 or "256 MiB")`);
      }
      args.limit = limit;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown argument '${arg}'`);
  }
  if (!args.csv) throw new UsageError('--csv: missing (which CSV file to analyse?)');
  return args as Args;
}

/** Comma-separated times in the CSV's own format, as seconds. */
function parseTimeList(flag: string, raw: string, format: ParsedSeriesCsv['timeFormat']): number[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const parsed = parseTime(item);
      if (!parsed)
        throw new UsageError(`${flag}: '${item}' is neither epoch milliseconds nor an ISO-8601 date-time`);
      if (parsed.format !== format) {
        throw new UsageError(`${flag}: '${item}' is ${parsed.format} but the CSV's time column is ${format}`);
      }
      return parsed.ms / 1000;
    });
}

function formatTime(sec: number, format: ParsedSeriesCsv['timeFormat']): string | number {
  const ms = Math.round(sec * 1000);
  return format === 'epoch-ms' ? ms : new Date(ms).toISOString();
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let text: string;
  try {
    text = readFileSync(args.csv, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(`--csv: cannot read '${args.csv}' (${reason})`);
  }
  let csv: ParsedSeriesCsv;
  try {
    csv = parseSeriesCsv(text);
  } catch (error) {
    if (error instanceof CsvFormatError) throw new UsageError(`--csv ${args.csv}: ${error.message}`);
    throw error;
  }
  const restartsSec =
    args.restarts === undefined ? undefined : parseTimeList('--restarts', args.restarts, csv.timeFormat);
  const freshStartsSec =
    args.freshStarts === undefined
      ? undefined
      : parseTimeList('--fresh-starts', args.freshStarts, csv.timeFormat);
  const series = csv.series.map(({ name, values }) => {
    const result = analyzeStaircase({
      timesSec: csv.timesSec,
      values,
      ...(restartsSec ? { restartsSec } : {}),
      ...(freshStartsSec ? { freshStartsSec } : {}),
      ...(args.limit !== undefined ? { limit: args.limit } : {}),
    });
    return {
      name,
      verdict: result.verdict,
      retainedBytesPerRestart: Math.round(result.retainedBytesPerRestart),
      restarts: result.restartsSec.map((t) => formatTime(t, csv.timeFormat)),
      restartsDetected: result.restartsDetected,
      confidence: Number(result.confidence.toFixed(3)),
      summary: result.summary,
    };
  });
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ series }, null, 2)}\n`);
    return;
  }
  for (const s of series) {
    console.log(`${s.name}: ${s.verdict} (confidence ${s.confidence.toFixed(2)})`);
    console.log(`  ${s.summary}`);
    console.log(`  retained per restart: ${formatBytes(s.retainedBytesPerRestart)}`);
    const origin = s.restartsDetected ? 'detected from the series' : 'given';
    console.log(`  restarts (${origin}): ${s.restarts.length === 0 ? 'none' : s.restarts.join(', ')}`);
  }
}

try {
  main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`analyze: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
}
