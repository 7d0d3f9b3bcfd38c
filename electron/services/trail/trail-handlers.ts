// The audit trail's channels (verification, timeline, corrections) bound to their services.
import type { trailChannels } from '../../../shared/contract/trail-channels';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../handler-types';

export function trailHandlers(_ctx: ServiceContext): HandlersFor<keyof typeof trailChannels> {
  return {};
}
