// "What changed since the last good config": every key added, removed or changed between two configurations,
// each with its effect on every TaskManager memory component (the derivation run with that one change applied to
// the last good config), and the whole change's effect. Uses the simulator's derivation (shared/sim/memory).
import { FlinkConfigError } from '../sim/config/flink-config-error';
import {
  deriveTaskManagerMemory,
  MEMORY_COMPONENT_NAMES,
  type MemoryBreakdown,
  type MemoryComponentName,
} from '../sim/memory/flink-memory';
import { type ConfigText, readConfigText } from './config-check';

export interface ComponentChange {
  component: MemoryComponentName;
  beforeBytes: number;
  afterBytes: number;
}

export interface MemoryEffect {
  /** Components whose size differs; empty when the change leaves memory as it was. */
  changes: ComponentChange[];
  /** Set when Flink refuses the configuration on this side (its text). */
  error?: { side: 'before' | 'after'; message: string };
}

export interface KeyChange {
  key: string;
  /** null when the key is not set on that side. */
  before: string | null;
  after: string | null;
  /** The derivation with only this key changed from the last good config. */
  effect: MemoryEffect;
}

export interface ConfigDiff {
  keys: KeyChange[];
  /** Last good against current, every change together. */
  total: MemoryEffect;
  before: MemoryBreakdown | null;
  after: MemoryBreakdown | null;
}

export function diffFlinkConfigs(lastGood: ConfigText, current: ConfigText): ConfigDiff {
  const before = readConfigText(lastGood).config;
  const after = readConfigText(current).config;
  const keys = [...new Set([...before.keys(), ...after.keys()])]
    .filter((key) => before.get(key) !== after.get(key))
    .sort();
  const beforeMemory = derive(before);
  const afterMemory = derive(after);
  const changes = keys.map((key): KeyChange => {
    const one = new Map(before);
    const value = after.get(key);
    if (value === undefined) one.delete(key);
    else one.set(key, value);
    return {
      key,
      before: before.get(key) ?? null,
      after: value ?? null,
      effect: effectOf(beforeMemory, derive(one)),
    };
  });
  return {
    keys: changes,
    total: effectOf(beforeMemory, afterMemory),
    before: 'memory' in beforeMemory ? beforeMemory.memory : null,
    after: 'memory' in afterMemory ? afterMemory.memory : null,
  };
}

type Derived = { memory: MemoryBreakdown } | { error: string };

function derive(config: ReadonlyMap<string, string>): Derived {
  try {
    return { memory: deriveTaskManagerMemory(config) };
  } catch (error) {
    if (error instanceof FlinkConfigError) return { error: error.message };
    throw error;
  }
}

function effectOf(before: Derived, after: Derived): MemoryEffect {
  if ('error' in before) return { changes: [], error: { side: 'before', message: before.error } };
  if ('error' in after) return { changes: [], error: { side: 'after', message: after.error } };
  const changes = MEMORY_COMPONENT_NAMES.filter((name) => before.memory[name] !== after.memory[name]).map(
    (component) => ({
      component,
      beforeBytes: before.memory[component],
      afterBytes: after.memory[component],
    }),
  );
  return { changes };
}
