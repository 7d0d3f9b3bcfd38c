// Wording and formats every export shares, so the Markdown, HTML, CSV and JSON say the same thing the same way:
// UTC ISO times, verdicts with their bytes, the chain head line and the command that verifies it.
import { verdictSentence } from '../domain/lab/verdict-sentence';
import { plural } from '../domain/plural';
import { formatBytes } from '../sim/analysis/format-bytes';
import type { ChainHead, ReportChecklistItem, ReportRun } from './report-model';

/** 2025-06-01T12:00:03Z: ISO 8601 in UTC to the second, for people. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;
/** The last day isoMillis formatted, as its date part: a CSV's events mostly share their day with the previous one. */
let lastDay = Number.NaN;
let lastDayPrefix = '';

/**
 * 2025-06-01T12:00:03.123Z: ISO 8601 in UTC with milliseconds, for machines (CSV). The same text as
 * `Date#toISOString`, with the date part formatted once per day: a Date and its formatting per event were a
 * noticeable share of a 100,000-event CSV export.
 */
export function isoMillis(ms: number): string {
  // Fractions, NaN and times outside the Date range take Date's own path (its truncation, its RangeError).
  if (!Number.isInteger(ms) || Math.abs(ms) > MAX_DATE_MS) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) {
    const iso = new Date(day * DAY_MS).toISOString(); // throws, as toISOString does, outside the Date range
    lastDayPrefix = iso.slice(0, -13); // "…T" without "00:00:00.000Z"
    lastDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${lastDayPrefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(rest - seconds * 1000)}Z`;
}

export function verifyCommand(databaseFile: string, head: ChainHead): string {
  return `npm run verify -- --db ${databaseFile} --expect-head ${head.hash} --expect-count ${head.count}`;
}

export function headSentence(head: ChainHead, investigationEvents: number): string {
  return (
    `Chain head: ${plural(head.count, 'event', { grouped: true })} in the database's audit chain ` +
    `(${investigationEvents.toLocaleString('en-US')} of them this investigation's), head hash ${head.hash}.`
  );
}

export function verifySentence(databaseFile: string, head: ChainHead): string {
  return `Verify it against the database it came from: ${verifyCommand(databaseFile, head)}`;
}

/** What the head vouches for, said once in every report beside the head and the command that checks it. */
export const VOUCHES_SENTENCE =
  'This head vouches for everything this report shows: the investigation, its notes and hypotheses with their ' +
  'decisions, each experiment and its parameters, each run with its verdict, numbers and series (a content hash of ' +
  'the series is recorded when the run is stored). The verify command re-derives all of it from the audit events ' +
  'and names the first record that disagrees; add --replay to re-run every simulation from its recorded parameters ' +
  'and seed.';

/** The verdict as a sentence that agrees with its numbers ("leak: +128 MiB retained after each restart …"), or the
 * status; a real experiment's run says so, with what was done and what it was read from. */
export function runResult(
  run: Pick<ReportRun, 'status' | 'verdict' | 'retainedBytesPerRestart' | 'restarts' | 'ooms'> &
    Pick<Partial<ReportRun>, 'real'>,
): string {
  const real = run.real ? `real (${run.real.description}; from ${run.real.sources.join(', ')}): ` : '';
  if (run.status !== 'completed' || !run.verdict) return `${real}${run.status}`;
  return `${real}${verdictSentence(run)}`;
}

export function bytesOrDash(bytes: number | null): string {
  return bytes === null ? '–' : formatBytes(bytes);
}

export function countOrDash(value: number | null): string {
  return value === null ? '–' : value.toLocaleString('en-US');
}

export const STATUS_WORDS: Record<string, string> = {
  open: 'open',
  supported: 'supported',
  refuted: 'refuted (ruled out)',
  inconclusive: 'inconclusive',
};

/** A file-name stem from a title: lower case, safe characters, short. */
export function slugOf(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'investigation'
  );
}

/** " (run #1, run #3; proved by event #57)": the runs behind Peel's tick and the audit event proving it. */
export function evidenceRefs(item: ReportChecklistItem): string {
  const refs = [
    item.evidenceRunSeqs.map((s) => `run #${s}`).join(', '),
    item.evidenceEventSeq ? `proved by event #${item.evidenceEventSeq}` : '',
  ].filter((part) => part.length > 0);
  return refs.length ? ` (${refs.join('; ')})` : '';
}
