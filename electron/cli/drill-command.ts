// The drill command's work, apart from the process: list the drills, or score trainees' bundles. A bundle is
// scored only once its schema and whole audit chain verify (the same check as importing it); one that fails is
// refused with the reason and is not scored. The card is read from the chain alone, so it cannot be edited.
import type { Scorecard } from '../../shared/contract/training-entities';
import { plural } from '../../shared/domain/plural';
import { computeScorecard, DRILLS, drillListing, ScorecardError } from '../../shared/training';
import { checkBundleText } from '../backend/services/exchange/bundle-check';

export const USAGE =
  'usage: npm run drill -- --list [--json]\n' +
  '       npm run drill -- --score BUNDLE... [--json]\n' +
  '  --list   the drills Peel ships: id, title, difficulty, the rules each exercises\n' +
  "  --score  each trainee's scorecard, read from the bundle's verified audit chain\n" +
  '  --json   machine-readable output';

export class UsageError extends Error {}

export type DrillArgs = { mode: 'list'; json: boolean } | { mode: 'score'; bundles: string[]; json: boolean };

export function parseDrillArgs(argv: readonly string[]): DrillArgs {
  let mode: 'list' | 'score' | null = null;
  const bundles: string[] = [];
  let json = false;
  for (const arg of argv) {
    if (arg === '--json') json = true;
    else if (arg === '--list' || arg === '--score') {
      const chosen = arg === '--list' ? 'list' : 'score';
      if (mode && mode !== chosen) throw new UsageError('give either --list or --score, not both');
      mode = chosen;
    } else if (arg.startsWith('--')) throw new UsageError(`unknown argument '${arg}'`);
    else if (mode === 'score') bundles.push(arg);
    else throw new UsageError(`'${arg}': a bundle file only follows --score`);
  }
  if (!mode) throw new UsageError('say what to do: --list or --score BUNDLE...');
  if (mode === 'list') return { mode, json };
  if (bundles.length === 0) throw new UsageError('--score: give at least one bundle file');
  return { mode, bundles, json };
}

export interface ScoredBundle {
  file: string;
  trainee: string;
  exportedAt: string;
  scorecard: Scorecard;
}

export interface RefusedBundle {
  file: string;
  refused: string;
}

/** Scores one bundle's text, or says why it is refused (unreadable, schema, chain, not a drill). */
export function scoreBundle(
  file: string,
  text: string,
  sha256: (text: string) => string,
): ScoredBundle | RefusedBundle {
  try {
    const { bundle } = checkBundleText(text, sha256, file);
    const events = bundle.chain.events.map((event) => ({
      seq: event.seq,
      kind: event.kind,
      at: event.at,
      payload: event.payload as Record<string, unknown>,
    }));
    return {
      file,
      trainee: bundle.exportedBy,
      exportedAt: new Date(bundle.exportedAt).toISOString(),
      scorecard: computeScorecard(events),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, refused: error instanceof ScorecardError ? `${file}: ${message}` : message };
  }
}

export function listText(json: boolean): string {
  const drills = DRILLS.map(drillListing);
  if (json)
    return JSON.stringify(
      drills.map(({ id, title, difficulty, rules, estimatedMinutes, budgetHours }) => ({
        id,
        title,
        difficulty,
        rules,
        estimatedMinutes,
        budgetHours,
      })),
      null,
      2,
    );
  const width = Math.max(...drills.map((d) => d.id.length));
  return drills
    .map(
      (d) =>
        `${d.id.padEnd(width)}  ${d.difficulty.padEnd(8)}  ${d.title}\n${' '.repeat(width + 12)}rules: ${d.rules.join(', ')}`,
    )
    .join('\n');
}

export function scoreText(results: readonly (ScoredBundle | RefusedBundle)[], json: boolean): string {
  if (json) return JSON.stringify(results, null, 2);
  return results
    .map((result) => {
      if ('refused' in result) return `${result.file}\n  REFUSED, not scored: ${result.refused}`;
      const card = result.scorecard;
      const lines = card.lines.map(
        (line) => `  ${`${line.points}/${line.max}`.padStart(5)}  ${line.title}: ${line.why}`,
      );
      return [
        `${result.file}: ${result.trainee}, “${card.title}”, ${card.solved ? 'solved' : 'not solved'}, ${card.points}/${plural(card.max, 'point')}`,
        ...lines,
      ].join('\n');
    })
    .join('\n\n');
}
