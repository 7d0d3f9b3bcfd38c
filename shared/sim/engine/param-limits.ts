// The limits of experiment parameters, in one place: the simulator enforces them when it normalizes, the contract's
// schemas refuse requests beyond them, and the derive form sets its inputs' bounds from them. No imports, so the
// renderer and the contract can read them without pulling in the simulator.

/** Simulated hours of one run. */
export const MAX_HOURS = 48;
/** Subtasks per operator. */
export const MAX_PARALLELISM = 128;
/** Keeps a run's series within a few hundred MB: parallelism 32 for 48 h, or 64 for 24 h. */
export const MAX_PARALLELISM_HOURS = 1536;
export const DEFAULT_SEED = 1;
