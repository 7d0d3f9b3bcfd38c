// Every call between the UI and the backend, declared once. Electron's IPC wiring, the preload bridge, the browser
// host and the renderer's client are all derived from this object; adding a call is one entry in a feature's
// channel file plus a service. Feature files: notebook, lab, trail (verification, timeline, corrections) and
// exchange (exports and imports), training (drills).
import type { z } from 'zod';
import { exchangeChannels } from './exchange-channels';
import { labChannels } from './lab-channels';
import { notebookChannels } from './notebook-channels';
import { realChannels } from './real-channels';
import { trailChannels } from './trail-channels';
import { trainingChannels } from './training-channels';

export const contract = {
  ...notebookChannels,
  ...labChannels,
  ...trailChannels,
  ...exchangeChannels,
  ...realChannels,
  ...trainingChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name);
}
