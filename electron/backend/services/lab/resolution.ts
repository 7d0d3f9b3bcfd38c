// Marking an investigation resolved: only with the A/B/A proof; otherwise the refusal says what is missing.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { tickFromEvidence } from './evidence-ticks';
import { labState, labStateForScreen } from './lab-state';

export function resolveInvestigation(
  ctx: ServiceContext,
  request: RequestOf<'investigations.resolve'>,
): ResponseOf<'investigations.resolve'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  if (investigation.status === 'resolved') {
    throw new PeelError('conflict', `"${investigation.title}" is already resolved.`);
  }
  const { proof } = labState(ctx, investigation.id);
  if (!proof.complete) {
    throw new PeelError(
      'conflict',
      `Not resolved: if you didn't fix it, it ain't fixed. ${proof.missing ?? ''}`.trim(),
      {
        proof,
      },
    );
  }
  const proofRunIds = proof.steps.map((step) => step.runId!);
  commit(ctx, (record, now) => {
    ctx.store.investigations.resolve(
      investigation.id,
      { at: now, by: ctx.user, reason: request.reason, proofRunIds },
      now,
    );
    record({
      investigationId: investigation.id,
      kind: 'resolution.marked',
      ruleId: 'verify-the-fix',
      payload: { reason: request.reason, fixes: proof.fixes, proofRunIds, steps: proof.steps },
    });
    tickFromEvidence(ctx, investigation.id, record, now);
  });
  return labStateForScreen(ctx, investigation.id);
}
