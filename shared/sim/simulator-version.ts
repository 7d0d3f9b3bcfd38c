// The version of what the simulator produces. Recorded in every simulated run's `run.completed` event, so a bundle
// can carry such a run as its parameters and seed (its series re-derived on import) only when the importing Peel's
// simulator gives the same output. Bump it with any change that alters a run's series, analysis, plan or events
// for the same parameters and seed (engine/golden-runs.test.ts fails on any such change: that is the reminder).
export const SIMULATOR_VERSION = 'peel-sim-1';
