// Wires every contract channel to the dispatcher with ipcMain.handle, after checking that the sender is Peel's own
// page (its frame origin is app://peel). Pushed events go to the window over one channel.
import { type IpcMainInvokeEvent, ipcMain, type WebContents } from 'electron';
import { PUSH_EVENT_CHANNEL } from '../../shared/contract/bridge';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import type { Envelope } from '../../shared/contract/errors';
import type { Backend } from '../backend/backend';

export const APP_ORIGIN = 'app://peel';

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  // A destroyed or navigated-away frame is null: never trusted.
  return frame !== null && frame.origin === APP_ORIGIN;
}

export function registerIpc(backend: Backend): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: {
            code: 'forbidden',
            message: `${channel}: refused a call from '${event.senderFrame?.origin ?? 'a closed frame'}'.`,
          },
        };
      }
      return backend.dispatch(channel, payload);
    });
  }
}

export function forwardPushEvents(backend: Backend, contents: WebContents): () => void {
  return backend.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(PUSH_EVENT_CHANNEL, event);
  });
}
