// Tells the UI whenever the run queue changes (a run queued, started, ended or cancelled while it waited), with
// every waiting run's place in line, through the same push events as run progress.
import type { ServiceContext } from '../context';
import { runQueueState } from './capacity';

export function announceRunQueue(ctx: ServiceContext): () => void {
  return ctx.lab.queue.onChange(() => ctx.emit({ name: 'run.queue', payload: runQueueState(ctx) }));
}
