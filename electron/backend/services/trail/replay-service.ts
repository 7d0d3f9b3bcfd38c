// The app's replay: re-runs an investigation's recorded simulations in the worker pool, in the background, with
// progress and cancel pushed to the UI. The checking itself is replay.ts, shared with `npm run verify -- --replay`.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { ServiceContext } from '../context';
import { requireInvestigation } from '../lookups';
import { replayRuns, replayTargets } from './replay';
import { storedSeriesHash } from './verify-state';

export function startReplay(
  ctx: ServiceContext,
  request: RequestOf<'audit.replayStart'>,
): ResponseOf<'audit.replayStart'> {
  const investigation = requireInvestigation(ctx, request.investigationId);
  const targets = replayTargets(ctx.store, investigation.id);
  const replayId = ctx.newId();
  const controller = new AbortController();
  const finished = replayRuns(targets, {
    runner: ctx.lab.runner,
    storedSeriesHashOf: (target) => storedSeriesHash(ctx.store, target.localRunId),
    signal: controller.signal,
    onProgress: (done, total, current) =>
      ctx.emit({
        name: 'replay.progress',
        payload: { replayId, investigationId: investigation.id, done, total, current },
      }),
  })
    .then((result) =>
      ctx.emit({ name: 'replay.finished', payload: { replayId, investigationId: investigation.id, result } }),
    )
    .finally(() => ctx.lab.replays.delete(replayId));
  ctx.lab.replays.set(replayId, { cancel: () => controller.abort(), finished });
  return { replayId, total: targets.length };
}

export function cancelReplay(
  ctx: ServiceContext,
  request: RequestOf<'audit.replayCancel'>,
): ResponseOf<'audit.replayCancel'> {
  const replay = ctx.lab.replays.get(request.replayId);
  replay?.cancel();
  return { cancelled: replay !== undefined };
}
