// "Discard run data": a completed simulated run the user no longer needs on disk loses its series, plan and events,
// while its results (the numbers and verdict lists show), its audit events and the hashes they recorded stay. What
// re-derives it (its recorded parameters and seed, and the simulator version) stays too, so its graphs and detail are
// re-simulated and checked against those hashes when read, and replay re-runs it like any run.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import { SIMULATOR_VERSION } from '../../../../shared/sim/simulator-version';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { forgetDiskUse } from './capacity';
import { requireExperiment } from './experiments';
import { runSummary } from './run-records';
import { requireRun } from './runs';

export function discardRunData(
  ctx: ServiceContext,
  request: RequestOf<'runs.discardData'>,
): ResponseOf<'runs.discardData'> {
  const run = requireRun(ctx, request.runId);
  if (run.status !== 'completed') {
    throw new PeelError(
      'conflict',
      `runs.discardData: run #${run.seq} is ${run.status}; only a completed run has data to discard.`,
      { runId: run.id },
    );
  }
  const derivation = ctx.store.runs.derivation(run.id);
  if (!derivation) {
    throw new PeelError(
      'conflict',
      `runs.discardData: run #${run.seq} is stored whole (a drill's, a real experiment's, or one recorded before runs were re-derivable): nothing could re-derive its data, so it is kept.`,
      { runId: run.id },
    );
  }
  if (derivation.discarded) return runSummary(run);
  if (derivation.simulator !== SIMULATOR_VERSION) {
    throw new PeelError(
      'conflict',
      `runs.discardData: run #${run.seq} was simulated by simulator '${derivation.simulator}', not this Peel's '${SIMULATOR_VERSION}': its data could not be re-derived, so it is kept.`,
      { runId: run.id },
    );
  }
  const experiment = requireExperiment(ctx, run.experimentId);
  commit(ctx, (record, now) => {
    const freedBytes = ctx.store.runs.storedBytes(run.id);
    if (!ctx.store.runs.discardData(run.id, now, ctx.user)) return;
    record({
      investigationId: run.investigationId,
      kind: 'run.data-discarded',
      ruleId: 'make-it-fail',
      payload: {
        runId: run.id,
        seq: run.seq,
        experimentId: experiment.id,
        experimentSeq: experiment.seq,
        // What re-derives it and what the re-derived data must hash to, restated beside the discard.
        seed: derivation.params.seed,
        simulator: derivation.simulator,
        seriesHash: derivation.seriesHash,
        detailHash: derivation.detailHash,
        freedBytes,
      },
    });
  });
  forgetDiskUse(ctx, run.investigationId);
  ctx.emit({ name: 'lab.changed', payload: { investigationId: run.investigationId } });
  return runSummary(ctx.store.runs.get(run.id, false)!);
}
