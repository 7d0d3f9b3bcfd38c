// The lab state of an investigation, derived from its stored experiments, runs, hypotheses and preflight by the
// pure reasoning in shared/domain/lab: coverage, suspects, next step, warnings, fix proof, checklist evidence.
import type { ChecklistEvidence, Experiment, LabState } from '../../../../shared/contract/lab-entities';
import {
  COVERAGE_ITEMS,
  checklistEvidence,
  evidenceOf,
  PROOF_ITEMS,
  type TickableItem,
} from '../../../../shared/domain/lab/checklist-evidence';
import { operatorCoverage, suspects } from '../../../../shared/domain/lab/coverage';
import { fixProof } from '../../../../shared/domain/lab/fix-proof';
import { methodWarnings } from '../../../../shared/domain/lab/method-warnings';
import { suggestNextStep } from '../../../../shared/domain/lab/next-step';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { investigationScenario } from '../training/drill-of-investigation';
import { experimentSummary, runEvidenceFold } from './evidence-folds';
import { experimentView, type LabData, loadLabData } from './lab-data';
import { namedOnScreen, runListWindow, runsByExperiment } from './run-window';
import { scenarioOperators } from './scenarios';

export type Resolution = LabState['resolution'];

/**
 * The lab state with every experiment and run (its run list complete): what exports, reports and the resolution
 * check read.
 */
export type FullLabState = LabState;

/** How many runs a coverage sentence names on screen before "and N more". */
const SCREEN_LABEL_LIMIT = 6;

export function labState(ctx: ServiceContext, investigationId: string): FullLabState {
  const { state, data } = deriveLab(ctx, investigationId);
  const byExperiment = runsByExperiment(data.runs);
  const experiments = data.experiments.map((record) =>
    experimentView(record, byExperiment.get(record.id) ?? []),
  );
  return { ...state, experiments };
}

/**
 * The lab state a screen gets: everything the lab reasons over every run, but a window of the run list (see
 * run-window.ts), and coverage and evidence naming a few runs each, so its size does not grow with the runs.
 */
export function labStateForScreen(ctx: ServiceContext, investigationId: string): LabState {
  const { state, data } = deriveLab(ctx, investigationId, SCREEN_LABEL_LIMIT);
  const coverage = state.coverage.map((entry) => ({ ...entry, runIds: namedOnScreen(entry.runIds) }));
  const evidence = state.evidence.map((entry) => ({ ...entry, runIds: namedOnScreen(entry.runIds) }));
  const runIds = new Set<string>([
    ...coverage.flatMap((entry) => entry.runIds),
    ...evidence.flatMap((entry) => entry.runIds),
    ...state.proof.steps.flatMap((step) => (step.runId ? [step.runId] : [])),
    ...(state.resolution?.proofRunIds ?? []),
  ]);
  const experimentIds = new Set<string>();
  const { derive, action } = state.nextStep;
  if (derive?.fromExperimentId) experimentIds.add(derive.fromExperimentId);
  if (action?.experimentId) experimentIds.add(action.experimentId);
  if (state.preflight?.experimentId) experimentIds.add(state.preflight.experimentId);
  // The newest experiment with a fix: the screen shows the fix proof once one exists, however old it is.
  const fixed = data.experiments.findLast((record) => record.params.fixes.length > 0);
  if (fixed) experimentIds.add(fixed.id);
  const window = runListWindow({ experiments: data.experiments, runs: data.runs, runIds, experimentIds });
  return { ...state, coverage, evidence, experiments: window.experiments, runList: window.runList };
}

function deriveLab(
  ctx: ServiceContext,
  investigationId: string,
  labelLimit?: number,
): { state: FullLabState; data: LabData } {
  const investigation = requireInvestigation(ctx, investigationId);
  const lab = ctx.store.investigations.lab(investigationId)!;
  const data = loadLabData(ctx, investigationId);
  const scenario = investigation.scenarioId
    ? investigationScenario(ctx, investigationId, investigation.scenarioId)
    : null;
  const operators = scenario ? scenarioOperators(scenario) : [];
  const coverage = operatorCoverage(operators, data.facts, labelLimit);
  // Derived from every run, not from the kept fold a stored run reads (evidenceForItems): the full derivation
  // that fold is checked against.
  const proof = fixProof(data.facts);
  const preflight = lab.preflight;
  // The reasoning reads the experiments' records; their views with every run's summary are made only for the full
  // state (labState), not for every screen's read, which shows a window of them (run-window.ts).
  const experiments = data.experiments;
  const hypotheses = ctx.store.hypotheses.listForInvestigation(investigationId);
  const state: FullLabState = {
    scenarioId: investigation.scenarioId,
    configOverrides: lab.configOverrides,
    experiments: [],
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
        ...experimentFacts(experiments),
      }),
    ),
    preflight,
    resolution: lab.resolution,
    runList: {
      experimentsTotal: experiments.length,
      runsTotal: data.runs.length,
      olderExperimentsBefore: null,
      partial: [],
    },
  };
  return { state, data };
}

/** What the single-diff item reads of the experiments (records or views). */
function experimentFacts(
  experiments: readonly Pick<Experiment, 'id' | 'seq' | 'diff' | 'multiChangeConfirmed'>[],
) {
  return {
    experimentsWithMultipleChanges: experiments.filter((e) => e.multiChangeConfirmed || e.diff.length > 1)
      .length,
    experimentCount: experiments.length,
    lastExperimentId:
      experiments.reduce<(typeof experiments)[number] | null>((a, e) => (a && a.seq > e.seq ? a : e), null)
        ?.id ?? null,
  };
}

/**
 * The checklist evidence for the given items only, with their proving events: what a stored run, a preflight or a
 * resolution may tick. Equal, for those items, to the lab state's evidence. It reads the investigation's evidence
 * fold, brought up to date with the runs changed since it was last read (evidence-folds.ts), so it costs the same
 * at 1,000 runs as at 10; it reads the experiments only for the single-diff item, and looks up only the proving
 * events of the items asked for.
 */
export function evidenceForItems(
  ctx: ServiceContext,
  investigationId: string,
  items: ReadonlySet<TickableItem>,
): ChecklistEvidence[] {
  const investigation = requireInvestigation(ctx, investigationId);
  const lab = ctx.store.investigations.lab(investigationId)!;
  const fold = runEvidenceFold(ctx.store, investigationId);
  const wants = (list: readonly TickableItem[]) => list.some((item) => items.has(item));
  const scenario =
    investigation.scenarioId && wants(COVERAGE_ITEMS)
      ? investigationScenario(ctx, investigationId, investigation.scenarioId)
      : null;
  const experiments = items.has('one-change.single-diff')
    ? experimentSummary(ctx.store, investigationId)
    : { experimentCount: 0, experimentsWithMultipleChanges: 0, lastExperimentId: null };
  const evidence = evidenceOf(fold, {
    scenarioId: investigation.scenarioId,
    // Only the implicated entries of the map are read by the evidence (divide.isolated).
    coverage: scenario ? fold.implicatedCoverage(scenarioOperators(scenario)) : [],
    proof: wants(PROOF_ITEMS) ? fold.fixProof() : fixProof([]),
    preflight: lab.preflight,
    experimentCount: experiments.experimentCount,
    experimentsWithMultipleChanges: experiments.experimentsWithMultipleChanges,
    lastExperimentId: experiments.lastExperimentId,
  }).filter((entry) => entry.mode === 'tick' && items.has(entry.itemId as TickableItem));
  return withProvingEvents(ctx, investigationId, evidence);
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
