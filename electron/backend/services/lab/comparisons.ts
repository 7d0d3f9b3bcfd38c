// Opening a comparison of runs: recorded in the trail, with one sentence per run saying what changed from the first
// run and what that did to the memory ("removed layer 3: leak (+128 MiB/restart) → flat; peak direct …").
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import { PeelError } from '../../../../shared/contract/errors';
import { diffExperimentParams } from '../../../../shared/domain/lab/experiment-diff';
import { formatBytes } from '../../../../shared/sim/analysis/format-bytes';
import type { RunRecord } from '../../store/runs-store';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { requireExperiment } from './experiments';
import { requireRun } from './runs';

function verdictText(run: RunRecord): string {
  if (!run.verdict) return run.status;
  const retained = run.retainedBytesPerRestart ?? 0;
  // Only a staircase or a saw-tooth keeps memory at every restart; a blip's figure is not "per restart".
  return (run.verdict === 'leak' || run.verdict === 'sawtooth') && retained > 0
    ? `${run.verdict} (+${formatBytes(retained)}/restart)`
    : run.verdict;
}

export function compareStatement(reference: RunRecord, other: RunRecord, change: string): string {
  const peak = (run: RunRecord) => (run.peakDirectBytes === null ? '?' : formatBytes(run.peakDirectBytes));
  return `run #${reference.seq} → #${other.seq}, ${change}: ${verdictText(reference)} → ${verdictText(other)}; peak direct ${peak(reference)} → ${peak(other)}; OOMs ${reference.ooms ?? 0} → ${other.ooms ?? 0}`;
}

export function openComparison(
  ctx: ServiceContext,
  request: RequestOf<'comparisons.open'>,
): ResponseOf<'comparisons.open'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  // The statements read each run's outcome columns only: its plan and events are not read.
  const runs = request.runIds.map((id) => requireRun(ctx, id, false));
  for (const run of runs) {
    if (run.investigationId !== investigation.id) {
      throw new PeelError(
        'invalid-request',
        `comparisons.open: run #${run.seq} belongs to another investigation.`,
      );
    }
    if (run.status !== 'completed') {
      throw new PeelError(
        'conflict',
        `comparisons.open: run #${run.seq} is ${run.status}; compare completed runs.`,
      );
    }
  }
  const [reference, ...others] = runs as [RunRecord, ...RunRecord[]];
  const referenceParams = requireExperiment(ctx, reference.experimentId).params;
  const statements = others.map((other) => {
    const diff = diffExperimentParams(referenceParams, requireExperiment(ctx, other.experimentId).params);
    const change = diff.length === 0 ? 'same experiment' : diff.map((c) => c.description).join('; ');
    return compareStatement(reference, other, change);
  });
  commit(ctx, (record) =>
    record({
      investigationId: investigation.id,
      kind: 'comparison.opened',
      ruleId: 'quit-thinking-and-look',
      payload: {
        runIds: request.runIds,
        runSeqs: runs.map((run) => run.seq),
        mode: request.mode,
        metric: request.metric,
        statements,
      },
    }),
  );
  return { runIds: request.runIds, statements };
}
