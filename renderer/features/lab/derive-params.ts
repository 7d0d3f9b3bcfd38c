// Editing a derived experiment's parameters in the dialog: the form's fields and how they map onto the parameters.
import type { ExperimentParams } from '../../../shared/contract/lab-entities';

export interface ShutdownSchedule {
  everyMin: number;
  firstMin: number;
  count: number;
}

/** Reads a regular schedule back from the list (for the form); irregular lists keep their first interval. */
export function scheduleOf(params: ExperimentParams): ShutdownSchedule | null {
  const list = params.failContainers;
  if (list.length === 0) return null;
  const every = list.length > 1 ? list[1]!.atSec - list[0]!.atSec : 1800;
  return {
    everyMin: Math.max(1, Math.round(every / 60)),
    firstMin: Math.round(list[0]!.atSec / 60),
    count: list[0]!.count ?? 1,
  };
}

export function shutdownsFrom(
  schedule: ShutdownSchedule | null,
  hours: number,
): ExperimentParams['failContainers'] {
  if (!schedule || schedule.everyMin <= 0) return [];
  const out: ExperimentParams['failContainers'] = [];
  const end = hours * 3600;
  for (let t = schedule.firstMin * 60; t < end; t += schedule.everyMin * 60)
    out.push({ atSec: t, count: schedule.count });
  return out;
}

/** Toggles a removal target; removing a layer drops the single-operator removals it covers. */
export function toggleRemoved(
  removed: readonly string[],
  target: string,
  operatorsByLayer: Record<string, string[]>,
): string[] {
  if (removed.includes(target)) return removed.filter((t) => t !== target);
  const covered = operatorsByLayer[target] ?? [];
  return [...removed.filter((t) => !covered.includes(t)), target];
}
