// What the lab shows about load: the run queue (which runs wait for a worker and where they stand in line), what an
// investigation keeps on disk, and what a run would add before it is started.
import { z } from 'zod';
import { Id } from './entities';

export const QueuedRun = z.object({
  runId: Id,
  investigationId: Id,
  /** 1 = the next run to start. */
  position: z.number().int().positive(),
});

export const RunQueueState = z.object({
  /** Runs waiting for a worker, first in line first (every investigation's: the workers are shared). */
  waiting: z.array(QueuedRun),
  /** Runs holding a worker now. */
  running: z.array(z.object({ runId: Id, investigationId: Id })),
  /** How many runs simulate at once. */
  slots: z.number().int().positive(),
  /** How many may wait before a new run is refused. */
  maxWaiting: z.number().int().nonnegative(),
});

export const DiskUse = z.object({
  /** Bytes the investigation's runs keep: series blobs and each run's analysis, plan and events. */
  bytes: z.number().nonnegative(),
  runs: z.number().int().nonnegative(),
});

export const RunSizeEstimate = z.object({
  experimentId: Id,
  /** About how many bytes a run of the experiment adds to the database. */
  bytes: z.number().nonnegative(),
  seriesCount: z.number().int().nonnegative(),
  /** Samples over all series: one per series per simulated second. */
  samples: z.number().int().nonnegative(),
  /** Where the bytes per sample come from: this investigation's stored runs, or Peel's measured default. */
  basis: z.string(),
  /** Above this many bytes the UI asks before starting the run. */
  confirmAboveBytes: z.number().nonnegative(),
});

export const LabCapacity = z.object({
  disk: DiskUse,
  queue: RunQueueState,
  estimate: RunSizeEstimate.nullable(),
});

export type QueuedRun = z.infer<typeof QueuedRun>;
export type RunQueueState = z.infer<typeof RunQueueState>;
export type DiskUse = z.infer<typeof DiskUse>;
export type RunSizeEstimate = z.infer<typeof RunSizeEstimate>;
export type LabCapacity = z.infer<typeof LabCapacity>;
