// Ticks the checklist items that new evidence satisfies, inside the caller's transaction, each with an audit event
// that names the evidence and the event proving it. Only facts the trail records are ticked: evidence that is a
// suggestion (an item needing a person's judgement), or whose proving event is not in the trail, ticks nothing.
// An item the user has ever set (ticked or unticked) is theirs: Peel leaves it alone.
import { TICKABLE_ITEMS, type TickableItem } from '../../../../shared/domain/lab/checklist-evidence';
import { findChecklistItem } from '../../../../shared/domain/rules';
import type { RecordAudit } from '../commit';
import type { ServiceContext } from '../context';
import { evidenceForItems } from './lab-state';

export function tickFromEvidence(
  ctx: ServiceContext,
  investigationId: string,
  record: RecordAudit,
  now: number,
): number {
  // Only items nobody has set yet can be ticked: once every tickable item is set, nothing is derived at all.
  const set = new Set(ctx.store.checklist.list(investigationId).map((tick) => tick.itemId));
  const open = new Set<TickableItem>(TICKABLE_ITEMS.filter((item) => !set.has(item)));
  if (open.size === 0) return 0;
  let ticked = 0;
  for (const evidence of evidenceForItems(ctx, investigationId, open)) {
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
