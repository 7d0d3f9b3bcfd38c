// Schemas of what the trail's calls carry: the result of verifying the chain, people's descriptions of events, and
// a timeline page. Times are UTC epoch milliseconds.
import { z } from 'zod';
import { AUDIT_CATEGORIES } from '../domain/audit-kinds';
import { AuditEvent, EpochMs, Id } from './entities';

export const CHAIN_PROBLEMS = ['edited', 'deleted', 'reordered', 'truncated', 'head-mismatch'] as const;
export const ChainProblem = z.enum(CHAIN_PROBLEMS);
export type ChainProblem = z.infer<typeof ChainProblem>;

export const TriggerCheck = z.object({
  ok: z.boolean(),
  /** The append-only triggers Peel's migrations create, by name. */
  expected: z.array(z.string()),
  missing: z.array(z.string()),
  /** Present under the expected name, with a different definition. */
  altered: z.array(z.string()),
  /** Triggers no migration created (one could, say, silently drop audit inserts). */
  unexpected: z.array(z.string()),
});
export type TriggerCheck = z.infer<typeof TriggerCheck>;

/** The records people read (titles, notes, hypotheses, experiments, runs with their numbers and series), held against
 * the state the chain re-derives; the first record that disagrees, named. */
export const StateCheck = z.object({
  ok: z.boolean(),
  /** Investigations whose records were checked. */
  investigations: z.number().int().nonnegative(),
  /** Investigations that could not be checked, and why. */
  skipped: z.array(z.object({ investigationId: Id, title: z.string(), why: z.string() })),
  firstMismatch: z
    .object({
      investigationId: Id,
      investigationTitle: z.string(),
      subject: z.enum([
        'investigation',
        'checklist',
        'note',
        'hypothesis',
        'experiment',
        'run',
        'description',
        'metric-import',
      ]),
      id: z.string(),
      /** The event that recorded the fact; null when no event recorded the record at all. */
      eventSeq: z.number().int().nonnegative().nullable(),
      message: z.string(),
    })
    .nullable(),
});
export type StateCheck = z.infer<typeof StateCheck>;

/** Replaying the recorded simulations: each run re-run from the parameters and seed its chain recorded. */
export const ReplayResult = z.object({
  /** Every replayed run gave the series, detail and verdict its chain recorded (and none was left unreplayed). */
  ok: z.boolean(),
  cancelled: z.boolean(),
  /** Runs with recorded parameters and results. */
  total: z.number().int().nonnegative(),
  replayed: z.number().int().nonnegative(),
  /** Runs recorded before series hashes were: their verdict and detail are checked, their series cannot be. */
  notBound: z.array(z.string()),
  firstMismatch: z
    .object({ runId: z.string(), runSeq: z.number().int(), investigationId: z.string(), message: z.string() })
    .nullable(),
  wallMs: z.number().nonnegative(),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const VerifyResult = z.object({
  /** The chain verifies, the triggers are as created, and every record shown agrees with the chain. */
  ok: z.boolean(),
  events: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative(),
  headHash: z.string(),
  firstBad: z
    .object({
      seq: z.number().int().nonnegative(),
      /** Null when the event itself is gone (a cut tail). */
      id: z.string().nullable(),
      problem: ChainProblem,
      message: z.string(),
    })
    .nullable(),
  triggers: TriggerCheck,
  state: StateCheck,
  checkedAt: EpochMs,
  wallMs: z.number().nonnegative(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const EventDescriptionRevision = z.object({
  id: Id,
  body: z.string(),
  createdAt: EpochMs,
  createdBy: z.string(),
});

/** A person's description of an audit event: its latest text, "edited" once corrected, the history oldest first. */
export const EventDescription = z.object({
  eventId: Id,
  body: z.string(),
  updatedAt: EpochMs,
  updatedBy: z.string(),
  edited: z.boolean(),
  history: z.array(EventDescriptionRevision),
});
export type EventDescription = z.infer<typeof EventDescription>;

export const TrailEvent = AuditEvent.extend({ description: EventDescription.nullable() });
export type TrailEvent = z.infer<typeof TrailEvent>;

export const AuditCategorySchema = z.enum(AUDIT_CATEGORIES);

export const TrailPage = z.object({
  events: z.array(TrailEvent),
  /** Events matching the filters up to `upToSeq`: the length of the whole filtered timeline. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  /** The newest seq the page was read at; pass it back so later pages line up with this one. */
  upToSeq: z.number().int().nonnegative(),
});
export type TrailPage = z.infer<typeof TrailPage>;
