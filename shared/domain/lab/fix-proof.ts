// "If you didn't fix it, it ain't fixed": the A/B/A proof. Among runs of one experiment setup that differ only in
// the fixes applied, find, in run order: with the fix and no leak, then without it and the leak is back, then with
// it again and no leak. Each run must have been restarted by its failure schedule, or its calm proves nothing.
import type { FixProof } from '../../contract/lab-entities';
import { canonicalJson } from '../canonical-json';
import { textDigest } from '../text-digest';
import { completedRuns, leakOutcome, type RunFacts } from './run-facts';

const STEP_LABELS = [
  { label: 'With the fix, the same experiment: the staircase is gone', expect: 'no-leak' as const },
  { label: 'Without the fix: the staircase returns', expect: 'leak' as const },
  { label: 'With the fix again: gone again', expect: 'no-leak' as const },
];

/**
 * Everything about a run except its fixes, as a digest of its canonical JSON: runs with equal setups differ only in
 * what was fixed. Runs of one experiment share its parameters object (and the backend keeps an experiment's record
 * between reads), so the key is made once per parameters object, not once per run or per derivation. Parameters
 * are never changed once made, which is what makes the object a safe key. The digest (text-digest.ts), not the
 * text, is what the evidence fold keeps per setup: a few hundred characters less per run where every run is its own
 * setup.
 */
const setupKeyOfParams = new WeakMap<RunFacts['params'], string>();

export function setupKey(run: RunFacts): string {
  let key = setupKeyOfParams.get(run.params);
  if (key === undefined) {
    const { fixes: _fixes, ...rest } = run.params;
    key = textDigest(canonicalJson(rest));
    setupKeyOfParams.set(run.params, key);
  }
  return key;
}

/** The fixes a run applied, as one key (their order does not matter). */
export const fixSetKey = (run: RunFacts): string => canonicalJson([...run.params.fixes].sort());

/** The three steps' tests, in order, for the given fixes. */
export function proofStepTests(fixes: readonly string[]): ((run: RunFacts) => boolean)[] {
  const hasFix = (run: RunFacts) => fixes.every((fix) => run.params.fixes.includes(fix));
  return [
    (run: RunFacts) => hasFix(run) && leakOutcome(run) === 'no-leak',
    (run: RunFacts) => !hasFix(run) && leakOutcome(run) === 'leak',
    (run: RunFacts) => hasFix(run) && leakOutcome(run) === 'no-leak',
  ];
}

/** A candidate proof: the fixes it is about and the run found for each step so far (in run order). */
export interface ProofCandidate {
  fixes: string[];
  steps: (RunFacts | null)[];
}

function proofFor(runs: RunFacts[], fixes: string[]): { steps: (RunFacts | null)[] } {
  const matches = proofStepTests(fixes);
  const steps: (RunFacts | null)[] = [null, null, null];
  let next = 0;
  for (const run of runs) {
    if (next < 3 && matches[next]!(run)) steps[next++] = run;
  }
  return { steps };
}

export function fixProof(runs: readonly RunFacts[]): FixProof {
  // Each run's setup key once, and the setups some run applied fixes to: comparing every run with every other
  // (a canonical JSON each time) made this quadratic in the runs of an investigation.
  const fixedSetups = new Set(runs.filter((r) => r.params.fixes.length > 0).map(setupKey));
  const groups = new Map<string, RunFacts[]>();
  for (const run of completedRuns(runs)) {
    const key = setupKey(run);
    if (run.params.fixes.length === 0 && !fixedSetups.has(key)) continue;
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  const candidates: ProofCandidate[] = [];
  for (const group of groups.values()) {
    const fixSets = new Set(group.filter((r) => r.params.fixes.length > 0).map(fixSetKey));
    for (const fixSet of fixSets) {
      const fixes = JSON.parse(fixSet) as string[];
      candidates.push({ fixes, steps: proofFor(group, fixes).steps });
    }
  }
  return proofOfCandidates(candidates);
}

/**
 * The proof from its candidates, given in the order of their setups' first completed runs and, within a setup, of
 * their fixes' first run: the candidate with the most steps found, the first of those on a tie.
 */
export function proofOfCandidates(candidates: readonly ProofCandidate[]): FixProof {
  let best: ProofCandidate | null = null;
  for (const candidate of candidates) {
    const found = candidate.steps.filter(Boolean).length;
    if (!best || found > best.steps.filter(Boolean).length) best = candidate;
  }
  const steps = STEP_LABELS.map((step, i) => ({
    ...step,
    runId: best?.steps[i]?.id ?? null,
    ok: Boolean(best?.steps[i]),
  }));
  const firstMissing = steps.findIndex((step) => !step.ok);
  const missing =
    firstMissing < 0
      ? null
      : best === null
        ? 'No fix has been run yet: apply the fix and re-run the experiment that made it fail.'
        : `Missing: ${STEP_LABELS[firstMissing]!.label.toLowerCase()} (a run of the same experiment ${
            STEP_LABELS[firstMissing]!.expect === 'leak' ? 'without' : 'with'
          } ${best.fixes.join(', ')}).`;
  return { complete: firstMissing < 0, fixes: best?.fixes ?? [], steps, missing };
}
