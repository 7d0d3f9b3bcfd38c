// The hand-over's operators as a reader takes them in: operators cleared (or implicated) by the same runs are one
// line per layer ("layer1: kafka-clicks, kafka-impressions: ran without a leak in run #3, run #4"), not one each.
import type { Handover } from '../contract/exchange-entities';

export interface OperatorGroup {
  layer: string;
  operators: string[];
  reason: string;
}

export function groupOperators(findings: Handover['ruledOut']['operators']): OperatorGroup[] {
  const groups = new Map<string, OperatorGroup>();
  for (const finding of findings) {
    const key = `${finding.layer}\u0000${finding.reason}`;
    const group = groups.get(key);
    if (group) group.operators.push(finding.operator);
    else groups.set(key, { layer: finding.layer, operators: [finding.operator], reason: finding.reason });
  }
  return [...groups.values()];
}
