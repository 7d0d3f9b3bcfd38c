// The drill file: a versioned JSON document holding one drill definition, checked by the zod schema below (the
// published drill-file.schema.json is generated from it). A definition holds no answer: the answer is drawn from
// a seed when the drill starts. A drill made from an investigation pins its seed, and the pin is sealed (see
// seal.ts) with the definition as its key, so the file shows neither the seed nor the answer it leads to.
import { z } from 'zod';
import { RULE_IDS } from '../domain/rules';
import { MAX_HOURS, MAX_PARALLELISM_HOURS } from '../sim/engine/experiment-params';
import { DEFECT_KIND_INFO, DEFECT_KINDS } from './defect-kinds';
import { DIFFICULTIES, type DrillDefinition, HINT_IDS } from './drill-types';
import { SealError, seal, unseal } from './seal';

export const DRILL_FILE_FORMAT = 'peel-drill';
export const DRILL_FILE_VERSION = 1;
export const DRILL_SCHEMA_ID = 'https://example.org/peel/schemas/peel-drill-1.schema.json';

const range = (min: number, max: number, what: string) =>
  z
    .tuple([z.number().int().min(min).max(max), z.number().int().min(min).max(max)])
    .refine(([a, b]) => a <= b, { message: 'the first number must not exceed the second' })
    .describe(`${what}: [least, most], drawn per seed.`);
const share = z
  .tuple([z.number().min(0).max(0.99), z.number().min(0).max(0.99)])
  .refine(([a, b]) => a <= b, { message: 'the first number must not exceed the second' });
const memorySize = z.string().regex(/^\d+(\.\d+)?\s*[kmgt]?b?$/i, 'a Flink memory size such as 512m or 6g');

export const DrillDefinitionSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, e.g. restart-staircase'),
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(2000).describe('The situation, not the cause.'),
    difficulty: z.enum(DIFFICULTIES),
    estimatedMinutes: z.number().int().min(1).max(600),
    rules: z.array(z.enum(RULE_IDS)).min(1).describe('The rules the drill exercises.'),
    page: z
      .string()
      .min(1)
      .max(2000)
      .describe(
        'The alert text; {job}, {firstSymptomAt} and {taskManagers} are filled in from the first run.',
      ),
    hints: z.array(z.enum(HINT_IDS)).describe('Hints the trainee may take.'),
    budgetHours: z.number().positive().max(1000).describe('Simulated hours the trainee may spend on runs.'),
    template: z
      .strictObject({
        sources: range(1, 6, 'Kafka topics read'),
        enrichers: range(0, 6, 'Layer 2 operators besides the join'),
        outputs: range(0, 6, 'Layer 3 operators between the aggregation and the sink'),
        mapOperators: range(0, 6, 'Operators holding a reference-data map'),
        rpcOperators: range(0, 4, 'Operators calling a service over async RPC'),
      })
      .describe("The pipeline's shape."),
    defects: z.array(z.enum(DEFECT_KINDS)).min(1).describe('One is drawn per seed: the cause to find.'),
    redHerrings: z.array(z.enum(DEFECT_KINDS)).describe('Optionally one of these too, at another operator.'),
    memory: z.strictObject({
      processSize: memorySize,
      taskOffHeap: memorySize,
      disableExplicitGc: z.boolean(),
      cutTaskOffHeapMiB: range(16, 4096, 'Task off-heap after the cut, MiB').optional(),
    }),
    faults: z.strictObject({
      shutdownEveryMinutes: range(5, 240, 'Minutes between container shutdowns'),
      containersPerShutdown: range(1, 32, 'Containers shut down each time'),
      sinkSlowdowns: z
        .strictObject({
          everyMinutes: range(10, 600, 'Minutes between sink slowdowns'),
          forMinutes: range(1, 120, 'Minutes each slowdown lasts'),
          speedLeft: share.describe("Share of the sink's speed left, [least, most]."),
        })
        .optional(),
      payloadSpikes: z
        .strictObject({
          everyMinutes: range(10, 600, 'Minutes between payload spikes'),
          forMinutes: range(1, 120, 'Minutes each spike lasts'),
          factor: range(2, 20, 'How many times their size RPC payloads get'),
        })
        .optional(),
    }),
    dashboardHours: z.number().positive().max(MAX_HOURS),
    parallelism: z.number().int().min(1).max(32),
  })
  .describe(
    'A drill: what the trainee is told, the shape of the job, the causes it may hide and the fault load.',
  );

export const DrillFile = z
  .strictObject({
    $schema: z.string().optional().describe('Where this schema is published, for editors.'),
    format: z.literal(DRILL_FILE_FORMAT),
    version: z
      .literal(DRILL_FILE_VERSION)
      .describe('Drill file version; a newer Peel may write a higher one.'),
    drill: DrillDefinitionSchema,
    pinned: z
      .string()
      .startsWith('peel-seal-1:')
      .optional()
      .describe(
        'A sealed seed: every start of this drill gets the same variant (a drill made from an investigation).',
      ),
  })
  .meta({ title: 'Peel drill', description: 'One training drill for Peel, as an instructor authored it.' });
export type DrillFile = z.infer<typeof DrillFile>;

// The schema and the domain type are one shape.
const _sameShape: z.infer<typeof DrillDefinitionSchema> extends DrillDefinition ? true : never = true;
void _sameShape;

export function drillJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DrillFile, { target: 'draft-2020-12', io: 'input' }) as Record<
    string,
    unknown
  >;
  return { $schema: schema.$schema, $id: DRILL_SCHEMA_ID, ...schema };
}

export class DrillFileError extends Error {
  constructor(
    /** The field's path (`drill.template.sources`), or `file` for the whole text. */
    readonly where: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'DrillFileError';
  }
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

const formatPath = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );

/** What the schema cannot say: faults a defect needs to show, ranges the generator cannot fill. */
function checkMeaning(drill: DrillDefinition, source: string): void {
  const fail = (where: string, message: string): never => {
    throw new DrillFileError(where, `${source}: ${where}: ${message}`);
  };
  const all = [...drill.defects, ...drill.redHerrings];
  if (all.some((d) => DEFECT_KIND_INFO[d].needsBackPressure) && !drill.faults.sinkSlowdowns)
    fail('drill.faults.sinkSlowdowns', 'required: a defect of this drill only shows while the sink is slow');
  if (all.includes('rpc-fresh-buffers') && !drill.faults.payloadSpikes)
    fail('drill.faults.payloadSpikes', 'required: rpc-fresh-buffers only shows when payloads swell');
  for (const [i, d] of drill.redHerrings.entries())
    if (drill.defects.includes(d)) fail(`drill.redHerrings[${i}]`, `'${d}' is also a cause to find`);
  if (new Set(drill.hints).size !== drill.hints.length) fail('drill.hints', 'a hint is listed twice');
  if (drill.dashboardHours * drill.parallelism > MAX_PARALLELISM_HOURS)
    fail('drill.dashboardHours', `hours x parallelism must stay within ${MAX_PARALLELISM_HOURS}`);
}

export interface LoadedDrill {
  drill: DrillDefinition;
  /** The pinned seed of a drill made from an investigation, or null (a seed is drawn per start). */
  pinnedSeed: number | null;
}

/** Reads a drill file's text; throws DrillFileError saying what is wrong and where (line and column for JSON). */
export function parseDrillFile(text: string, source = 'drill file'): LoadedDrill {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    const { line, column } = lineAndColumn(text, position);
    throw new DrillFileError(
      'file',
      `${source} is not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
      line,
      column,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new DrillFileError('file', `${source} is not a Peel drill: it does not hold a JSON object`);
  const record = value as Record<string, unknown>;
  if (record.format !== DRILL_FILE_FORMAT)
    throw new DrillFileError(
      'format',
      `${source} is not a Peel drill: "format" is ${record.format === undefined ? 'missing' : JSON.stringify(record.format)}, expected "${DRILL_FILE_FORMAT}"`,
    );
  if (
    typeof record.version === 'number' &&
    Number.isInteger(record.version) &&
    record.version > DRILL_FILE_VERSION
  )
    throw new DrillFileError(
      'version',
      `${source} was written by a newer Peel (drill version ${record.version}; this Peel reads version ${DRILL_FILE_VERSION} and older)`,
    );
  const parsed = DrillFile.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = formatPath(issue?.path ?? []) || '(top level)';
    const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    throw new DrillFileError(where, `${source}: ${where}: ${issue?.message ?? 'invalid'}${more}`);
  }
  const drill = parsed.data.drill as DrillDefinition;
  checkMeaning(drill, source);
  let pinnedSeed: number | null = null;
  if (parsed.data.pinned !== undefined) {
    try {
      const pin = unseal(parsed.data.pinned, drill) as { seed?: unknown };
      if (typeof pin?.seed !== 'number' || !Number.isSafeInteger(pin.seed) || pin.seed < 0)
        throw new SealError('it does not hold a seed');
      pinnedSeed = pin.seed;
    } catch (error) {
      throw new DrillFileError(
        'pinned',
        `${source}: pinned: ${error instanceof Error ? error.message : String(error)}; was the drill edited after it was pinned?`,
      );
    }
  }
  return { drill, pinnedSeed };
}

/** The file's text for a drill (and a pinned seed, sealed with the definition). */
export function writeDrillFile(drill: DrillDefinition, pinnedSeed: number | null = null): string {
  const file: DrillFile = {
    $schema: DRILL_SCHEMA_ID,
    format: DRILL_FILE_FORMAT,
    version: DRILL_FILE_VERSION,
    drill,
    ...(pinnedSeed === null ? {} : { pinned: seal({ seed: pinnedSeed }, drill) }),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
