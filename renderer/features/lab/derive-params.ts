// Editing a derived experiment's parameters in the dialog: the form's fields and how they map onto the parameters.
import type { ExperimentParams } from '../../../shared/contract/lab-entities';

/**
 * What the derive form does with each parameter: `edited` by one of its fields, or `carried` from the parent as it
 * is (set elsewhere: the scenario and its config on the lab's page, variants and defects by applying fixes). A new
 * parameter does not compile until it is listed here, so the form decides about it on purpose.
 */
export const DERIVE_FORM_FIELDS = {
  scenario: 'carried',
  variant: 'carried',
  removed: 'edited',
  fixes: 'edited',
  defects: 'carried',
  control: 'edited',
  failContainers: 'edited',
  pauseSink: 'edited',
  payloadSpikes: 'edited',
  hours: 'edited',
  parallelism: 'edited',
  seed: 'edited',
  configOverrides: 'carried',
} as const satisfies Record<keyof ExperimentParams, 'edited' | 'carried'>;

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
