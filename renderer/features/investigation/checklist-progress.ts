// How many checklist items of each rule are ticked, from the investigation's current ticks.
import type { ChecklistTick } from '../../../shared/contract/entities';
import type { Rule } from '../../../shared/domain/rules';

export function tickedItemIds(checklist: readonly ChecklistTick[]): Set<string> {
  return new Set(checklist.filter((tick) => tick.ticked).map((tick) => tick.itemId));
}

export function ruleProgress(rule: Rule, ticked: ReadonlySet<string>): { done: number; total: number } {
  return { done: rule.checklist.filter((item) => ticked.has(item.id)).length, total: rule.checklist.length };
}
