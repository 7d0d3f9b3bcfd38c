// Events the backend pushes to the UI (over IPC in Electron, a server-sent event stream in browser mode).
import type { z } from 'zod';
import { AuditEvent } from './entities';

export const pushEvents = {
  'audit.appended': AuditEvent,
} as const;

export type PushEventName = keyof typeof pushEvents;
export type PushEventPayload<E extends PushEventName> = z.output<(typeof pushEvents)[E]>;
export type PushEvent = { [E in PushEventName]: { name: E; payload: PushEventPayload<E> } }[PushEventName];
