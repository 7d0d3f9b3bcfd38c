// A variant's faults as a recipe (every N seconds from a first time), drawn once per seed from the drill's fault
// load and expanded for a run of any length, so a trainee's 3-hour run and the 6-hour dashboard share one schedule.
import type { Prng } from '../sim/random/prng';
import type { FaultPlan } from '../sim/scenarios/scenario-types';
import type { FaultLoad, FaultRecipe } from './drill-types';
import { draw } from './pipeline';

/**
 * At most a quarter of the containers at once, as in the seed: a replaced container starts empty, so shutting
 * down half of them each time would wipe out what the survivors' restarts show.
 */
function maxShutdownCount(parallelism: number): number {
  return Math.max(1, Math.round(parallelism / 4));
}

export function drawFaultRecipe(rng: Prng, load: FaultLoad, parallelism: number): FaultRecipe {
  const shutdownEverySec = draw(rng, load.shutdownEveryMinutes) * 60;
  const firstShutdownSec =
    shutdownEverySec - 60 * rng.nextInt(Math.max(1, Math.floor(shutdownEverySec / 120)));
  const containersPerShutdown = Math.max(
    1,
    Math.min(maxShutdownCount(parallelism), draw(rng, load.containersPerShutdown)),
  );
  let sinkSlowdown: FaultRecipe['sinkSlowdown'] = null;
  if (load.sinkSlowdowns) {
    // Slowdowns recur on a multiple of the shutdown period and straddle a shutdown: what is in the queues when a
    // container goes is what back pressure put there.
    const forSec = draw(rng, load.sinkSlowdowns.forMinutes) * 60;
    const periods = Math.max(
      1,
      Math.round((draw(rng, load.sinkSlowdowns.everyMinutes) * 60) / shutdownEverySec),
    );
    const shutdownIndex = 1 + rng.nextInt(periods);
    sinkSlowdown = {
      everySec: periods * shutdownEverySec,
      firstSec: Math.max(
        60,
        firstShutdownSec + (shutdownIndex - 1) * shutdownEverySec - Math.floor(forSec / 2),
      ),
      forSec,
      speedLeft:
        draw(rng, [load.sinkSlowdowns.speedLeft[0] * 100, load.sinkSlowdowns.speedLeft[1] * 100]) / 100,
    };
  }
  let payloadSpike: FaultRecipe['payloadSpike'] = null;
  if (load.payloadSpikes) {
    const everySec = draw(rng, load.payloadSpikes.everyMinutes) * 60;
    payloadSpike = {
      everySec,
      firstSec: Math.max(600, Math.floor(everySec / 2) + 60 * rng.nextInt(10)),
      forSec: draw(rng, load.payloadSpikes.forMinutes) * 60,
      factor: draw(rng, load.payloadSpikes.factor),
    };
  }
  return { shutdownEverySec, firstShutdownSec, containersPerShutdown, sinkSlowdown, payloadSpike };
}

/** The recipe's faults within a run of `hours` at `parallelism`. */
export function faultsFor(recipe: FaultRecipe, hours: number, parallelism: number): FaultPlan {
  const durationSec = Math.max(60, Math.round(hours * 3600));
  const failContainers: FaultPlan['failContainers'] = [];
  const count = Math.max(1, Math.min(recipe.containersPerShutdown, maxShutdownCount(parallelism)));
  for (let t = recipe.firstShutdownSec; t < durationSec; t += recipe.shutdownEverySec)
    failContainers.push({ atSec: t, count });
  const pauseSink: FaultPlan['pauseSink'] = [];
  const slow = recipe.sinkSlowdown;
  if (slow) {
    for (let t = slow.firstSec; t + slow.forSec <= durationSec; t += slow.everySec)
      pauseSink.push({ fromSec: t, toSec: t + slow.forSec, slowdown: slow.speedLeft });
  }
  const payloadSpikes: FaultPlan['payloadSpikes'] = [];
  const spike = recipe.payloadSpike;
  if (spike) {
    for (let t = spike.firstSec; t + spike.forSec <= durationSec; t += spike.everySec)
      payloadSpikes.push({ fromSec: t, toSec: t + spike.forSec, factor: spike.factor });
  }
  return { failContainers, pauseSink, payloadSpikes };
}
