// The analyze command's arguments: metric files of any format Peel reads, or one live Prometheus query, plus
// restarts and limits. Every bad argument is a UsageError naming the flag and the value.

import { parseUserTime } from '../../shared/imports/time-text';
import { parseValueWithUnit } from '../../shared/imports/value-text';
import { parseDuration } from '../../shared/sim/config/duration';

export const USAGE = [
  'usage: npm run analyze -- FILE... [options] [--json]',
  '       npm run analyze -- --prometheus URL --query PROMQL --start T --end T --step S [options] [--json]',
  '  FILE: a Grafana CSV export, a Prometheus API answer (JSON), /metrics scrapes, or Flink REST answers,',
  '        recognised from the content (--csv FILE is the same as FILE)',
  '  options: --restarts T1,T2,...   job restarts (else read from numRestarts/uptime/job answers, else detected)',
  '           --fresh-starts T1,...  times a container was replaced by a fresh JVM',
  '           --limit BYTES          e.g. the direct-memory limit ("256 MiB")',
  '           --scrape-start T --scrape-interval S   times of scrapes or Flink metric answers without timestamps',
  '           --taskmanager ID       the TaskManager of Flink /taskmanagers/:tmid/metrics answers',
  '  T: a date-time (2026-11-30T14:05:00Z, UTC without an offset), epoch seconds or milliseconds, or now[-6h];',
  "     in --restarts and --fresh-starts a bare number is in the inputs' unit (s for Prometheus, ms for CSV)",
  '  S: seconds or a duration (15s, 1m); credentials: user:password@ in the URL, or PEEL_PROMETHEUS_TOKEN (bearer)',
].join('\n');

export class UsageError extends Error {}

export interface AnalyzeArgs {
  files: string[];
  prometheus?: { url: string; query: string; startSec: number; endSec: number; stepSec: number };
  /** Read once the inputs' time unit is known (see resolveTimes). */
  restarts?: string[];
  freshStarts?: string[];
  limit?: number;
  clock?: { startSec: number; intervalSec: number };
  taskManager?: string;
  json: boolean;
}

export function parseAnalyzeArgs(argv: readonly string[], nowSec: number): AnalyzeArgs {
  const files: string[] = [];
  const flags = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') throw new HelpRequested();
    else if (arg.startsWith('--')) {
      const value = argv[i + 1];
      if (!VALUE_FLAGS.has(arg)) throw new UsageError(`unknown argument '${arg}'`);
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg}: expects a value`);
      i++;
      if (arg === '--csv') files.push(value);
      else if (flags.has(arg)) throw new UsageError(`${arg}: given twice`);
      else flags.set(arg, value);
    } else files.push(arg);
  }
  const args: AnalyzeArgs = { files, json };
  const url = flags.get('--prometheus');
  if (url !== undefined) {
    if (files.length > 0) throw new UsageError('--prometheus: give either files or one live query, not both');
    const need = (flag: string) => {
      const value = flags.get(flag);
      if (value === undefined)
        throw new UsageError(`${flag}: missing (a live query needs --query, --start, --end and --step)`);
      return value;
    };
    args.prometheus = {
      url,
      query: need('--query'),
      startSec: time('--start', need('--start'), nowSec),
      endSec: time('--end', need('--end'), nowSec),
      stepSec: seconds('--step', need('--step')),
    };
  } else {
    for (const flag of ['--query', '--start', '--end', '--step']) {
      if (flags.has(flag)) throw new UsageError(`${flag}: only with --prometheus URL`);
    }
    if (files.length === 0)
      throw new UsageError('no input: give one or more FILEs, or --prometheus URL with a query');
  }
  const restarts = flags.get('--restarts');
  if (restarts !== undefined) args.restarts = timeList('--restarts', restarts, nowSec);
  const fresh = flags.get('--fresh-starts');
  if (fresh !== undefined) args.freshStarts = timeList('--fresh-starts', fresh, nowSec);
  const limit = flags.get('--limit');
  if (limit !== undefined) {
    const read = parseValueWithUnit(limit);
    if (!read || !(read.value > 0) || (read.family !== 'plain' && !read.family.startsWith('bytes'))) {
      throw new UsageError(`--limit: '${limit}' is not a positive byte count (e.g. 268435456 or "256 MiB")`);
    }
    args.limit = read.value;
  }
  const scrapeStart = flags.get('--scrape-start');
  const scrapeInterval = flags.get('--scrape-interval');
  if ((scrapeStart === undefined) !== (scrapeInterval === undefined)) {
    throw new UsageError('--scrape-start and --scrape-interval go together');
  }
  if (scrapeStart !== undefined && scrapeInterval !== undefined) {
    args.clock = {
      startSec: time('--scrape-start', scrapeStart, nowSec),
      intervalSec: seconds('--scrape-interval', scrapeInterval),
    };
  }
  const tm = flags.get('--taskmanager');
  if (tm !== undefined) args.taskManager = tm;
  return args;
}

export class HelpRequested extends Error {}

const VALUE_FLAGS = new Set([
  '--csv',
  '--prometheus',
  '--query',
  '--start',
  '--end',
  '--step',
  '--restarts',
  '--fresh-starts',
  '--limit',
  '--scrape-start',
  '--scrape-interval',
  '--taskmanager',
]);

function time(flag: string, text: string, nowSec: number): number {
  const relative = /^now(?:-(\d+(?:\.\d+)?)(s|m|h|d))?$/.exec(text.trim());
  if (relative) {
    const amount = Number(relative[1] ?? 0);
    const unit = { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'] ?? 0;
    return nowSec - amount * unit;
  }
  const parsed = parseUserTime(text);
  if (!parsed) {
    throw new UsageError(
      `${flag}: '${text}' is neither a date-time, epoch seconds, epoch milliseconds nor now[-Nh]`,
    );
  }
  return parsed.sec;
}

/** Checks every item now (so a typo fails before any file is read) and keeps the texts. */
function timeList(flag: string, text: string, nowSec: number): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of items) time(flag, item, nowSec);
  return items;
}

/**
 * Times from --restarts / --fresh-starts as epoch seconds. A bare number is in the inputs' own unit, as the user
 * copied it from them: seconds for Prometheus answers, milliseconds for CSV exports and scrapes.
 */
export function resolveTimes(
  items: readonly string[],
  form: 'epoch-ms' | 'epoch-s' | 'iso-8601',
  nowSec: number,
): number[] {
  return items.map((item) => {
    if (/^\d+(\.\d+)?$/.test(item)) return form === 'epoch-s' ? Number(item) : Number(item) / 1000;
    return time('--restarts', item, nowSec);
  });
}

function seconds(flag: string, text: string): number {
  const t = text.trim();
  let value: number;
  if (/^\d+(\.\d+)?$/.test(t)) value = Number(t);
  else {
    try {
      value = parseDuration(t) / 1000;
    } catch {
      throw new UsageError(`${flag}: '${text}' is not seconds or a duration like 15s`);
    }
  }
  if (!(value > 0)) throw new UsageError(`${flag}: '${text}' must be more than 0`);
  return value;
}
