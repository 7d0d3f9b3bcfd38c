// Ticking and unticking checklist items; an unchanged state writes nothing.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import { findChecklistItem } from '../../../../shared/domain/rules';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';

export function setChecklistItem(
  ctx: ServiceContext,
  request: RequestOf<'checklist.set'>,
): ResponseOf<'checklist.set'> {
  const found = findChecklistItem(request.itemId);
  if (!found) {
    throw new PeelError(
      'invalid-request',
      `checklist.set: itemId: there is no checklist item '${request.itemId}'.`,
    );
  }
  requireInvestigation(ctx, request.investigationId);
  const current = ctx.store.checklist.get(request.investigationId, request.itemId);
  if (current && current.ticked === request.ticked) return current;
  if (!current && !request.ticked) {
    return { itemId: request.itemId, ruleId: found.rule.id, ticked: false, at: ctx.clock(), by: ctx.user };
  }
  return commit(ctx, (record, now) => {
    const tick = {
      itemId: request.itemId,
      ruleId: found.rule.id,
      ticked: request.ticked,
      at: now,
      by: ctx.user,
    };
    ctx.store.checklist.set(request.investigationId, tick);
    ctx.store.investigations.touch(request.investigationId, now);
    record({
      investigationId: request.investigationId,
      kind: request.ticked ? 'checklist.ticked' : 'checklist.unticked',
      ruleId: found.rule.id,
      payload: { itemId: found.item.id, text: found.item.text },
    });
    return tick;
  });
}
