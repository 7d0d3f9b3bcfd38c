// Real incidents: check a real Flink config, import real metrics (pasted text, a file streamed from disk, a live
// Prometheus query, optionally followed), and log real experiments whose result is imported series.
import { z } from 'zod';
import { channel } from './channel';
import { Id } from './entities';
import { ExperimentParamsInput } from './lab-entities';
import { LIMITS } from './limits';
import {
  ConfigCheckView,
  ImportJob,
  MetricImport,
  PrometheusAuthInput,
  RealExperimentResult,
  RealRunInfo,
} from './real-entities';
import { requiredText } from './text-schemas';

const ConfigTextInput = z.strictObject({
  text: z.string().min(1, 'the config is empty').max(LIMITS.configChars),
  fileName: z.string().max(300).optional(),
});

const RangeInput = {
  investigationId: Id,
  url: z.string().min(1).max(2000),
  query: z.string().min(1).max(10_000),
  startSec: z.number().finite(),
  stepSec: z.number().positive().max(86_400),
  auth: PrometheusAuthInput.optional(),
  /** How long to wait for each answer before giving up on a slow server (default 60 s). */
  timeoutSec: z.number().positive().max(600).optional(),
};

export const realChannels = {
  'real.checkConfig': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        config: ConfigTextInput,
        lastGood: ConfigTextInput.optional(),
        containerBytes: z.number().positive().optional(),
        observedDirectPeakBytes: z.number().positive().optional(),
      }),
    () => ConfigCheckView,
    'Check a real flink-conf.yaml / config.yaml: the memory model, findings, and what changed from the last good one. Logged with its hash.',
  ),
  'real.importText': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        fileName: z.string().min(1).max(300),
        text: z.string().min(1, 'the file is empty').max(LIMITS.metricsTextChars),
      }),
    () => MetricImport,
    'Import a metrics file sent as text (Grafana CSV, Prometheus JSON or exposition, Flink REST). Logged with its hash.',
  ),
  'real.importFile': channel(
    () => z.strictObject({ investigationId: Id, path: z.string().min(1).max(4000) }),
    () => ImportJob,
    'Import a metrics file from disk in the background (streamed, any size); progress and the result are pushed.',
  ),
  'real.openFile': channel(
    () => z.strictObject({ investigationId: Id }),
    () => z.object({ jobId: Id.nullable() }),
    'Desktop app: pick a metrics file in the native dialog and stream it from disk in the background (jobId null when the dialog was cancelled).',
  ),
  'real.queryPrometheus': channel(
    () => z.strictObject({ ...RangeInput, endSec: z.number().finite() }),
    () => ImportJob,
    'Query a live Prometheus (query_range) in the background; progress and the result are pushed.',
  ),
  'real.follow': channel(
    () => z.strictObject(RangeInput),
    () => ImportJob,
    'Query a live Prometheus again and again up to now until cancelled; the last answer is imported.',
  ),
  'real.cancel': channel(
    () => z.strictObject({ jobId: Id }),
    () => z.object({ cancelled: z.boolean() }),
    'Stop an import job (a follow imports what it last read).',
  ),
  'real.imports': channel(
    () => z.strictObject({ investigationId: Id }),
    () => z.array(MetricImport),
    'The metrics imported into an investigation, with each series and its verdict.',
  ),
  'real.runs': channel(
    () => z.strictObject({ investigationId: Id }),
    () => z.array(RealRunInfo),
    'The runs of an investigation that are real experiments: what was done, when, and what was imported.',
  ),
  'experiments.logReal': channel(
    () =>
      z.strictObject({
        investigationId: Id,
        parentId: Id.nullable(),
        params: ExperimentParamsInput,
        description: requiredText('description', LIMITS.reasonLength),
        doneAt: z.number().int().nonnegative(),
        importIds: z.array(Id).min(1).max(32),
        label: z.string().max(200).optional(),
        hypothesisId: Id.nullable().optional(),
        confirmMultiChange: z.boolean().optional(),
      }),
    () => RealExperimentResult,
    'Log what was done on the real system as an experiment (one change from its parent) with imported series as its run.',
  ),
} as const;
