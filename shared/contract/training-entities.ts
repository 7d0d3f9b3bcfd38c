// What the drill channels carry. During a drill the renderer gets only these (and the lab's runs and plans): the
// trainee's view, hints taken, the diagnosis verdict and the scorecard. None of them has a field for the answer.
import { z } from 'zod';
import { RULE_IDS } from '../domain/rules';
import { DEFECT_KINDS, DIFFICULTIES, FIX_KINDS, HINT_IDS } from '../training';
import { Id } from './entities';
import { ExperimentParams, ScenarioInfo } from './lab-entities';

export const DrillListing = z.strictObject({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  difficulty: z.enum(DIFFICULTIES),
  estimatedMinutes: z.number(),
  rules: z.array(z.string()),
  budgetHours: z.number(),
});

/** A drill in the list: the catalogue's or an instructor's (saved on the author screen or made from an investigation). */
export const DrillListEntry = DrillListing.extend({
  authored: z.boolean(),
  fromInvestigation: z.boolean().optional(),
});
export type DrillListEntry = z.infer<typeof DrillListEntry>;

/** The instructor's preview of a drill: per seed, the runs that show culprit and innocents apart (no operator named). */
export const DrillPreview = z.strictObject({
  solvable: z.boolean(),
  seeds: z.array(
    z.strictObject({
      seed: z.number().int(),
      solvable: z.boolean(),
      checks: z.array(
        z.strictObject({ what: z.string(), expected: z.boolean(), shows: z.boolean(), reason: z.string() }),
      ),
    }),
  ),
});
export type DrillPreview = z.infer<typeof DrillPreview>;

export const SavedDrill = z.strictObject({
  listing: DrillListEntry,
  fileName: z.string(),
  /** The drill file as stored (a pinned seed sealed). */
  text: z.string(),
});
export type SavedDrill = z.infer<typeof SavedDrill>;

const MemoryKinds = z.strictObject({
  heap: z.boolean(),
  direct: z.boolean(),
  network: z.boolean(),
  native: z.boolean(),
  mapped: z.boolean(),
});

export const HintOffer = z.strictObject({
  id: z.enum(HINT_IDS),
  ruleId: z.enum(RULE_IDS),
  strength: z.number(),
  cost: z.number(),
  title: z.string(),
  taken: z.boolean(),
  /** What in the trainee's trail already answers it (offered after the open questions), or null. */
  done: z.string().nullable(),
});

export const TraineeView = z.strictObject({
  drill: DrillListing,
  page: z.strictObject({
    alert: z.string(),
    stackTrace: z.string().nullable(),
    diagnostics: z.array(z.string()),
    firstSymptomAtSec: z.number().nullable(),
    dashboard: ExperimentParams,
  }),
  topology: z.strictObject({
    operators: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        layer: z.string(),
        description: z.string(),
        kind: z.enum(['source', 'transform', 'sink']),
        memory: MemoryKinds,
      }),
    ),
    edges: z.array(
      z.strictObject({ from: z.string(), to: z.string(), kind: z.enum(['forward', 'hash', 'rebalance']) }),
    ),
    layers: z.array(z.string()),
  }),
  config: z.record(z.string(), z.string()),
  choices: z.strictObject({
    culprits: z.array(z.strictObject({ id: z.string(), label: z.string() })),
    causes: z.array(z.strictObject({ id: z.enum(DEFECT_KINDS), label: z.string() })),
    fixes: z.array(
      z.strictObject({ id: z.string(), kind: z.enum(FIX_KINDS), target: z.string(), label: z.string() }),
    ),
  }),
  hints: z.array(HintOffer),
});
export type TraineeView = z.infer<typeof TraineeView>;

export const TakenHint = z.strictObject({
  hintId: z.enum(HINT_IDS),
  ruleId: z.enum(RULE_IDS),
  cost: z.number(),
  text: z.string(),
  seq: z.number().int(),
  at: z.number(),
});
export type TakenHint = z.infer<typeof TakenHint>;

export const SubmittedDiagnosis = z.strictObject({
  seq: z.number().int(),
  at: z.number(),
  culprit: z.string(),
  cause: z.enum(DEFECT_KINDS),
  fix: z.string(),
  notes: z.string(),
  correct: z.boolean(),
});

/** A drill in progress as the trainee's screen shows it: the view plus the clock, budget and what was done. */
export const DrillSession = z.strictObject({
  investigationId: Id,
  view: TraineeView,
  startedAt: z.number(),
  /** Simulated hours of the trainee's own runs (the page's dashboard run is not theirs). */
  spentHours: z.number(),
  budgetHours: z.number(),
  hintsTaken: z.array(TakenHint),
  diagnoses: z.array(SubmittedDiagnosis),
  /** A right diagnosis was submitted: the fix must now be proven A/B/A. */
  diagnosed: z.boolean(),
  /** Right diagnosis and its fix proven: the drill counts as solved. */
  solved: z.boolean(),
  /** The experiment of the page's dashboard (the trainee's baseline to derive from). */
  dashboardExperimentId: Id.nullable(),
  dashboardRunId: Id.nullable(),
  /**
   * The drill's scenario as the lab shows any scenario (its operators, layers, fixes to try): neutral by
   * construction, one slot per fix choice whichever is at fault (shared/training/drill-scenario.ts).
   */
  scenario: ScenarioInfo,
});
export type DrillSession = z.infer<typeof DrillSession>;

export const DiagnosisVerdict = z.strictObject({
  status: z.enum(['wrong', 'right']),
  message: z.string(),
  session: DrillSession,
});

export const ScoreLine = z.strictObject({
  id: z.string(),
  title: z.string(),
  ruleId: z.enum(RULE_IDS),
  points: z.number(),
  max: z.number(),
  why: z.string(),
  eventSeqs: z.array(z.number().int()),
});

export const Scorecard = z.strictObject({
  drillId: z.string(),
  title: z.string(),
  solved: z.boolean(),
  points: z.number(),
  max: z.number(),
  lines: z.array(ScoreLine),
});
export type Scorecard = z.infer<typeof Scorecard>;

/** One trainee's drill in the instructor's cohort table: an imported bundle, scored from its verified chain. */
export const CohortRow = z.strictObject({
  investigationId: Id,
  trainee: z.string(),
  exportedAt: z.number(),
  chainVerified: z.boolean(),
  scorecard: Scorecard,
});
export type CohortRow = z.infer<typeof CohortRow>;
