// The notebook's calls: investigations, checklist, notes, hypotheses, and reading the audit trail.
import { z } from 'zod';
import { channel } from './channel';
import {
  AppInfo,
  AuditEvent,
  ChecklistTick,
  EpochMs,
  Hypothesis,
  HypothesisStatus,
  Id,
  Investigation,
  InvestigationDetail,
  InvestigationSummary,
  Note,
  RuleIdSchema,
  trailPageRequest,
} from './entities';
import { LIMITS } from './limits';
import { requiredText, text } from './text-schemas';

export const notebookChannels = {
  'app.info': channel(
    () => z.strictObject({}),
    () => AppInfo,
    'Which host is serving, where the data lives, who is acting.',
  ),

  'investigations.list': channel(
    () => z.strictObject({ query: text('search', LIMITS.searchLength).optional() }),
    () => z.array(InvestigationSummary),
    'Investigations, newest first, optionally filtered by a search over title and summary.',
  ),
  'investigations.create': channel(
    () =>
      z.strictObject({
        title: requiredText('title', LIMITS.titleLength),
        summary: text('summary', LIMITS.summaryLength),
        startedAt: EpochMs,
      }),
    () => Investigation,
    'Start an investigation: title, incident summary and when the incident started.',
  ),
  'investigations.get': channel(
    () => z.strictObject({ id: Id }),
    () => InvestigationDetail,
    'One investigation with its checklist, notes and hypotheses.',
  ),

  'checklist.set': channel(
    () => z.strictObject({ investigationId: Id, itemId: Id, ticked: z.boolean() }),
    () => ChecklistTick,
    'Tick or untick a checklist item.',
  ),

  'notes.add': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        ruleId: RuleIdSchema.nullable(),
        body: requiredText('note', LIMITS.noteLength),
      }),
    () => Note,
    'Add a Markdown note to a rule, or to the investigation when ruleId is null.',
  ),
  'notes.correct': channel(
    () => z.strictObject({ noteId: Id, body: requiredText('note', LIMITS.noteLength) }),
    () => Note,
    'Correct a note: stores a new revision that points at the one it corrects; nothing is overwritten.',
  ),

  'hypotheses.add': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        statement: requiredText('hypothesis', LIMITS.hypothesisLength),
        ruleId: RuleIdSchema.nullable(),
        predicts: z.enum(['leak', 'no-leak']).nullable().optional(),
      }),
    () => Hypothesis,
    'Record a hypothesis (it starts open), optionally with the effect it predicts for the run that tests it.',
  ),
  'hypotheses.setStatus': channel(
    () =>
      z.strictObject({
        hypothesisId: Id,
        status: HypothesisStatus,
        reason: text('reason', LIMITS.reasonLength),
      }),
    () => Hypothesis,
    'Mark a hypothesis supported, refuted, inconclusive or open again, with the reason.',
  ),

  'audit.list': channel(
    trailPageRequest,
    () => z.array(AuditEvent),
    'The audit trail of one investigation, newest first, a page at a time.',
  ),
} as const;
