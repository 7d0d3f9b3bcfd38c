// The preload: exposes exactly one object, window.peel, built from the contract's channel list. The page gets typed
// functions, never ipcRenderer itself, and event listeners never see the IpcRendererEvent.
import { contextBridge, ipcRenderer } from 'electron';
import {
  type BridgeInvoke,
  MENU_COMMAND_CHANNEL,
  type PeelBridge,
  PUSH_EVENT_CHANNEL,
} from '../../shared/contract/bridge';
import type { ChannelName } from '../../shared/contract/channels';
import type { PushEvent } from '../../shared/contract/events';

// Filled in by the build from shared/contract/channels.ts, so the list is declared once and zod stays out of here.
declare const __PEEL_CHANNEL_NAMES__: readonly ChannelName[];

const invoke = Object.fromEntries(
  __PEEL_CHANNEL_NAMES__.map((channel) => [
    channel,
    (request: unknown) => ipcRenderer.invoke(channel, request),
  ]),
) as BridgeInvoke;

const bridge: PeelBridge = {
  host: 'electron',
  invoke,
  onEvent(listener) {
    const forward = (_event: Electron.IpcRendererEvent, pushed: PushEvent) => listener(pushed);
    ipcRenderer.on(PUSH_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(PUSH_EVENT_CHANNEL, forward);
    };
  },
  onMenuCommand(listener) {
    const forward = (_event: Electron.IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('peel', bridge);
