// The training core's public entry: drills and their catalogue, variants, running them, what the trainee sees,
// hints, the diagnosis check, the scorecard, the drill file and the audit events a drill adds. Pure: no I/O, no
// clock (times come from the trail), randomness only from the simulator's seeded generator.
export {
  DEFECT_KIND_INFO,
  DEFECT_KINDS,
  type DefectKind,
  FIX_KIND_INFO,
  FIX_KINDS,
  type FixKind,
  fixChoiceId,
  parseFixChoiceId,
} from './defect-kinds';
export {
  CULPRIT_CONFIGURATION,
  CULPRIT_PLATFORM,
  causeChoices,
  checkDiagnosis,
  type DiagnosisInput,
  type DiagnosisResult,
  WRONG_DIAGNOSIS,
} from './diagnosis';
export { DRILLS, findDrill } from './drill-catalog';
export {
  DRILL_FILE_FORMAT,
  DRILL_FILE_VERSION,
  DRILL_SCHEMA_ID,
  DrillDefinitionSchema,
  DrillFile,
  DrillFileError,
  drillJsonSchema,
  type LoadedDrill,
  parseDrillFile,
  writeDrillFile,
} from './drill-file';
export { dashboardParams, drillParams, runDrill } from './drill-runs';
export { DRILL_SCENARIO_ID, drillScenario, slotOf } from './drill-scenario';
export { reopenDrill, type StartedDrill, startDrill } from './drill-start';
export type {
  Culprit,
  DefectPlacement,
  Difficulty,
  DrillAnswer,
  DrillDefinition,
  DrillVariant,
  FaultLoad,
  FaultRecipe,
  FixChoice,
  HintId,
  MemoryConfig,
  PipelineTemplate,
  Range,
} from './drill-types';
export { DIFFICULTIES, HINT_IDS } from './drill-types';
export { faultsFor } from './fault-recipe';
export { fixChoicesFor, generateVariant, graphWithDefects, MAX_DRILL_SEED } from './generate-variant';
export { findHint, HINTS, type HintContext, type HintOffer, hintOffers, takeHint } from './hints';
export { oomStackTrace } from './oom-stack-trace';
export { computeScorecard, type Scorecard, ScorecardError, type ScoreLine } from './scorecard';
export { SealError, seal, unseal } from './seal';
export {
  checkDrillSolvable,
  checkVariantSolvable,
  innocentOf,
  type Solvability,
  type SolvabilityCheck,
} from './solvability';
export { surprise } from './surprise';
export { type Symptom, symptomOf } from './symptom';
export { runsFromTrail, type TrailEvent, type TrailOperator } from './trail-events';
export {
  buildPage,
  buildTraineeView,
  culpritChoices,
  type DrillListing,
  drillListing,
  type TraineeOperator,
  type TraineePage,
  type TraineeView,
} from './trainee-view';
export {
  DiagnosisSubmittedPayload,
  DrillAuthoredPayload,
  DrillStartedPayload,
  HintTakenPayload,
  TRAINING_AUDIT_CATEGORY,
  TRAINING_AUDIT_KINDS,
  TRAINING_PAYLOADS,
  type TrainingAuditKind,
} from './training-audit-kinds';
export { TRAINING_DESCRIBERS } from './training-describers';
