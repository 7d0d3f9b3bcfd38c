// JSON columns in and out of the database, in one place (the model: Signal Desktop's ts/sql/hydration). Each store
// writes a JSON column from a typed value with `dehydrateJson` and reads it back inside its rowTo* function with
// `hydrateJson`, declaring the column's type there; so no `unknown` leaves the store and services never cast.
// The columns are written only by Peel (imports pass the bundle's schema first), so reading them back is a parse,
// not a validation: re-checking 100,000 events or a run's analysis on every read would cost more than it finds.
import type { RunAnalysis, SimulationRun } from '../../../shared/sim/engine/run-types';

/** Parses a JSON column written from a `T`. */
export function hydrateJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** Parses a nullable JSON column written from a `T` (NULL stays null). */
export function hydrateJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

/** The text to store for a nullable JSON column: NULL for null or undefined. */
export function dehydrateJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** What the runs table's `analysis` column holds: the simulator's analysis plus the facts for the lab. */
export interface StoredAnalysis {
  run: RunAnalysis;
  facts: {
    operators: string[];
    shutdownsFired: number;
    sinkPausesFired: number;
    directLimitBytes: number;
    containerLimitBytes: number;
    taskManagers: {
      id: string;
      directLimit: number;
      containerLimit: number;
      containers: SimulationRun['taskManagers'][number]['containers'];
      freshStartsSec: number[];
      restartsSec: number[];
    }[];
  };
}
