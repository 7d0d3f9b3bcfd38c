// "Surprise me": a drill and a seed from a number the caller draws (the core keeps no random source of its own,
// so the service passes one; the same number gives the same pick, which keeps the choice reproducible in tests).
import { Prng } from '../sim/random/prng';
import { DRILLS } from './drill-catalog';
import type { DrillDefinition } from './drill-types';
import { MAX_DRILL_SEED } from './generate-variant';

export function surprise(
  entropy: number,
  drills: readonly DrillDefinition[] = DRILLS,
): { drill: DrillDefinition; seed: number } {
  if (drills.length === 0) throw new Error('there is no drill to pick from');
  const rng = new Prng(entropy);
  const drill = drills[rng.nextInt(drills.length)] as DrillDefinition;
  return { drill, seed: 1 + rng.nextInt(MAX_DRILL_SEED) };
}
