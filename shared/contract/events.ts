// Events the backend pushes to the UI (over IPC in Electron, a server-sent event stream in browser mode).
import { z } from 'zod';
import { RunQueueState } from './capacity-entities';
import { AuditEvent } from './entities';
import { RunSummary, SeriesSlice, SweepResult } from './lab-entities';
import { ReplayResult } from './trail-entities';

export { RUN_PREVIEW_POINTS } from './run-preview-points';

/**
 * A finished run's first graph, sent with the news that it finished (after its record is committed, so it is what
 * the chain vouches for): one metric per TaskManager, downsampled like `runs.series` with RUN_PREVIEW_POINTS, so the
 * UI can show the verdict and draw the graph without asking again.
 */
export const RunResultPreview = z.object({
  /** The TaskManager metric, e.g. Status.JVM.Memory.Direct.MemoryUsed. */
  metric: z.string(),
  points: z.number().int(),
  taskManagers: z.array(z.object({ taskManager: z.string(), slice: SeriesSlice })),
});
export type RunResultPreview = z.infer<typeof RunResultPreview>;

export const pushEvents = {
  'audit.appended': AuditEvent,
  'run.progress': z.object({
    runId: z.string(),
    investigationId: z.string(),
    fraction: z.number(),
    simSec: z.number(),
  }),
  'run.finished': z.object({
    investigationId: z.string(),
    run: RunSummary,
    /** A completed run's direct-memory graph, when its series could be read at once. */
    preview: RunResultPreview.optional(),
  }),
  /** Who waits for a simulation worker and who holds one changed (a run was queued, started, ended or cancelled). */
  'run.queue': RunQueueState,
  'sweep.progress': z.object({
    sweepId: z.string(),
    investigationId: z.string(),
    done: z.number(),
    total: z.number(),
    current: z.string(),
  }),
  'sweep.finished': z.object({ sweepId: z.string(), investigationId: z.string(), result: SweepResult }),
  'replay.progress': z.object({
    replayId: z.string(),
    investigationId: z.string(),
    done: z.number(),
    total: z.number(),
    current: z.string(),
  }),
  'replay.finished': z.object({ replayId: z.string(), investigationId: z.string(), result: ReplayResult }),
  /** Something the lab derives from changed (a run finished, a checklist item was ticked from evidence). */
  'lab.changed': z.object({ investigationId: z.string() }),
  /** A background metrics import (file, Prometheus query, follow) moved on: `fraction` is null when unknown. */
  'import.progress': z.object({
    jobId: z.string(),
    investigationId: z.string(),
    fraction: z.number().nullable(),
    message: z.string(),
  }),
  /** A background import ended: the stored import, or why nothing was imported. */
  'import.finished': z.object({
    jobId: z.string(),
    investigationId: z.string(),
    importId: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
  /** A bundle import from disk moved on (reading, then checking and writing). */
  'bundle.progress': z.object({
    jobId: z.string(),
    fileName: z.string(),
    fraction: z.number(),
    message: z.string(),
  }),
  /** A bundle import from disk ended: the imported investigation, or why nothing was imported. */
  'bundle.finished': z.object({
    jobId: z.string(),
    fileName: z.string(),
    investigationId: z.string().nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
} as const;

export type PushEventName = keyof typeof pushEvents;
export type PushEventPayload<E extends PushEventName> = z.output<(typeof pushEvents)[E]>;
export type PushEvent = { [E in PushEventName]: { name: E; payload: PushEventPayload<E> } }[PushEventName];
