// Hints, per rule and in order of strength, as a game master would give them. Some are computed from the
// trainee's own trail at the moment they are taken (which runs failed on purpose, what the control showed, which
// half of the suspects is still in), so a hint never knows more than the trainee's runs have shown.
import { proposeBisect } from '../domain/lab/bisect';
import { operatorCoverage, suspects } from '../domain/lab/coverage';
import { fixProof } from '../domain/lab/fix-proof';
import { completedRuns, isUnchangedCode, leakOutcome, type RunFacts } from '../domain/lab/run-facts';
import { plural, pluralNoun } from '../domain/plural';
import type { RuleId } from '../domain/rules';
import type { HintId } from './drill-types';
import { byKind, runsFromTrail, type TrailEvent, type TrailOperator } from './trail-events';

export interface HintContext {
  trail: readonly TrailEvent[];
  operators: readonly TrailOperator[];
}

export interface HintDefinition {
  id: HintId;
  ruleId: RuleId;
  /** 1 = a nudge, 3 = close to telling; hints of a rule are offered weakest first. */
  strength: 1 | 2 | 3;
  /** Points the scorecard takes off. */
  cost: number;
  /** The question as the hint list shows it before it is taken. */
  title: string;
  text(context: HintContext): string;
  /**
   * What in the trail already does what the hint asks (a failing run with restarts, a control run, a complete
   * A/B/A proof), or null. Such a hint is offered after the others: its question is already answered.
   */
  done?(context: HintContext): string | null;
}

const runsOf = (context: HintContext): RunFacts[] =>
  completedRuns(runsFromTrail(context.trail, context.operators).map((run) => run.facts));
const list = (runs: readonly RunFacts[]) => runs.map((run) => `#${run.seq}`).join(', ');

export const HINTS: readonly HintDefinition[] = [
  {
    id: 'make-it-fail.on-purpose',
    ruleId: 'make-it-fail',
    strength: 1,
    cost: 1,
    title: 'Have you made it fail on purpose?',
    text: (context) => {
      const runs = runsOf(context).filter((run) => !run.params.control);
      const restarted = runs.filter((run) => run.shutdownsFired > 0);
      if (runs.length === 0)
        return 'You have not run anything yet. Run the full job with containers shut down on a schedule: every restart shows what it leaves behind.';
      if (restarted.length === 0)
        return `None of your runs (${list(runs)}) shut a container down. A leak across restarts needs restarts to show.`;
      return `Runs ${list(restarted)} shut containers down. Does each restart leave memory behind? Compare the level after each restart with the one before.`;
    },
    done: (context) => {
      const failing = runsOf(context).find(
        (run) =>
          !run.params.control &&
          isUnchangedCode(run) &&
          run.shutdownsFired > 0 &&
          (run.ooms > 0 || leakOutcome(run) === 'leak'),
      );
      return failing ? `run #${failing.seq} already failed with containers restarted` : null;
    },
  },
  {
    id: 'make-it-fail.back-pressure',
    ruleId: 'make-it-fail',
    strength: 2,
    cost: 2,
    title: 'Does it fail when the sink is slow?',
    text: (context) => {
      const paused = runsOf(context).filter((run) => run.sinkPausesFired > 0);
      if (paused.length === 0)
        return 'None of your runs slowed the sink. The page mentions slow ingestion: add a sink slowdown that overlaps a container shutdown.';
      return `Runs ${list(paused)} slowed the sink. Was a container shut down while the sink was slow, and what stayed afterwards?`;
    },
    done: (context) => {
      const paused = runsOf(context).find((run) => run.sinkPausesFired > 0 && run.shutdownsFired > 0);
      return paused ? `run #${paused.seq} already slowed the sink while containers restarted` : null;
    },
  },
  {
    id: 'look.right-metric',
    ruleId: 'quit-thinking-and-look',
    strength: 1,
    cost: 1,
    title: 'Is the graph you watch the memory that grows?',
    text: () =>
      'Direct memory, resident memory (RSS), the old generation and GC counts each tell a different story. Put them side by side for the same run before deciding which one pages you.',
  },
  {
    id: 'look.retained-after-restart',
    ruleId: 'quit-thinking-and-look',
    strength: 2,
    cost: 1,
    title: 'What stays after each restart?',
    text: (context) => {
      const runs = runsOf(context).filter((run) => !run.params.control && isUnchangedCode(run));
      const leaking = runs.filter((run) => leakOutcome(run) === 'leak');
      if (leaking.length > 0)
        return `Runs ${list(leaking)} keep memory across restarts: a leak, not a peak. Spikes that fall back are another story.`;
      if (runs.length > 0)
        return `None of runs ${list(runs)} kept memory across restarts. High peaks that come back down are not a leak: what makes them?`;
      return 'Run the job with restarts first; then compare the level after each restart with the one before.';
    },
  },
  {
    id: 'divide.control-job',
    ruleId: 'divide-and-conquer',
    strength: 1,
    cost: 1,
    title: 'What did the control job show?',
    text: (context) => {
      const control = runsOf(context).find((run) => run.params.control);
      if (!control)
        return 'You have not run the control job: a trivial source-to-sink job on the same platform. If it shows the problem too, your operators are not the cause.';
      return `Your control run #${control.seq} read ${control.verdict ?? 'nothing'} (${leakOutcome(control) === 'leak' ? 'it leaks without any of your operators' : 'the platform alone does not leak'}).`;
    },
    done: (context) => {
      const control = runsOf(context).find((run) => run.params.control);
      return control ? `control run #${control.seq} is in your trail` : null;
    },
  },
  {
    id: 'divide.halve-remaining',
    ruleId: 'divide-and-conquer',
    strength: 3,
    cost: 3,
    title: 'Which half of the remaining operators have you not removed?',
    text: (context) => {
      const runs = runsOf(context);
      const coverage = operatorCoverage(context.operators, runs);
      const left = suspects(coverage);
      const proposal = proposeBisect(context.operators, left, []);
      const cleared = coverage.filter((entry) => entry.status === 'cleared').map((entry) => entry.operator);
      const head = `${left.length} of ${plural(context.operators.length, 'operator')} ${left.length === 1 ? 'is' : 'are'} still ${pluralNoun(left.length, 'suspect')}${cleared.length > 0 ? ` (cleared: ${cleared.join(', ')})` : ''}.`;
      if (!proposal)
        return `${head} Nothing left to halve: test the suspects one at a time, or fix and prove.`;
      return `${head} Removing ${proposal.remove.join(', ')} takes out ${proposal.removedSuspects.length} and keeps ${proposal.keptSuspects.length}: one change, same failure schedule.`;
    },
  },
  {
    id: 'divide.one-change',
    ruleId: 'change-one-thing',
    strength: 2,
    cost: 1,
    title: 'Did each experiment change one thing?',
    text: (context) => {
      const several = byKind(context.trail, 'experiment.created').filter(
        (event) => Array.isArray(event.payload.diff) && (event.payload.diff as unknown[]).length > 1,
      );
      if (several.length === 0)
        return 'So far every experiment changed one thing from its parent. Keep it so.';
      return `Experiments ${several.map((e) => `#${String(e.payload.seq)}`).join(', ')} changed several things at once: their results cannot say which one mattered. Redo them one change at a time.`;
    },
  },
  {
    id: 'verify.aba',
    ruleId: 'verify-the-fix',
    strength: 2,
    cost: 2,
    title: "If you didn't fix it, it ain't fixed",
    text: (context) => {
      const proof = fixProof(runsOf(context));
      if (proof.complete) return `Your A/B/A proof of ${proof.fixes.join(', ')} is complete.`;
      return `${proof.missing ?? 'Apply the fix, then run without it, then with it again.'} The same experiment each time: fixed, unfixed, fixed.`;
    },
    done: (context) => (fixProof(runsOf(context)).complete ? 'your A/B/A proof is complete' : null),
  },
];

export function findHint(id: HintId): HintDefinition {
  const hint = HINTS.find((candidate) => candidate.id === id);
  if (!hint) throw new Error(`unknown hint '${id}'`);
  return hint;
}

export interface HintOffer {
  id: HintId;
  ruleId: RuleId;
  strength: number;
  cost: number;
  title: string;
  taken: boolean;
  /** What in the trail already answers it (it is then offered after the open questions), or null. */
  done: string | null;
}

/**
 * The drill's hints in the order they are offered: the questions the trail has not answered yet, weakest first
 * (then as the drill lists them), and after them the ones it has (a failing run exists: "have you made it fail?"
 * comes last). Runs count whoever ran them, the page's dashboard run included, as the checklist counts them.
 */
export function hintOffers(allowed: readonly HintId[], context: HintContext): HintOffer[] {
  const taken = new Set(byKind(context.trail, 'hint.taken').map((event) => String(event.payload.hintId)));
  return allowed
    .map((id) => {
      const hint = findHint(id);
      return { hint, done: hint.done?.(context) ?? null };
    })
    .sort(
      (a, b) =>
        Number(a.done !== null) - Number(b.done !== null) ||
        a.hint.strength - b.hint.strength ||
        allowed.indexOf(a.hint.id) - allowed.indexOf(b.hint.id),
    )
    .map(({ hint, done }) => ({
      id: hint.id,
      ruleId: hint.ruleId,
      strength: hint.strength,
      cost: hint.cost,
      title: hint.title,
      taken: taken.has(hint.id),
      done,
    }));
}

/** Taking a hint: the payload of its `hint.taken` event (text computed from the trail now). */
export function takeHint(
  allowed: readonly HintId[],
  id: HintId,
  context: HintContext,
): { hintId: HintId; ruleId: RuleId; cost: number; text: string } {
  if (!allowed.includes(id)) throw new Error(`this drill does not offer the hint '${id}'`);
  const hint = findHint(id);
  return { hintId: hint.id, ruleId: hint.ruleId, cost: hint.cost, text: hint.text(context) };
}
