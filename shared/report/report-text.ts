// Wording and formats every export shares, so the Markdown, HTML, CSV and JSON say the same thing the same way:
// UTC ISO times, verdicts with their bytes, the chain head line and the command that verifies it.
import { formatBytes } from '../sim/analysis/format-bytes';
import type { ChainHead, ReportRun } from './report-model';

/** 2025-06-01T12:00:03Z: ISO 8601 in UTC to the second, for people. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** 2025-06-01T12:00:03.123Z: ISO 8601 in UTC with milliseconds, for machines (CSV). */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
}

export function verifyCommand(databaseFile: string, head: ChainHead): string {
  return `npm run verify -- --db ${databaseFile} --expect-head ${head.hash} --expect-count ${head.count}`;
}

export function headSentence(head: ChainHead, investigationEvents: number): string {
  return (
    `Chain head: ${head.count.toLocaleString('en-US')} events in the database's audit chain ` +
    `(${investigationEvents.toLocaleString('en-US')} of them this investigation's), head hash ${head.hash}.`
  );
}

export function verifySentence(databaseFile: string, head: ChainHead): string {
  return `Verify it against the database it came from: ${verifyCommand(databaseFile, head)}`;
}

/** "leak, +128 MiB per restart" / "flat" / "failed". */
export function runResult(
  run: Pick<ReportRun, 'status' | 'verdict' | 'retainedBytesPerRestart'> & Pick<Partial<ReportRun>, 'real'>,
): string {
  // A real experiment's run says so, with what was done and what it was read from.
  const real = run.real ? `real (${run.real.description}; from ${run.real.sources.join(', ')}): ` : '';
  if (run.status !== 'completed' || !run.verdict) return `${real}${run.status}`;
  const retained = run.retainedBytesPerRestart ?? 0;
  return `${real}${retained > 0 ? `${run.verdict}, +${formatBytes(retained)} per restart` : run.verdict}`;
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
