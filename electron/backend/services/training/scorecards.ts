// Scorecards: a drill's card read from its trail (live, or an imported drill's verified chain), and the instructor's
// cohort: every imported trainee drill side by side, exportable as CSV. An imported chain that no longer verifies
// is not scored: its card could be anything.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import type { CohortRow, Scorecard } from '../../../../shared/contract/training-entities';
import { computeScorecard, ScorecardError } from '../../../../shared/training';
import { scorecardHtml, scorecardMarkdown } from '../../../../shared/training/scorecard-report';
import type { ServiceContext } from '../context';
import { checkStoredChain } from '../exchange/imports';
import { requireInvestigation } from '../lookups';
import { drillTrail } from './drill-sessions';

/** `channel` names the call in refusals (the scorecard channel, or the report made from it). */
export function drillScorecard(
  ctx: ServiceContext,
  investigationId: string,
  channel = 'drills.scorecard',
): Scorecard {
  requireInvestigation(ctx, investigationId);
  const imported = ctx.store.imports.get(investigationId);
  if (imported) {
    const chain = checkStoredChain(ctx, imported);
    if (!chain.ok)
      throw new PeelError(
        'conflict',
        `${channel}: the imported chain does not verify (${chain.message}); it is not scored.`,
      );
  }
  try {
    return computeScorecard(drillTrail(ctx, investigationId));
  } catch (error) {
    if (error instanceof ScorecardError)
      throw new PeelError('invalid-request', `${channel}: investigationId: ${error.message}`);
    throw error;
  }
}

export function cohortRows(ctx: ServiceContext): CohortRow[] {
  const rows: CohortRow[] = [];
  for (const imported of ctx.store.imports.list()) {
    const trail = drillTrail(ctx, imported.investigationId);
    if (!trail.some((event) => event.kind === 'drill.started')) continue;
    const chain = checkStoredChain(ctx, imported);
    if (!chain.ok) continue;
    rows.push({
      investigationId: imported.investigationId,
      trainee: imported.exportedBy,
      exportedAt: imported.exportedAt,
      chainVerified: chain.ok,
      scorecard: computeScorecard(trail),
    });
  }
  return rows.sort(
    (a, b) =>
      a.scorecard.title.localeCompare(b.scorecard.title) ||
      b.scorecard.points - a.scorecard.points ||
      a.trainee.localeCompare(b.trainee),
  );
}

const csvCell = (value: string | number | boolean): string => {
  const text = String(value);
  // Quoted when needed; a leading formula character is neutralised so a spreadsheet does not run it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** One row per trainee; the line columns follow the scorecard's own order (the same for every drill). */
export function cohortCsv(rows: readonly CohortRow[]): string {
  const lineIds = [...new Set(rows.flatMap((row) => row.scorecard.lines.map((line) => line.id)))];
  const titles = new Map(
    rows.flatMap((row) => row.scorecard.lines.map((line) => [line.id, line.title] as const)),
  );
  const header = [
    'trainee',
    'drill',
    'exported at (UTC)',
    'solved',
    'points',
    'max',
    ...lineIds.map((id) => titles.get(id) ?? id),
  ];
  const body = rows.map((row) => {
    const points = new Map(row.scorecard.lines.map((line) => [line.id, `${line.points}/${line.max}`]));
    return [
      row.trainee,
      row.scorecard.title,
      new Date(row.exportedAt).toISOString(),
      row.scorecard.solved ? 'yes' : 'no',
      row.scorecard.points,
      row.scorecard.max,
      ...lineIds.map((id) => points.get(id) ?? ''),
    ];
  });
  return `${[header, ...body].map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function cohortExport(ctx: ServiceContext): ResponseOf<'drills.cohortCsv'> {
  return {
    fileName: `peel-cohort-${new Date(ctx.clock()).toISOString().slice(0, 10)}.csv`,
    text: cohortCsv(cohortRows(ctx)),
  };
}

/** One trainee's scorecard as a Markdown or HTML report, each line linked to its events (imports: verified first). */
export function traineeReport(
  ctx: ServiceContext,
  request: RequestOf<'drills.traineeReport'>,
): ResponseOf<'drills.traineeReport'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  const scorecard = drillScorecard(ctx, investigation.id, 'drills.traineeReport');
  const imported = ctx.store.imports.get(investigation.id);
  const input = {
    trainee: imported?.exportedBy ?? ctx.user,
    scorecard,
    trail: drillTrail(ctx, investigation.id),
    chainHead: imported ? { count: imported.headCount, hash: imported.headHash } : null,
    madeAt: ctx.clock(),
  };
  const base = `peel-scorecard-${scorecard.drillId}-${input.trainee}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 100);
  return request.format === 'md'
    ? { fileName: `${base}.md`, mimeType: 'text/markdown', text: scorecardMarkdown(input) }
    : { fileName: `${base}.html`, mimeType: 'text/html', text: scorecardHtml(input) };
}
