// The lab state of an investigation, derived from its stored experiments, runs, hypotheses and preflight by the
// pure reasoning in shared/domain/lab: coverage, suspects, next step, warnings, fix proof, checklist evidence.
import type { ChecklistEvidence, Experiment, LabState } from '../../../../shared/contract/lab-entities';
import { checklistEvidence } from '../../../../shared/domain/lab/checklist-evidence';
import { operatorCoverage, suspects } from '../../../../shared/domain/lab/coverage';
import { fixProof } from '../../../../shared/domain/lab/fix-proof';
import { methodWarnings } from '../../../../shared/domain/lab/method-warnings';
import { suggestNextStep } from '../../../../shared/domain/lab/next-step';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { investigationScenario } from '../training/drill-of-investigation';
import { experimentView, loadLabData } from './lab-data';
import { scenarioOperators } from './scenarios';

export type Resolution = LabState['resolution'];

export function labState(ctx: ServiceContext, investigationId: string): LabState {
  const investigation = requireInvestigation(ctx, investigationId);
  const lab = ctx.store.investigations.lab(investigationId)!;
  const data = loadLabData(ctx, investigationId);
  const scenario = investigation.scenarioId
    ? investigationScenario(ctx, investigationId, investigation.scenarioId)
    : null;
  const operators = scenario ? scenarioOperators(scenario) : [];
  const coverage = operatorCoverage(operators, data.facts);
  const proof = fixProof(data.facts);
  const preflight = lab.preflight;
  const experiments = data.experiments.map((record) => experimentView(record, data.runs));
  const hypotheses = ctx.store.hypotheses.listForInvestigation(investigationId);
  return {
    scenarioId: investigation.scenarioId,
    configOverrides: lab.configOverrides,
    experiments,
    coverage,
    suspects: suspects(coverage),
    nextStep: suggestNextStep({
      scenarioId: investigation.scenarioId,
      scenarioOperators: operators,
      fixIds: scenario?.fixes.map((fix) => fix.id) ?? [],
      experiments,
      runs: data.facts,
      coverage,
      proof,
      preflightDone: preflight !== null,
      resolved: investigation.status === 'resolved',
    }),
    warnings: methodWarnings({ hypotheses, experiments, runs: data.facts }),
    proof,
    evidence: withProvingEvents(
      ctx,
      investigationId,
      checklistEvidence({
        scenarioId: investigation.scenarioId,
        runs: data.facts,
        coverage,
        proof,
        preflight,
        experimentsWithMultipleChanges: experiments.filter((e) => e.multiChangeConfirmed || e.diff.length > 1)
          .length,
        experimentCount: experiments.length,
        lastExperimentId:
          experiments.reduce<Experiment | null>((a, e) => (a && a.seq > e.seq ? a : e), null)?.id ?? null,
      }),
    ),
    preflight,
    resolution: lab.resolution,
  };
}

const SUBJECT_FIELD: Record<NonNullable<ChecklistEvidence['source']>['kind'], string> = {
  'run.completed': 'runId',
  'experiment.created': 'experimentId',
  'experiment.preflight': 'experimentId',
};

/** Finds the audit event behind each piece of evidence; evidence whose event is not in the trail proves nothing. */
function withProvingEvents(
  ctx: ServiceContext,
  investigationId: string,
  evidence: ChecklistEvidence[],
): ChecklistEvidence[] {
  return evidence.map((entry) => {
    const source = entry.source;
    if (!source) return entry;
    const about = source.subjectId
      ? { field: SUBJECT_FIELD[source.kind], value: source.subjectId }
      : undefined;
    return { ...entry, eventSeq: ctx.store.audit.latestSeq(investigationId, source.kind, about) };
  });
}
