// Starting a drill: the variant for the chosen seed, and the payload of the `drill.started` event that records it.
// The event holds the drill and the seed sealed against the start's own public fields, so the trail carries
// what Peel needs to re-derive the run's job and answer (re-running, scoring an import), but not readably.

import type { DrillDefinition, DrillVariant } from './drill-types';
import { generateVariant } from './generate-variant';
import { seal, unseal } from './seal';
import { DrillStartedPayload } from './training-audit-kinds';

export interface StartedDrill {
  variant: DrillVariant;
  payload: DrillStartedPayload;
}

const sealContext = (payload: Pick<DrillStartedPayload, 'drillId' | 'operators'>) => ({
  drillId: payload.drillId,
  operators: payload.operators,
});

export function startDrill(drill: DrillDefinition, seed: number): StartedDrill {
  const variant = generateVariant(drill, seed);
  const operators = variant.healthyGraph.operators.map((op) => ({ id: op.id, layer: op.layer }));
  const open = {
    drillId: drill.id,
    title: drill.title,
    difficulty: drill.difficulty,
    rules: [...drill.rules],
    estimatedMinutes: drill.estimatedMinutes,
    budgetHours: drill.budgetHours,
    hintsOffered: [...drill.hints],
    operators,
  };
  return { variant, payload: { ...open, sealed: seal({ drill, seed }, sealContext(open)) } };
}

/** The drill and seed of a recorded start (from the live trail or an imported bundle); the variant follows. */
export function reopenDrill(payload: unknown): {
  drill: DrillDefinition;
  seed: number;
  variant: DrillVariant;
} {
  const start = DrillStartedPayload.parse(payload);
  const { drill, seed } = unseal(start.sealed, sealContext(start)) as {
    drill: DrillDefinition;
    seed: number;
  };
  return { drill, seed, variant: generateVariant(drill, seed) };
}
