// Shapes of the real-incident calls: a checked Flink config (and what changed from the last good one), metric
// imports with their series and verdicts, background import jobs, and real experiments.
import { z } from 'zod';
import { EpochMs, Id } from './entities';
import { Experiment, MemoryBreakdown, RunSummary, Verdict } from './lab-entities';

export const ConfigFinding = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  keys: z.array(z.string()),
  line: z.number().int().optional(),
});
export type ConfigFinding = z.infer<typeof ConfigFinding>;

export const ComponentChange = z.object({
  component: z.string(),
  beforeBytes: z.number(),
  afterBytes: z.number(),
});

export const MemoryEffect = z.object({
  changes: z.array(ComponentChange),
  error: z.object({ side: z.enum(['before', 'after']), message: z.string() }).optional(),
});

export const ConfigDiffView = z.object({
  keys: z.array(
    z.object({
      key: z.string(),
      before: z.string().nullable(),
      after: z.string().nullable(),
      effect: MemoryEffect,
    }),
  ),
  total: MemoryEffect,
  before: MemoryBreakdown.nullable(),
  after: MemoryBreakdown.nullable(),
  lastGoodSha256: z.string(),
});
export type ConfigDiffView = z.infer<typeof ConfigDiffView>;

export const ConfigCheckView = z.object({
  dialect: z.string(),
  fileName: z.string(),
  config: z.record(z.string(), z.string()),
  memory: MemoryBreakdown.nullable(),
  containerBytes: z.number().nullable(),
  findings: z.array(ConfigFinding),
  parseWarnings: z.array(z.string()),
  contentSha256: z.string(),
  diff: ConfigDiffView.nullable(),
  /** The audit event that recorded the check. */
  eventId: Id,
});
export type ConfigCheckView = z.infer<typeof ConfigCheckView>;

export const ImportedSeriesSummary = z.object({
  position: z.number().int(),
  metric: z.string(),
  labels: z.record(z.string(), z.string()),
  taskManager: z.string().nullable(),
  kind: z.string().nullable(),
  flinkName: z.string().nullable(),
  unit: z.string(),
  points: z.number().int(),
  firstSec: z.number().nullable(),
  lastSec: z.number().nullable(),
  /** The staircase verdict on a memory series; null for counters, times and ratios. */
  verdict: Verdict.nullable(),
  summary: z.string().nullable(),
});
export type ImportedSeriesSummary = z.infer<typeof ImportedSeriesSummary>;

export const MetricImport = z.object({
  id: Id,
  investigationId: Id,
  seq: z.number().int(),
  source: z.string(),
  origin: z.enum(['file', 'prometheus']),
  format: z.string(),
  contentSha256: z.string(),
  bytes: z.number().int(),
  warnings: z.array(z.string()),
  importedAt: EpochMs,
  importedBy: z.string(),
  series: z.array(ImportedSeriesSummary),
});
export type MetricImport = z.infer<typeof MetricImport>;

export const ImportJob = z.object({ jobId: Id });

export const RealRunInfo = z.object({
  runId: Id,
  experimentId: Id,
  description: z.string(),
  doneAt: EpochMs,
  originSec: z.number(),
  restartsFrom: z.string(),
  sources: z.array(z.object({ importId: Id, source: z.string(), contentSha256: z.string() })),
});
export type RealRunInfo = z.infer<typeof RealRunInfo>;

export const RealExperimentResult = z.object({ experiment: Experiment, run: RunSummary, real: RealRunInfo });
export type RealExperimentResult = z.infer<typeof RealExperimentResult>;

export const PrometheusAuthInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('basic'), username: z.string().max(500), password: z.string().max(2000) }),
  z.strictObject({ kind: z.literal('bearer'), token: z.string().min(1).max(8000) }),
]);
