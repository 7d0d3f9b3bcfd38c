// Every generated variant is solvable by the method (solvability.ts: the baseline shows the drill's problem,
// peeling the culprit makes it go away, peeling an innocent does not, and for the platform leak the control job
// shows it too). Seeds 1..4 per drill at the drill's own run length and parallelism: the same check the
// instructor's preview runs on an authored drill.
import { describe, expect, it } from 'vitest';
import { DRILLS } from './drill-catalog';
import { generateVariant } from './generate-variant';
import { checkVariantSolvable } from './solvability';

const SEEDS = [1, 2, 3, 4];
/** Three to five runs of 6 to 8 simulated hours each: a few seconds alone, much more with both cores busy. */
const TIMEOUT_MS = 180_000;

describe.each(DRILLS.map((drill) => [drill.id, drill] as const))('drill %s is solvable', (_id, drill) => {
  it.each(SEEDS)(
    'seed %i: baseline fails, culprit separates from an innocent',
    (seed) => {
      const result = checkVariantSolvable(generateVariant(drill, seed));
      for (const check of result.checks)
        expect(check.shows, `${check.what}: ${check.reason}`).toBe(check.expected);
      expect(result.checks.length).toBeGreaterThanOrEqual(3);
      expect(result.solvable).toBe(true);
    },
    TIMEOUT_MS,
  );
});
