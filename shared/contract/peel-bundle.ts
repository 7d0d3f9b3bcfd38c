// The JSON bundle: one investigation handed over whole (notebook, experiments, runs with their series, the hand-over
// summary) with its audit chain, so a colleague can verify it and continue it. This zod schema is the one source of
// truth: peel-bundle.schema.json is generated from it (npm run bundle-schema writes it; a test keeps them equal).
// Objects are strict: a field this version does not know is refused, never silently dropped.
import { z } from 'zod';
import { CHAIN_FORMAT_VERSION, GENESIS_HASH } from '../domain/audit-chain';
import { AUDIT_KIND_NAMES } from '../domain/audit-kinds';
import { RULE_IDS } from '../domain/rules';
import { ChainHead, Handover, Sha256Hex } from './exchange-entities';
import { ExperimentParams, ParamDimension } from './lab-entities';

export const BUNDLE_FORMAT = 'peel-bundle';
/** The version written now. Version 2 added `derive`: simulated runs carried as parameters and seed. */
export const BUNDLE_VERSION = 2;
/** Every version this Peel reads. */
export const READABLE_BUNDLE_VERSIONS = [1, 2] as const;
/** The encoding of run series: the store's blobs as they are (see electron/store/series-codec.ts). */
export const SERIES_ENCODING = 'f32-shuffle-deflate-raw';

const Ms = z.number().int().nonnegative().describe('UTC epoch milliseconds');
const Text = z.string();
const EntityId = z.string().min(1).max(64);
const RuleId = z.enum(RULE_IDS);
const Json = z.record(z.string(), z.unknown());

const Investigation = z
  .strictObject({
    id: EntityId.describe('The id in the exporting database; an import gives every record a new local id.'),
    title: Text,
    summary: Text.describe('The incident summary (Markdown).'),
    startedAt: Ms.describe('When the incident started.'),
    createdAt: Ms,
    createdBy: Text,
    updatedAt: Ms,
    status: z.enum(['open', 'resolved']),
    scenarioId: Text.nullable().describe('The built-in system the lab simulates.'),
    configOverrides: z.record(z.string(), z.string()).describe('Flink keys new experiments start from.'),
    preflight: Json.nullable().describe(
      'The last "check the plug" preflight (its experimentId is a run id here).',
    ),
    resolution: z
      .strictObject({ at: Ms, by: Text, reason: Text, proofRunIds: z.array(EntityId) })
      .nullable()
      .describe('The resolution with the runs of its A/B/A proof.'),
  })
  .describe('The investigation record.');

const ChecklistEntry = z
  .strictObject({
    itemId: Text.describe('A checklist item of shared/domain/rules.ts, e.g. "plug.baseline".'),
    ruleId: RuleId,
    ticked: z.boolean(),
    at: Ms,
    by: Text,
    evidence: z
      .strictObject({
        itemId: Text,
        description: Text,
        runIds: z.array(EntityId),
        eventSeq: z
          .number()
          .int()
          .positive()
          .optional()
          .describe(
            'The seq of the audit event in the chain that proves it (a run completed, the preflight).',
          ),
      })
      .nullable()
      .describe(
        'Set when Peel ticked the item from evidence: the runs that satisfy it and the event proving it.',
      ),
  })
  .describe('The current state of one checklist item (its history is in the chain).');

const NoteRevision = z.strictObject({
  id: EntityId,
  body: Text.describe('Markdown, as written.'),
  createdAt: Ms,
  createdBy: Text,
  correctsId: EntityId.nullable().describe('The revision this one corrects; null for the first.'),
});

const Note = z
  .strictObject({
    id: EntityId,
    ruleId: RuleId.nullable().describe('The rule it belongs to; null for a note on the investigation.'),
    revisions: z.array(NoteRevision).min(1).describe('Oldest first; the last is the current text.'),
  })
  .describe('A note with every revision (corrections never overwrite).');

const HypothesisRevision = z.strictObject({
  id: EntityId,
  statement: Text,
  createdAt: Ms,
  createdBy: Text,
  correctsId: EntityId.nullable().describe(
    'The correction this one corrects; null when it corrects the original.',
  ),
});

const Hypothesis = z.strictObject({
  id: EntityId,
  statement: Text.describe('The statement as first written.'),
  revisions: z
    .array(HypothesisRevision)
    .describe('Corrections of the statement, oldest first; the last is current.'),
  ruleId: RuleId.nullable(),
  status: z.enum(['open', 'supported', 'refuted', 'inconclusive']),
  reason: Text.nullable(),
  predicts: z
    .enum(['leak', 'no-leak'])
    .nullable()
    .describe('The effect it predicts for the run that tests it.'),
  decidedByRunId: EntityId.nullable(),
  decidedAutomatically: z
    .boolean()
    .describe('True when Peel decided it from the verdict of the run testing it.'),
  createdAt: Ms,
  createdBy: Text,
  updatedAt: Ms,
});

const ParamChange = z.strictObject({
  dimension: ParamDimension.describe('What changed: one of the dimensions experiments are compared by.'),
  description: Text,
});

const Experiment = z
  .strictObject({
    id: EntityId,
    seq: z.number().int().positive().describe('Its number in the investigation (#1, #2, ...).'),
    parentId: EntityId.nullable(),
    label: Text,
    params: ExperimentParams.describe(
      'Normalised experiment parameters (ExperimentParams): every default written out.',
    ),
    diff: z.array(ParamChange).describe('The exact changes from the parent.'),
    multiChangeConfirmed: z.boolean(),
    hypothesisId: EntityId.nullable(),
    createdAt: Ms,
    createdBy: Text,
  })
  .describe('An experiment: the parameters of a simulated run, derived from its parent by its diff.');

const Series = z
  .strictObject({
    key: Text.describe(
      'tm/<TaskManager>/<metric> or op/<operator>/<metric>, metric names as Flink spells them.',
    ),
    startSec: z.number(),
    stepSec: z.number().positive(),
    length: z.number().int().nonnegative(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    encoding: z
      .literal(SERIES_ENCODING)
      .describe(
        'Byte 0: format 1; bytes 1-4: value count (uint32 LE); then raw DEFLATE of the float32 LE values ' +
          'byte-shuffled (every first byte, then every second, ...).',
      ),
    data: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
      .describe('The stored blob, base64.'),
  })
  .describe('One time series of a run, values stepSec apart from startSec.');

const RunDerivation = z.strictObject({
  simulator: Text.describe(
    'The simulator version that ran it (recorded in its run.completed event); an importer re-derives only with the same.',
  ),
  params: ExperimentParams.describe(
    'The parameters and seed it ran with (as its run.started event recorded them).',
  ),
  seriesHash: Sha256Hex.describe('The content hash of its series that its run.completed event recorded.'),
  detailHash: Sha256Hex.describe(
    'The content hash of its analysis, plan and events that its run.completed event recorded.',
  ),
});

const Run = z
  .strictObject({
    id: EntityId,
    experimentId: EntityId,
    seq: z.number().int().positive(),
    status: z.enum(['running', 'completed', 'cancelled', 'failed']),
    startedAt: Ms,
    finishedAt: Ms.nullable(),
    startedBy: Text,
    durationSec: z.number().int().nonnegative(),
    verdict: Text.nullable().describe('leak, sawtooth, blip or flat: the direct-memory verdict.'),
    retainedBytesPerRestart: z.number().nullable(),
    restarts: z.number().int().nullable(),
    ooms: z.number().int().nullable(),
    fullGcs: z.number().int().nullable(),
    peakDirectBytes: z.number().nullable(),
    peakRssBytes: z.number().nullable(),
    summary: Text.nullable(),
    error: Text.nullable(),
    analysis: Json.nullable().describe(
      'The analysis as stored: the simulator’s verdicts and the lab’s facts.',
    ),
    plan: Json.nullable().describe('The job plan (JobPlan): topology, slots, memory breakdown, config.'),
    events: z.array(Json).nullable().describe('The run’s events (SimEvent): OOMs, restarts, shutdowns, GCs.'),
    series: z.array(Series).describe('Every series of the run; empty when the run is carried by `derive`.'),
    derive: RunDerivation.optional().describe(
      'Version 2: a simulated run carried as what reproduces it. Its series, analysis, plan and events are not in ' +
        'the file (series empty; analysis, plan and events null): the importing Peel re-runs the simulator on these ' +
        'parameters and refuses the bundle, naming the run, unless what it gets hashes to what the chain recorded.',
    ),
  })
  .describe('A run of an experiment with its outcome and every stored series (or what re-derives them).');

/** The encoding of imported metric series: times and values as they were read, float64 little-endian. */
export const IMPORTED_SERIES_ENCODING = 'f64-le';

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const ImportedSeries = z
  .strictObject({
    metric: Text.describe('The metric as found: a Prometheus name, a Flink metric id or a CSV column.'),
    labels: z.record(z.string(), z.string()),
    taskManager: Text.nullable(),
    kind: Text.nullable().describe("Peel's reading of the name (direct-used, heap-used, resident, ...)."),
    flinkName: Text.nullable(),
    unit: Text.describe('The unit of the values after conversion: bytes, count, milliseconds, ...'),
    length: z.number().int().nonnegative(),
    encoding: z
      .literal(IMPORTED_SERIES_ENCODING)
      .describe('times and values are each `length` float64 values, little-endian, base64.'),
    times: Base64.describe('Seconds since the Unix epoch, strictly increasing.'),
    values: Base64,
  })
  .describe('One imported series as it was read, with its own (irregular) times.');

const MetricImport = z
  .strictObject({
    id: EntityId,
    seq: z.number().int().positive().describe('Its number among the investigation’s imports.'),
    source: Text.describe('The file name, or the query’s URL without credentials.'),
    origin: z.enum(['file', 'prometheus']),
    format: Text,
    contentSha256: Sha256Hex.describe('SHA-256 of the bytes read.'),
    bytes: z.number().int().nonnegative(),
    warnings: z.array(Text),
    verdicts: z
      .array(z.strictObject({ verdict: Text, summary: Text }).nullable())
      .describe(
        'Per series (by position): the staircase verdict shown beside it, null for non-memory series.',
      ),
    importedAt: Ms,
    importedBy: Text,
    series: z
      .array(ImportedSeries)
      .min(1)
      .describe('In order; their hash is the seriesHash its metrics.imported event recorded.'),
  })
  .describe('Metrics imported from a real system (a file or a live Prometheus), as read.');

const ChainEvent = z
  .strictObject({
    seq: z.number().int().positive(),
    id: EntityId,
    investigationId: EntityId.nullable(),
    at: Ms,
    actor: Text,
    kind: z.enum(AUDIT_KIND_NAMES as [string, ...string[]]),
    ruleId: RuleId.nullable(),
    payload: Json,
    prevHash: Sha256Hex,
    hash: Sha256Hex,
  })
  .describe('An audit event of this investigation, in full.');

const ChainLink = z
  .strictObject({ seq: z.number().int().positive(), prevHash: Sha256Hex, hash: Sha256Hex })
  .describe('An event of another investigation, as its link only: continuity without its content.');

const Chain = z
  .strictObject({
    format: z
      .literal(CHAIN_FORMAT_VERSION)
      .describe(
        'hash = SHA-256(prevHash + "\\n" + canonical JSON of {v, seq, id, investigationId, at, actor, kind, ' +
          'ruleId, payload}) as hex; canonical JSON sorts object keys and has no whitespace; v is this format.',
      ),
    genesis: z.literal(GENESIS_HASH).describe('The prevHash of the database’s first event.'),
    events: z.array(ChainEvent).describe('This investigation’s events, in seq order.'),
    links: z
      .array(ChainLink)
      .describe('Every other event of the database chain from genesis to the head, in seq order.'),
    head: ChainHead,
  })
  .describe(
    'The database’s audit chain from genesis to its head: events and links together hold every seq from 1 to ' +
      'head.count exactly once, each prevHash equal to the hash before it.',
  );

export const PeelBundle = z
  .strictObject({
    $schema: z.string().optional().describe('Where this schema is published, for editors.'),
    format: z.literal(BUNDLE_FORMAT),
    version: z
      .union([z.literal(1), z.literal(2)])
      .describe(
        'Bundle schema version: 1 (every run with its series) or 2 (simulated runs may be carried by `derive`); a newer Peel may write a higher one.',
      ),
    exportedAt: Ms,
    exportedBy: Text.describe('The OS user who exported it.'),
    exportedFrom: z.strictObject({
      app: z.literal('Peel'),
      version: Text,
      host: Text.describe('electron, browser or cli.'),
      database: Text.describe('The database file’s name.'),
    }),
    investigation: Investigation,
    checklist: z.array(ChecklistEntry),
    notes: z.array(Note),
    hypotheses: z.array(Hypothesis),
    experiments: z.array(Experiment).describe('In seq order; a parent always comes before its children.'),
    runs: z.array(Run).describe('In seq order.'),
    metricImports: z
      .array(MetricImport)
      .optional()
      .describe(
        'Metrics imported from real systems, in seq order (absent in bundles written before Peel carried them).',
      ),
    handover: Handover,
    chain: Chain,
    verify: Text.describe('How to check the exporting database against chain.head.'),
  })
  .meta({
    title: 'Peel investigation bundle',
    description:
      'One Peel investigation handed over whole: the notebook (checklist, notes with revisions, hypotheses), the lab ' +
      '(experiments, runs with analysis, plan, events and series), the hand-over summary, and the audit chain from ' +
      'genesis to the exporting database’s head.',
  });
export type PeelBundle = z.infer<typeof PeelBundle>;
export type BundleRun = PeelBundle['runs'][number];
export type BundleRunDerivation = NonNullable<BundleRun['derive']>;
export type BundleMetricImport = NonNullable<PeelBundle['metricImports']>[number];
export type BundleChain = PeelBundle['chain'];
export type BundleChainEvent = BundleChain['events'][number];

export const BUNDLE_SCHEMA_ID = 'https://example.org/peel/schemas/peel-bundle-2.schema.json';

/** The JSON Schema (draft 2020-12) published as shared/contract/peel-bundle.schema.json. */
export function bundleJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PeelBundle, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  return { $schema: schema.$schema, $id: BUNDLE_SCHEMA_ID, ...schema };
}
