// Warnings when the method slips, each tagged with the rule it breaks: a hypothesis written before anything was
// made to fail, an experiment that changed more than one thing, a fix that no run has verified.
import type { MethodWarning } from '../../contract/lab-entities';
import { completedRuns, leakOutcome, type RunFacts } from './run-facts';

export interface WarningInput {
  hypotheses: readonly { id: string; statement: string; createdAt: number }[];
  experiments: readonly {
    id: string;
    seq: number;
    multiChangeConfirmed: boolean;
    diff: readonly { dimension: string; description: string }[];
    params: RunFacts['params'];
  }[];
  runs: readonly RunFacts[];
}

export function methodWarnings(input: WarningInput): MethodWarning[] {
  const warnings: MethodWarning[] = [];
  const failing = completedRuns(input.runs).filter((run) => run.ooms > 0 || leakOutcome(run) === 'leak');
  const firstFailureAt = failing[0]?.startedAt ?? Number.POSITIVE_INFINITY;
  for (const hypothesis of input.hypotheses) {
    if (hypothesis.createdAt < firstFailureAt) {
      warnings.push({
        ruleId: 'make-it-fail',
        message: `“${hypothesis.statement}” was written before anything was made to fail: look first, then theorise.`,
        refs: [hypothesis.id],
      });
    }
  }
  // The experiments some completed run verified, in one pass over the runs (asking every run about every
  // experiment grew as their product).
  const verifiedExperiments = new Set(
    input.runs.filter((run) => run.status === 'completed').map((run) => run.experimentId),
  );
  for (const experiment of input.experiments) {
    if (experiment.multiChangeConfirmed || experiment.diff.length > 1) {
      warnings.push({
        ruleId: 'change-one-thing',
        message: `Experiment #${experiment.seq} changed ${experiment.diff.length} things at once (${experiment.diff
          .map((change) => change.description)
          .join('; ')}): its result cannot say which one mattered.`,
        refs: [experiment.id],
      });
    }
    const addsFix = experiment.diff.some(
      (change) => change.dimension === 'fixes' && change.description.startsWith('applied'),
    );
    if (addsFix && !verifiedExperiments.has(experiment.id)) {
      warnings.push({
        ruleId: 'verify-the-fix',
        message: `Experiment #${experiment.seq} applies a fix that no run has verified yet: if you didn't test it, it ain't fixed.`,
        refs: [experiment.id],
      });
    }
  }
  return warnings;
}
