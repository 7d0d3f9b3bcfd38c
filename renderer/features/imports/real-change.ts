// The one change a real experiment made on the real job, as the lab's parameters say it: peel a layer or an
// operator, apply or remove a fix, or nothing (the parent repeated on the real system).
import type { ExperimentParams, ScenarioInfo } from '../../../shared/contract/lab-entities';
import { describeTargets } from '../../../shared/domain/lab/experiment-diff';

export interface RealChange {
  id: string;
  label: string;
  apply(params: ExperimentParams): ExperimentParams;
}

export function realChanges(parent: ExperimentParams, scenario: ScenarioInfo | undefined): RealChange[] {
  const changes: RealChange[] = [
    { id: 'none', label: 'nothing: the parent run again on the real job', apply: (p) => p },
  ];
  if (!scenario) return changes;
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];
  for (const layer of scenario.layers) {
    const removed = parent.removed.includes(layer);
    changes.push({
      id: `layer:${layer}`,
      label: `${removed ? 'put back' : 'removed'} ${describeTargets([layer])}`,
      apply: (p) => ({ ...p, removed: toggle(p.removed, layer) }),
    });
  }
  for (const op of scenario.operators) {
    const removed = parent.removed.includes(op.id);
    changes.push({
      id: `op:${op.id}`,
      label: `${removed ? 'put back' : 'removed'} operator ${op.name}`,
      apply: (p) => ({ ...p, removed: toggle(p.removed, op.id) }),
    });
  }
  for (const fix of scenario.fixes) {
    const applied = parent.fixes.includes(fix.id);
    changes.push({
      id: `fix:${fix.id}`,
      label: `${applied ? 'took out' : 'deployed'} the fix: ${fix.description}`,
      apply: (p) => ({ ...p, fixes: toggle(p.fixes, fix.id) }),
    });
  }
  return changes;
}
