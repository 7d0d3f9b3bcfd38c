// The audit trail's channels (verification, timeline, corrections) bound to their services.
import type { trailChannels } from '../../../../shared/contract/trail-channels';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../handler-types';
import { correctHypothesis, describeEvent } from './corrections';
import { cancelReplay, startReplay } from './replay-service';
import { queryTrail } from './trail-query';
import { verifyDatabase } from './verify-audit';

export function trailHandlers(ctx: ServiceContext): HandlersFor<keyof typeof trailChannels> {
  return {
    'audit.verify': () => verifyDatabase(ctx.store, { now: ctx.clock() }),
    'audit.replayStart': (request) => startReplay(ctx, request),
    'audit.replayCancel': (request) => cancelReplay(ctx, request),
    'audit.query': (request) => queryTrail(ctx, request),
    'audit.describe': (request) => describeEvent(ctx, request),
    'hypotheses.correct': (request) => correctHypothesis(ctx, request),
  };
}
