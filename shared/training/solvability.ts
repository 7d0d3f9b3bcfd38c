// Is a variant solvable by the method? The baseline must show the drill's problem, peeling the culprit must make it
// go away and peeling an innocent must not; for the platform (no operator to peel) the control job must show it too
// and the fix must end it. Read with the simulator's own analysis (symptom.ts) at the drill's own run length and
// parallelism. Triggers (the slowed sink of a back-pressure drill) are not innocents: removing them hides the
// problem without the culprit being gone. The unit tests and the instructor's preview use this one check.
import { runDrill } from './drill-runs';
import type { DrillDefinition, DrillVariant } from './drill-types';
import { generateVariant } from './generate-variant';
import { symptomOf } from './symptom';

export interface SolvabilityCheck {
  /** What was run, in words that name no operator: `baseline`, `without the culprit`, `without an innocent`, ... */
  what: string;
  /** Whether the run should show the problem for the variant to be solvable. */
  expected: boolean;
  shows: boolean;
  /** The analysis' sentence with its figures. */
  reason: string;
}

export interface Solvability {
  seed: number;
  solvable: boolean;
  checks: SolvabilityCheck[];
}

/**
 * The innocent a trainee is most tempted by (the red herring's operator), otherwise one picked by `pick` among
 * the operators that are neither the culprit, a trigger nor a Kafka read.
 */
export function innocentOf(variant: DrillVariant, pick: number): string | null {
  const { answer } = variant;
  const culprit = answer.culprit.kind === 'operator' ? answer.culprit.operatorId : null;
  if (variant.redHerring?.operatorId) return variant.redHerring.operatorId;
  const innocents = variant.healthyGraph.operators
    .map((op) => op.id)
    .filter((id) => id !== culprit && !answer.triggers.includes(id) && !id.startsWith('read-'));
  return innocents.length === 0 ? null : (innocents[pick % innocents.length] as string);
}

export function checkVariantSolvable(variant: DrillVariant): Solvability {
  const { answer } = variant;
  const size = { hours: variant.dashboardHours, parallelism: variant.parallelism };
  const checks: SolvabilityCheck[] = [];
  const check = (what: string, expected: boolean, params: Parameters<typeof runDrill>[1]) => {
    const symptom = symptomOf(answer.defect, runDrill(variant, { ...size, ...params }));
    checks.push({ what, expected, shows: symptom.shows, reason: symptom.reason });
  };
  check('baseline (the job as paged)', true, {});
  const innocent = innocentOf(variant, variant.seed);
  if (innocent) check('without an innocent operator', true, { removed: [innocent] });
  if (answer.culprit.kind === 'operator') {
    check('without the culprit', false, { removed: [answer.culprit.operatorId] });
  } else {
    check('the control job', true, { control: true });
    check('with the fix', false, { fixes: [answer.fix] });
  }
  return {
    seed: variant.seed,
    solvable: checks.every((c) => c.shows === c.expected),
    checks,
  };
}

/** The check over several seeds of a drill (the instructor's preview: a few, the unit tests: more). */
export function checkDrillSolvable(drill: DrillDefinition, seeds: readonly number[]): Solvability[] {
  return seeds.map((seed) => checkVariantSolvable(generateVariant(drill, seed)));
}
