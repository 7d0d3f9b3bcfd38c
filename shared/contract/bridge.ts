// The shape of `window.peel`, the one object the Electron preload exposes, derived from the contract.
import type { ChannelName, RequestOf, ResponseOf } from './channels';
import type { Envelope } from './errors';
import type { PushEvent } from './events';

export type BridgeInvoke = {
  [C in ChannelName]: (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
};

export interface PeelBridge {
  host: 'electron';
  invoke: BridgeInvoke;
  /** Listens for pushed events; returns a function that stops listening. */
  onEvent(listener: (event: PushEvent) => void): () => void;
  /** Listens for commands chosen in the application menu (e.g. "investigation.new"); returns a remover. */
  onMenuCommand(listener: (command: string) => void): () => void;
}

/** The IPC channel main uses to push events to the window. */
export const PUSH_EVENT_CHANNEL = 'peel:event';
/** The IPC channel main uses to forward application-menu commands to the window. */
export const MENU_COMMAND_CHANNEL = 'peel:menu-command';
