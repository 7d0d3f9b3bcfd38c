// The audit events a drill adds to the trail, with their payloads. To be registered in
// shared/domain/audit-kinds.ts (category 'training') so the chain, bundles and the trail panel accept them.
import { z } from 'zod';
import { RULE_IDS } from '../domain/rules';
import { DEFECT_KINDS } from './defect-kinds';
import { DIFFICULTIES, HINT_IDS } from './drill-types';

export const TRAINING_AUDIT_CATEGORY = 'training';

export const TRAINING_AUDIT_KINDS = {
  'drill.started': TRAINING_AUDIT_CATEGORY,
  'hint.taken': TRAINING_AUDIT_CATEGORY,
  'diagnosis.submitted': TRAINING_AUDIT_CATEGORY,
  'drill.authored': TRAINING_AUDIT_CATEGORY,
} as const;
export type TrainingAuditKind = keyof typeof TRAINING_AUDIT_KINDS;

/**
 * The drill as the trainee started it. `sealed` holds the drill definition and the seed (see seal.ts): the
 * answer can be re-derived by Peel from it, but is not readable in the trail. The operators are the topology the
 * trainee was shown (ids and layers), which the scorecard needs to measure the peeling.
 */
export const DrillStartedPayload = z.strictObject({
  drillId: z.string().min(1),
  title: z.string(),
  difficulty: z.enum(DIFFICULTIES),
  rules: z.array(z.enum(RULE_IDS)),
  estimatedMinutes: z.number().positive(),
  budgetHours: z.number().positive(),
  hintsOffered: z.array(z.enum(HINT_IDS)),
  operators: z.array(z.strictObject({ id: z.string().min(1), layer: z.string().min(1) })),
  sealed: z.string().min(1),
});
export type DrillStartedPayload = z.infer<typeof DrillStartedPayload>;

export const HintTakenPayload = z.strictObject({
  hintId: z.enum(HINT_IDS),
  ruleId: z.enum(RULE_IDS),
  /** Points the scorecard takes off for it. */
  cost: z.number().nonnegative(),
  /** The text the trainee read (computed from the trail at that moment). */
  text: z.string(),
});
export type HintTakenPayload = z.infer<typeof HintTakenPayload>;

export const DiagnosisSubmittedPayload = z.strictObject({
  /** An operator id, `platform` or `configuration`. */
  culprit: z.string().min(1),
  cause: z.enum(DEFECT_KINDS),
  fix: z.string().min(1),
  notes: z.string(),
  correct: z.boolean(),
});
export type DiagnosisSubmittedPayload = z.infer<typeof DiagnosisSubmittedPayload>;

/**
 * An instructor saved a drill (written on the author screen, loaded from a file, or made from an investigation).
 * The drill file's text is the stored drill: the drill list reads the latest save of each id back from the trail.
 * It holds no answer (a pinned seed is sealed), so the event may be shown like any other.
 */
export const DrillAuthoredPayload = z.strictObject({
  drillId: z.string().min(1),
  title: z.string(),
  /** SHA-256 of `file`, hex. */
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/),
  file: z.string().min(1),
  /** The investigation the drill was made from, or null. */
  fromInvestigationId: z.string().nullable(),
});
export type DrillAuthoredPayload = z.infer<typeof DrillAuthoredPayload>;

export const TRAINING_PAYLOADS = {
  'drill.started': DrillStartedPayload,
  'hint.taken': HintTakenPayload,
  'diagnosis.submitted': DiagnosisSubmittedPayload,
  'drill.authored': DrillAuthoredPayload,
} as const satisfies Record<TrainingAuditKind, z.ZodType>;
