// Which drill an investigation is, read from its trail: the `drill.started` event recorded when it began (for an
// imported or continued drill, the one in the imported chain). The lab resolves a drill investigation's scenario
// here instead of from the catalogue, so the same experiments, fixes, peeling and sweeps work on a drill.

import type { AuditEvent } from '../../../../shared/contract/entities';
import { PeelError } from '../../../../shared/contract/errors';
import type { ScenarioDefinition } from '../../../../shared/sim/scenarios/scenario-types';
import {
  DRILL_SCENARIO_ID,
  type DrillStartedPayload,
  DrillStartedPayload as DrillStartedSchema,
} from '../../../../shared/training';
import { type ScenarioSource, scenarioFromSource } from '../../workers/scenario-source';
import type { ServiceContext } from '../context';
import { requireScenario } from '../lab/scenarios';

/** The events of an imported investigation's own chain, oldest first. */
export function importedEvents(ctx: ServiceContext, investigationId: string): AuditEvent[] {
  return ctx.store.imports
    .eventPage(investigationId, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    .map((text) => JSON.parse(text) as AuditEvent)
    .sort((a, b) => a.seq - b.seq);
}

/** The recorded start of the drill an investigation is, or null when it is not a drill. */
export function drillStartOf(ctx: ServiceContext, investigationId: string): DrillStartedPayload | null {
  const local = ctx.store.training.drillStart(investigationId);
  if (local) return DrillStartedSchema.parse(local.payload);
  const origin = ctx.store.imports.isImported(investigationId)
    ? investigationId
    : ctx.store.imports.branch(investigationId)?.importedId;
  if (!origin) return null;
  const start = importedEvents(ctx, origin)
    .filter((event) => event.kind === 'drill.started')
    .at(-1);
  return start ? DrillStartedSchema.parse(start.payload) : null;
}

/** What the simulation worker needs to rebuild the investigation's job, if it is a drill. */
export function scenarioSourceOf(ctx: ServiceContext, investigationId: string): ScenarioSource | undefined {
  const start = drillStartOf(ctx, investigationId);
  return start ? { drillStart: start } : undefined;
}

/**
 * The scenario an investigation's experiments run on: the drill's own (rebuilt from its sealed start) for a
 * drill, the catalogue's otherwise. `where` names the call and field for the message.
 */
export function investigationScenario(
  ctx: ServiceContext,
  investigationId: string,
  scenarioId: string,
  where = 'scenarioId',
): ScenarioDefinition {
  if (scenarioId !== DRILL_SCENARIO_ID) return requireScenario(scenarioId, where);
  const source = scenarioSourceOf(ctx, investigationId);
  if (!source)
    throw new PeelError(
      'invalid-request',
      `${where}: '${scenarioId}' is only for an investigation started as a drill.`,
    );
  return scenarioFromSource(source)!;
}

/** The simulator's scenario option for an investigation: the drill's scenario, or none (the catalogue's). */
export function scenarioOptionOf(
  ctx: ServiceContext,
  investigationId: string,
): { scenario?: ScenarioDefinition } {
  const source = scenarioSourceOf(ctx, investigationId);
  return source ? { scenario: scenarioFromSource(source)! } : {};
}
