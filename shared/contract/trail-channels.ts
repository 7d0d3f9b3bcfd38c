// The audit trail's calls: verifying the chain, the timeline, corrections that never erase.
import { z } from 'zod';
import { channel } from './channel';
import { Hypothesis, Id, RuleIdSchema } from './entities';
import { LIMITS } from './limits';
import { requiredText, text } from './text-schemas';
import { AuditCategorySchema, TrailEvent, TrailPage, VerifyResult } from './trail-entities';

export const trailChannels = {
  'audit.verify': channel(
    () => z.strictObject({}),
    () => VerifyResult,
    "Verify the whole database's audit chain and append-only triggers; names the first event that does not match.",
  ),
  'audit.replayStart': channel(
    () => z.strictObject({ investigationId: Id }),
    () => z.object({ replayId: z.string(), total: z.number().int().nonnegative() }),
    "Replay an investigation's simulated runs from the parameters and seeds its chain recorded, in the background: " +
      'progress and the result arrive as replay.progress and replay.finished.',
  ),
  'audit.replayCancel': channel(
    () => z.strictObject({ replayId: z.string().max(64) }),
    () => z.object({ cancelled: z.boolean() }),
    'Cancel a replay in progress.',
  ),
  'audit.query': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        ruleIds: z.array(RuleIdSchema).max(9).optional(),
        categories: z.array(AuditCategorySchema).max(20).optional(),
        text: text('search', LIMITS.searchLength).optional(),
        /** Read as of this seq (from the first page's answer), so pages line up while new events arrive. */
        upToSeq: z.number().int().positive().optional(),
        offset: z.number().int().nonnegative().max(10_000_000).optional(),
        limit: z.number().int().min(1).max(500).optional(),
      }),
    () => TrailPage,
    "A page of an investigation's timeline, newest first, filtered by rule, kind category and text search.",
  ),
  'audit.describe': channel(
    () => z.strictObject({ eventId: Id, body: requiredText('description', LIMITS.eventDescriptionLength) }),
    () => TrailEvent,
    'Describe an audit event, or correct its description: a new entry pointing at the one it corrects.',
  ),
  'hypotheses.correct': channel(
    () =>
      z.strictObject({ hypothesisId: Id, statement: requiredText('hypothesis', LIMITS.hypothesisLength) }),
    () => Hypothesis,
    "Correct a hypothesis's statement: stores a new revision pointing at the one it corrects; nothing is overwritten.",
  ),
} as const;
