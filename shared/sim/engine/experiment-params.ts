// ExperimentParams: one plain JSON object that fully describes a run (scenario, peeling, fixes, faults, size,
// seed, Flink overrides). The app stores it and re-runs it from the audit trail, so the same params must give the
// same run bit for bit: normalizing fills every default explicitly and rejects anything it does not understand.
import { findScenario, SCENARIOS } from '../scenarios/catalog';
import type {
  FailContainersFault,
  PauseSinkFault,
  PayloadSpikeFault,
  ScenarioDefinition,
} from '../scenarios/scenario-types';
import { expandRemoved, peelJob } from '../topology/peel';
import { DEFAULT_SEED, MAX_HOURS, MAX_PARALLELISM, MAX_PARALLELISM_HOURS } from './param-limits';

export interface ExperimentParams {
  /** Scenario id, e.g. `offheap-map-leak`. */
  scenario: string;
  /** A named change of the scenario (`explicit-gc`, `unsafe-map`, ...) or null. */
  variant: string | null;
  /** Operator ids or layer ids (`layer1`..`layer3`) peeled off, in the order given. */
  removed: string[];
  /** Fix ids applied; `['all']` is expanded to every fix of the scenario. */
  fixes: string[];
  /** Per-defect switches applied after the fixes: true turns a defect on, false off. */
  defects: Record<string, boolean>;
  /** Run the control job (trivial source to sink) on the same platform instead of the scenario's job. */
  control: boolean;
  failContainers: FailContainersFault[];
  pauseSink: PauseSinkFault[];
  payloadSpikes: PayloadSpikeFault[];
  /** Simulated hours (fractions allowed; at least one minute). */
  hours: number;
  /** The job's parallelism: subtasks per operator. */
  parallelism: number;
  /** Seed of the run's random generator (a non-negative integer). */
  seed: number;
  /** Flink keys set over the scenario's configuration (`env.java.opts` = '' allows explicit GC). */
  configOverrides: Record<string, string>;
}

/**
 * Parameters as a caller may give them: the scenario, and anything left out takes its default (a sink pause without
 * `slowdown` is a full pause). normalizeExperimentParams turns them into ExperimentParams.
 */
export type ExperimentParamsInput = Pick<ExperimentParams, 'scenario'> &
  Partial<Omit<ExperimentParams, 'scenario' | 'pauseSink'>> & {
    pauseSink?: Array<Omit<PauseSinkFault, 'slowdown'> & { slowdown?: number }>;
  };

/** A parameter the simulator cannot run with; `field` is its path, e.g. `failContainers[2].atSec`. */
export class ExperimentParamsError extends Error {
  readonly field: string;
  /** For a Flink configuration error: every key Flink named, the ones the experiment overrides first. */
  readonly keys: string[];
  constructor(field: string, message: string, keys: string[] = []) {
    super(`${field}: ${message}`);
    this.name = 'ExperimentParamsError';
    this.field = field;
    this.keys = keys;
  }
}

export { DEFAULT_SEED, MAX_HOURS, MAX_PARALLELISM, MAX_PARALLELISM_HOURS } from './param-limits';

type Loose = Record<string, unknown>;

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteNumber(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ExperimentParamsError(field, `expected a finite number, got ${JSON.stringify(value)}`);
  }
  return value;
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ExperimentParamsError(field, 'expected an array of strings');
  return value.map((item, i) => {
    if (typeof item !== 'string' || item === '') {
      throw new ExperimentParamsError(
        `${field}[${i}]`,
        `expected a non-empty string, got ${JSON.stringify(item)}`,
      );
    }
    return item;
  });
}

function objectList(value: unknown, field: string): Loose[] {
  if (!Array.isArray(value)) throw new ExperimentParamsError(field, 'expected an array of objects');
  return value.map((item, i) => {
    if (!isRecord(item)) throw new ExperimentParamsError(`${field}[${i}]`, 'expected an object');
    return item;
  });
}

function timeInRun(value: unknown, field: string, durationSec: number): number {
  const t = finiteNumber(value, field);
  if (t < 0 || t > durationSec) {
    throw new ExperimentParamsError(field, `${t} s is outside the run (0 to ${durationSec} s)`);
  }
  return t;
}

function interval(item: Loose, field: string, durationSec: number): { fromSec: number; toSec: number } {
  const fromSec = timeInRun(item.fromSec, `${field}.fromSec`, durationSec);
  const toSec = timeInRun(item.toSec, `${field}.toSec`, durationSec);
  if (toSec <= fromSec)
    throw new ExperimentParamsError(`${field}.toSec`, `must be after fromSec (${fromSec} s)`);
  return { fromSec, toSec };
}

export function durationSecOf(hours: number): number {
  return Math.max(60, Math.round(hours * 3600));
}

function normalizeFailContainers(
  value: unknown,
  durationSec: number,
  parallelism: number,
): FailContainersFault[] {
  return objectList(value, 'failContainers').map((item, i) => {
    const field = `failContainers[${i}]`;
    const atSec = Math.round(timeInRun(item.atSec, `${field}.atSec`, durationSec));
    const names = item.names === undefined ? undefined : stringList(item.names, `${field}.names`);
    if (names !== undefined) {
      if (item.count !== undefined)
        throw new ExperimentParamsError(field, 'give either count or names, not both');
      if (names.length === 0)
        throw new ExperimentParamsError(`${field}.names`, 'name at least one TaskManager');
      for (const [k, name] of names.entries()) {
        const index = /^tm-(\d+)$/.exec(name);
        if (!index || Number(index[1]) < 1 || Number(index[1]) > parallelism) {
          throw new ExperimentParamsError(
            `${field}.names[${k}]`,
            `unknown TaskManager '${name}' (tm-1 .. tm-N)`,
          );
        }
      }
      return { atSec, names };
    }
    const count = item.count === undefined ? 1 : finiteNumber(item.count, `${field}.count`);
    if (!Number.isInteger(count) || count < 1) {
      throw new ExperimentParamsError(
        `${field}.count`,
        `expected a whole number of containers >= 1, got ${count}`,
      );
    }
    return { atSec, count };
  });
}

function normalizePauseSink(value: unknown, durationSec: number): PauseSinkFault[] {
  return objectList(value, 'pauseSink').map((item, i) => {
    const field = `pauseSink[${i}]`;
    const slowdown = item.slowdown === undefined ? 0 : finiteNumber(item.slowdown, `${field}.slowdown`);
    if (slowdown < 0 || slowdown >= 1) {
      throw new ExperimentParamsError(
        `${field}.slowdown`,
        `share of the sink's speed left, 0 <= s < 1; got ${slowdown}`,
      );
    }
    return { ...interval(item, field, durationSec), slowdown };
  });
}

function normalizePayloadSpikes(value: unknown, durationSec: number): PayloadSpikeFault[] {
  return objectList(value, 'payloadSpikes').map((item, i) => {
    const field = `payloadSpikes[${i}]`;
    const factor = finiteNumber(item.factor, `${field}.factor`);
    if (factor <= 0 || factor > 100)
      throw new ExperimentParamsError(`${field}.factor`, `expected 0 < factor <= 100`);
    return { ...interval(item, field, durationSec), factor };
  });
}

function normalizeFixes(value: unknown, scenario: ScenarioDefinition): string[] {
  const fixes = stringList(value, 'fixes');
  if (fixes.includes('all')) return scenario.fixes.map((fix) => fix.id);
  const known = scenario.fixes.map((fix) => fix.id);
  fixes.forEach((fix, i) => {
    if (!known.includes(fix)) {
      throw new ExperimentParamsError(
        `fixes[${i}]`,
        `unknown fix '${fix}' for ${scenario.id} (known: ${[...known, 'all'].join(', ')})`,
      );
    }
  });
  return [...new Set(fixes)];
}

function normalizeDefects(value: unknown, scenario: ScenarioDefinition): Record<string, boolean> {
  if (value === undefined) return {};
  if (!isRecord(value))
    throw new ExperimentParamsError('defects', 'expected an object of defect id to boolean');
  const known = scenario.defects.map((defect) => defect.id);
  const out: Record<string, boolean> = {};
  for (const id of Object.keys(value).sort()) {
    if (!known.includes(id)) {
      throw new ExperimentParamsError(
        `defects.${id}`,
        `unknown defect for ${scenario.id} (known: ${known.join(', ')})`,
      );
    }
    if (typeof value[id] !== 'boolean')
      throw new ExperimentParamsError(`defects.${id}`, 'expected true or false');
    out[id] = value[id] as boolean;
  }
  return out;
}

function normalizeRemoved(value: unknown, scenario: ScenarioDefinition, variant: string | null): string[] {
  const removed = [...new Set(stringList(value, 'removed'))];
  if (removed.length === 0) return removed;
  const graph = scenario.build({ defects: new Set(scenario.defects.map((d) => d.id)), variant }).graph;
  const ids = graph.operators.map((op) => op.id);
  const layers = [...new Set(graph.operators.map((op) => op.layer))];
  removed.forEach((target, i) => {
    if (!ids.includes(target) && !layers.includes(target)) {
      throw new ExperimentParamsError(
        `removed[${i}]`,
        `unknown operator or layer '${target}' in ${scenario.id} (operators: ${ids.join(', ')}; layers: ${layers.join(', ')})`,
      );
    }
  });
  expandRemoved(graph, removed);
  try {
    peelJob(graph, removed);
  } catch (error) {
    throw new ExperimentParamsError('removed', error instanceof Error ? error.message : String(error));
  }
  return removed;
}

function normalizeOverrides(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value))
    throw new ExperimentParamsError('configOverrides', 'expected an object of Flink key to string');
  const out: Record<string, string> = {};
  for (const key of Object.keys(value).sort()) {
    if (key.trim() === '') throw new ExperimentParamsError('configOverrides', 'a key is empty');
    if (typeof value[key] !== 'string') {
      throw new ExperimentParamsError(
        `configOverrides.${key}`,
        `expected a string value, got ${JSON.stringify(value[key])}`,
      );
    }
    out[key] = value[key] as string;
  }
  return out;
}

/**
 * `given` runs a scenario that is not in the catalog (a generated one, e.g. a training drill's): params.scenario
 * must then be its id.
 * Fills defaults (from the scenario where it has its own: hours, parallelism, the faults of its experiment) and
 * validates everything; throws ExperimentParamsError naming the field. Fault lists left out get the scenario's
 * defaults; an empty list means none. The result is stable: normalizing it again returns an equal object.
 * Flink keys in `configOverrides` are checked when the run is planned (planJob), which names the key.
 */
export function normalizeExperimentParams(partial: unknown, given?: ScenarioDefinition): ExperimentParams {
  if (!isRecord(partial)) throw new ExperimentParamsError('params', 'expected an object');
  if (given !== undefined && partial.scenario !== given.id) {
    throw new ExperimentParamsError(
      'scenario',
      `expected '${given.id}', the scenario this run is given, got ${JSON.stringify(partial.scenario)}`,
    );
  }
  if (typeof partial.scenario !== 'string') {
    throw new ExperimentParamsError(
      'scenario',
      `expected a scenario id (${SCENARIOS.map((s) => s.id).join(', ')})`,
    );
  }
  const scenario = given ?? findScenario(partial.scenario);
  if (!scenario) {
    throw new ExperimentParamsError(
      'scenario',
      `unknown scenario '${partial.scenario}' (known: ${SCENARIOS.map((s) => s.id).join(', ')})`,
    );
  }
  let variant: string | null = null;
  if (partial.variant !== undefined && partial.variant !== null) {
    const known = scenario.variants.map((v) => v.id);
    if (typeof partial.variant !== 'string' || !known.includes(partial.variant)) {
      throw new ExperimentParamsError(
        'variant',
        `unknown variant ${JSON.stringify(partial.variant)} for ${scenario.id} (known: ${known.join(', ') || 'none'})`,
      );
    }
    variant = partial.variant;
  }
  const hours = partial.hours === undefined ? scenario.defaultHours : finiteNumber(partial.hours, 'hours');
  if (hours <= 0 || hours > MAX_HOURS)
    throw new ExperimentParamsError('hours', `expected 0 < hours <= ${MAX_HOURS}`);
  const parallelism =
    partial.parallelism === undefined
      ? scenario.defaultParallelism
      : finiteNumber(partial.parallelism, 'parallelism');
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_PARALLELISM) {
    throw new ExperimentParamsError('parallelism', `expected a whole number from 1 to ${MAX_PARALLELISM}`);
  }
  if (hours * parallelism > MAX_PARALLELISM_HOURS) {
    throw new ExperimentParamsError('hours', `hours x parallelism must stay within ${MAX_PARALLELISM_HOURS}`);
  }
  const seed = partial.seed === undefined ? DEFAULT_SEED : finiteNumber(partial.seed, 'seed');
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new ExperimentParamsError('seed', 'expected a non-negative integer');
  if (partial.control !== undefined && typeof partial.control !== 'boolean') {
    throw new ExperimentParamsError('control', 'expected true or false');
  }
  const durationSec = durationSecOf(hours);
  const failContainers = normalizeFailContainers(
    partial.failContainers ?? scenario.defaultFaults(hours, parallelism).failContainers,
    durationSec,
    parallelism,
  );
  // A scenario whose faults follow the shutdowns (the seed's replay after each restart) follows the ones chosen.
  const defaults = scenario.defaultFaults(hours, parallelism, failContainers);
  const control = partial.control === true;
  return {
    scenario: scenario.id,
    variant,
    removed: control
      ? stringList(partial.removed, 'removed')
      : normalizeRemoved(partial.removed, scenario, variant),
    fixes: normalizeFixes(partial.fixes, scenario),
    defects: normalizeDefects(partial.defects, scenario),
    control,
    failContainers,
    pauseSink: normalizePauseSink(partial.pauseSink ?? defaults.pauseSink, durationSec),
    payloadSpikes: normalizePayloadSpikes(partial.payloadSpikes ?? defaults.payloadSpikes, durationSec),
    hours,
    parallelism,
    seed,
    configOverrides: normalizeOverrides(partial.configOverrides),
  };
}

/** Defect ids active in a run: all of the scenario's, minus those fixed, then the explicit switches. */
export function activeDefects(params: ExperimentParams, scenario: ScenarioDefinition): Set<string> {
  const active = new Set(scenario.defects.map((defect) => defect.id));
  for (const defect of scenario.defects) if (params.fixes.includes(defect.fixedBy)) active.delete(defect.id);
  for (const [id, on] of Object.entries(params.defects)) {
    if (on) active.add(id);
    else active.delete(id);
  }
  return active;
}
