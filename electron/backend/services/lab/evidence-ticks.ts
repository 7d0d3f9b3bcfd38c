// Ticks the checklist items that new evidence satisfies, inside the caller's transaction, each with an audit event
// that names the evidence and the event proving it. Only facts the trail records are ticked: evidence that is a
// suggestion (an item needing a person's judgement), or whose proving event is not in the trail, ticks nothing.
// An item the user has ever set (ticked or unticked) is theirs: Peel leaves it alone.
import { findChecklistItem } from '../../../../shared/domain/rules';
import type { RecordAudit } from '../commit';
import type { ServiceContext } from '../context';
import { labState } from './lab-state';

export function tickFromEvidence(
  ctx: ServiceContext,
  investigationId: string,
  record: RecordAudit,
  now: number,
): number {
  const state = labState(ctx, investigationId);
  let ticked = 0;
  for (const evidence of state.evidence) {
    const found = findChecklistItem(evidence.itemId);
    if (evidence.mode !== 'tick' || evidence.eventSeq === null) continue;
    if (!found || ctx.store.checklist.get(investigationId, evidence.itemId)) continue;
    ctx.store.checklist.set(
      investigationId,
      { itemId: evidence.itemId, ruleId: found.rule.id, ticked: true, at: now, by: ctx.user },
      evidence,
    );
    record({
      investigationId,
      kind: 'checklist.ticked',
      ruleId: found.rule.id,
      payload: {
        itemId: found.item.id,
        text: found.item.text,
        auto: true,
        evidence: evidence.description,
        runIds: evidence.runIds,
        evidenceEventSeq: evidence.eventSeq,
      },
    });
    ticked++;
  }
  return ticked;
}
