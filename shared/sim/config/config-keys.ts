// Flink's deprecated keys that are still read, per current key: a key beats its deprecated key when both are set
// (Configuration.applyWithOption). Only keys Peel reads are listed; the sources are in reference/flink-memory.md.

export const DEPRECATED_KEYS: Readonly<Record<string, readonly string[]>> = {
  'taskmanager.memory.managed.size': ['taskmanager.memory.size'],
  'taskmanager.memory.network.fraction': ['taskmanager.network.memory.fraction'],
  'taskmanager.memory.network.min': ['taskmanager.network.memory.min'],
  'taskmanager.memory.network.max': ['taskmanager.network.memory.max'],
  'restart-strategy.type': ['restart-strategy'],
  'execution.checkpointing.num-retained': ['state.checkpoints.num-retained'],
};

/** The deprecated keys Flink still reads for `key`, in the order it tries them. */
export function deprecatedKeysOf(key: string): readonly string[] {
  return DEPRECATED_KEYS[key] ?? [];
}
