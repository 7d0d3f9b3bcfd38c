// Schemas of the records that cross the contract. Times are UTC epoch milliseconds.
import { z } from 'zod';
import { AUDIT_KIND_NAMES } from '../domain/audit-kinds';
import { RULE_IDS } from '../domain/rules';
import { LIMITS } from './limits';

export const Id = z.string().min(1, 'must not be empty').max(LIMITS.idLength);
export const EpochMs = z.number().int().nonnegative();
export const RuleIdSchema = z.enum(RULE_IDS);

export const InvestigationStatus = z.enum(['open', 'resolved']);

export const Investigation = z.object({
  id: Id,
  title: z.string(),
  summary: z.string(),
  startedAt: EpochMs,
  createdAt: EpochMs,
  createdBy: z.string(),
  updatedAt: EpochMs,
  status: InvestigationStatus,
  scenarioId: z.string().nullable(),
});
export type Investigation = z.infer<typeof Investigation>;

export const InvestigationSummary = Investigation.extend({
  checklistDone: z.number().int(),
  checklistTotal: z.number().int(),
  openHypotheses: z.number().int(),
  eventCount: z.number().int(),
});
export type InvestigationSummary = z.infer<typeof InvestigationSummary>;

export const ChecklistTick = z.object({
  itemId: z.string(),
  ruleId: RuleIdSchema,
  ticked: z.boolean(),
  at: EpochMs,
  by: z.string(),
  /**
   * Set when Peel ticked the item from evidence (absent or null: a person's own choice): what shows it, its runs,
   * and the seq of the audit event that proves it.
   */
  evidence: z
    .object({ description: z.string(), runIds: z.array(z.string()), eventSeq: z.number().int().nullable() })
    .nullable()
    .optional(),
});
export type ChecklistTick = z.infer<typeof ChecklistTick>;

export const NoteRevision = z.object({
  id: Id,
  body: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});

/** A note as views show it: its latest text, with the earlier revisions one click away. */
export const Note = z.object({
  id: Id,
  investigationId: Id,
  ruleId: RuleIdSchema.nullable(),
  body: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
  updatedAt: EpochMs,
  edited: z.boolean(),
  history: z.array(NoteRevision),
});
export type Note = z.infer<typeof Note>;

export const HypothesisStatus = z.enum(['open', 'supported', 'refuted', 'inconclusive']);
export type HypothesisStatus = z.infer<typeof HypothesisStatus>;

/** One text a hypothesis's statement has had: the original (its id is the hypothesis's) or a correction. */
export const HypothesisRevision = z.object({
  id: Id,
  statement: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});

/** A hypothesis as views show it: its latest statement, with the earlier texts one click away. */
export const Hypothesis = z.object({
  id: Id,
  investigationId: Id,
  statement: z.string(),
  ruleId: RuleIdSchema.nullable(),
  status: HypothesisStatus,
  reason: z.string().nullable(),
  /** The effect it predicts for the run that tests it: the leak remains, or it goes. */
  predicts: z.enum(['leak', 'no-leak']).nullable(),
  decidedByRunId: Id.nullable(),
  decidedAutomatically: z.boolean(),
  createdAt: EpochMs,
  createdBy: z.string(),
  updatedAt: EpochMs,
  edited: z.boolean(),
  history: z.array(HypothesisRevision),
});
export type Hypothesis = z.infer<typeof Hypothesis>;

export const AuditKindSchema = z.enum(AUDIT_KIND_NAMES as [string, ...string[]]);

export const AuditEvent = z.object({
  seq: z.number().int().positive(),
  id: Id,
  investigationId: Id.nullable(),
  at: EpochMs,
  actor: z.string(),
  kind: AuditKindSchema,
  ruleId: RuleIdSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** A request for a page of an investigation's trail, newest first: the events before `beforeSeq`, at most `limit`. */
export const trailPageRequest = () =>
  z.strictObject({
    investigationId: Id,
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  });

export const InvestigationDetail = z.object({
  investigation: Investigation,
  checklist: z.array(ChecklistTick),
  notes: z.array(Note),
  hypotheses: z.array(Hypothesis),
});
export type InvestigationDetail = z.infer<typeof InvestigationDetail>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  databasePath: z.string(),
  user: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;
