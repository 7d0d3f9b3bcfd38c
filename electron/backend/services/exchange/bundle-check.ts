// Checks a bundle's text before anything is written, and says exactly what is wrong and where: not JSON (with the
// line and column), cut short, not a Peel bundle, from a newer Peel, not matching the schema (the field's path),
// records that refer to nothing, a chain that does not verify, or records that disagree with the events that
// created them (a note's text changed after it was exported, say). Pure: the SHA-256 function is passed in.
import { PeelError } from '../../../../shared/contract/errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  PeelBundle,
  READABLE_BUNDLE_VERSIONS,
} from '../../../../shared/contract/peel-bundle';
import {
  describeCanonicalProblem,
  findDuplicateKeyOrLoneSurrogate,
} from '../../../../shared/domain/canonical-json';
import { verifyExportedChain } from '../../../../shared/domain/chain-links';
import { findChecklistItem } from '../../../../shared/domain/rules';
import { project } from '../trail/chain-state';
import { checkState } from '../trail/state-check';
import { checkedBundleMetricImports } from './bundle-metric-imports';
import { type CarriedRun, carriedRunSeries } from './carried-series';
import { checkDerivations, type DerivedRun } from './derived-runs';
import { exportSealMismatch, exportSealOf } from './export-seal';

const refuse = (where: string, message: string, details: Record<string, unknown> = {}): never => {
  const sentence = /[.?!]$/.test(message) ? message : `${message}.`;
  throw new PeelError('invalid-request', `bundles.import: ${sentence} Nothing was imported.`, {
    where,
    ...details,
  });
};

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

function parseJson(text: string, source: string): unknown {
  if (text.trim() === '') refuse('bundle', `${source} is empty`);
  // A bundle is one JSON object: anything else (a PDF, a CSV, a zip) is not JSON, however JSON.parse words it.
  if (!text.trimStart().startsWith('{')) {
    refuse(
      'bundle',
      `${source} is not JSON: a Peel bundle is a JSON object, and this file starts with ${JSON.stringify(text.trimStart().slice(0, 12))}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const position = match ? Number(match[1]) : text.length;
    const end = text.trimEnd().length;
    const { line, column } = lineAndColumn(text, position);
    if (/end of JSON input|Unterminated/.test(message) || (match !== null && position >= end - 1)) {
      return refuse(
        'bundle',
        `${source} is truncated: its JSON stops at line ${line}, column ${column} (character ${position.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')}) before it is complete; was the file cut short while copying?`,
        { line, column },
      );
    }
    return refuse(
      'bundle',
      `${source} is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}${match ? ` at line ${line}, column ${column}` : ''}`,
      match ? { line, column } : {},
    );
  }
  // JSON.parse keeps the last of two equal keys while another reader may take the first: refuse, never pick.
  const twice = findDuplicateKeyOrLoneSurrogate(text);
  if (twice) {
    const { line, column } = lineAndColumn(
      text,
      twice.kind === 'not-canonical' || twice.kind === 'not-json' ? 0 : twice.offset,
    );
    refuse(
      'bundle',
      `${source} cannot be read one way only: ${describeCanonicalProblem(twice)}, line ${line}, column ${column}`,
      {
        line,
        column,
      },
    );
  }
  return value;
}

/** zod's path as a reader writes it: runs[3].series[0].data */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

function checkEnvelope(value: unknown, source: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(
      'bundle',
      `${source} is not a Peel bundle: it holds ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : `a ${typeof value}`}, not an object`,
    );
  }
  const record = value as Record<string, unknown>;
  if (record.format !== BUNDLE_FORMAT) {
    refuse(
      'format',
      `${source} is not a Peel bundle: its "format" is ${record.format === undefined ? 'missing' : JSON.stringify(record.format)}, expected "${BUNDLE_FORMAT}"`,
    );
  }
  if (
    typeof record.version === 'number' &&
    Number.isInteger(record.version) &&
    record.version > BUNDLE_VERSION
  ) {
    refuse(
      'version',
      `${source} was written by a newer Peel (bundle version ${record.version}; this Peel reads versions ${READABLE_BUNDLE_VERSIONS.join(' and ')}). Update Peel to import it`,
      { version: record.version, supported: BUNDLE_VERSION },
    );
  }
}

function checkSchema(value: unknown, source: string): PeelBundle {
  const result = PeelBundle.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: formatPath(issue.path) || '(top level)',
    message: issue.message,
  }));
  const shown = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return refuse(
    issues[0]!.path,
    `${source} does not match the Peel bundle schema (version ${BUNDLE_VERSION}): ${shown}${more}`,
    { issues: issues.slice(0, 50) },
  );
}

/** Every reference between records points at a record of the bundle, and each id is used once. */
function checkReferences(bundle: PeelBundle): void {
  const seen = new Map<string, string>();
  const claim = (id: string, where: string) => {
    const earlier = seen.get(id);
    if (earlier) refuse(where, `${where}: the id '${id}' is used twice (also at ${earlier})`);
    seen.set(id, where);
  };
  claim(bundle.investigation.id, 'investigation.id');
  bundle.hypotheses.forEach((h, i) => {
    claim(h.id, `hypotheses[${i}].id`);
    for (const [j, r] of h.revisions.entries()) claim(r.id, `hypotheses[${i}].revisions[${j}].id`);
  });
  bundle.notes.forEach((n, i) => {
    claim(n.id, `notes[${i}].id`);
    for (const [j, r] of n.revisions.entries()) claim(r.id, `notes[${i}].revisions[${j}].id`);
  });
  const experiments = new Set<string>();
  bundle.experiments.forEach((e, i) => {
    claim(e.id, `experiments[${i}].id`);
    if (e.parentId !== null && !experiments.has(e.parentId))
      refuse(
        `experiments[${i}].parentId`,
        `experiments[${i}].parentId: '${e.parentId}' is not an experiment listed before #${e.seq}`,
      );
    if (e.hypothesisId !== null && !bundle.hypotheses.some((h) => h.id === e.hypothesisId))
      refuse(
        `experiments[${i}].hypothesisId`,
        `experiments[${i}].hypothesisId: there is no hypothesis '${e.hypothesisId}' in the bundle`,
      );
    experiments.add(e.id);
  });
  const runs = new Set<string>();
  bundle.runs.forEach((r, i) => {
    claim(r.id, `runs[${i}].id`);
    if (!experiments.has(r.experimentId))
      refuse(
        `runs[${i}].experimentId`,
        `runs[${i}].experimentId: there is no experiment '${r.experimentId}' in the bundle`,
      );
    runs.add(r.id);
  });
  const requireRun = (id: string | null, where: string) => {
    if (id !== null && !runs.has(id)) refuse(where, `${where}: there is no run '${id}' in the bundle`);
  };
  for (const [i, h] of bundle.hypotheses.entries())
    requireRun(h.decidedByRunId, `hypotheses[${i}].decidedByRunId`);
  const ticked = new Map<string, number>();
  bundle.checklist.forEach((c, i) => {
    const earlier = ticked.get(c.itemId);
    if (earlier !== undefined) {
      refuse(
        `checklist[${i}].itemId`,
        `checklist[${i}].itemId: '${c.itemId}' is listed twice (also at checklist[${earlier}])`,
      );
    }
    ticked.set(c.itemId, i);
    if (findChecklistItem(c.itemId)?.rule.id !== c.ruleId)
      refuse(
        `checklist[${i}].itemId`,
        `checklist[${i}].itemId: '${c.itemId}' is not a checklist item of rule ${c.ruleId}`,
      );
    for (const [j, id] of (c.evidence?.runIds ?? []).entries())
      requireRun(id, `checklist[${i}].evidence.runIds[${j}]`);
  });
  for (const [j, id] of (bundle.investigation.resolution?.proofRunIds ?? []).entries()) {
    requireRun(id, `investigation.resolution.proofRunIds[${j}]`);
  }
}

/** The hash of a run's series as the bundle carries them (see run-content.ts), or why they cannot be read. */
function bundleSeriesHash(
  bundle: PeelBundle,
  runId: string,
  derived: ReadonlyMap<string, DerivedRun> | undefined,
  carried: ReadonlyMap<string, CarriedRun> | undefined,
): { hash: string } | { error: string } {
  const index = bundle.runs.findIndex((run) => run.id === runId);
  const run = bundle.runs[index];
  if (!run) return { error: 'it is not in the bundle' };
  if (run.derive) {
    const made = derived?.get(runId);
    // Not re-derived (a check that only reads the chain, such as scoring a drill): the hash it is to be
    // re-derived to, which checkDerivations held against the chain; an import always re-derives.
    return { hash: made ? made.seriesHash : run.derive.seriesHash };
  }
  // Decoded and hashed already (in the bundle check's thread, carried-series.ts), or here.
  const series = carried?.get(runId)?.series ?? carriedRunSeries(bundle, index);
  return 'error' in series ? { error: series.error } : { hash: series.hash };
}

/**
 * The records must say what the events that recorded them say: the chain proves the events, and this holds every
 * record a reader is shown (titles, notes, hypotheses and their decisions, experiments, runs with their numbers,
 * verdicts and series) against the state the events re-derive, so a record edited in the file after export is
 * refused like a tampered event, naming the record and the event. A run carried by `derive` is held against the
 * chain with the content the importer re-derived (`derived`), hashed where it was made.
 */
function checkRecordsAgainstChain(
  bundle: PeelBundle,
  source: string,
  derived: ReadonlyMap<string, DerivedRun> | undefined,
  decoded: ReadonlyMap<string, CarriedRun> | undefined,
): void {
  const state = project(bundle.chain.events);
  const carried = new Map(bundle.runs.flatMap((run) => (run.derive ? [[run.id, run.derive] as const] : [])));
  const mismatch = checkState(state, {
    records: derived ? withDerivedContent(bundle, derived) : bundle,
    seriesHashOf: (runId) => bundleSeriesHash(bundle, runId, derived, decoded),
    detailHashOf: (runId) => {
      const derive = carried.get(runId);
      // A run carried as content: hashed where it was decoded (its events may be left behind there).
      if (!derive) return decoded?.get(runId)?.detailHash;
      return derived?.get(runId)?.detailHash ?? derive.detailHash;
    },
    metricImports: checkedBundleMetricImports(bundle),
  });
  if (mismatch) {
    refuse(
      mismatch.subject,
      `${source}'s records are not what its audit chain recorded: ${mismatch.message}. ${
        carried.has(mismatch.id)
          ? 'Re-running the simulator on the parameters and seed the bundle carries for it does not give what was recorded: the bundle was changed after it was exported (or this simulator differs); nothing was imported.'
          : 'The bundle was changed after it was exported; nothing was imported.'
      }`,
      { eventSeq: mismatch.eventSeq },
    );
  }
}

/**
 * The bundle's records with each carried run's re-derived analysis and plan in place. Its events stay out (null):
 * no check reads them (the detail hash, computed where they were made, covers them) and the import stores the
 * worker's packed text of them as it is (`DerivedRun.detailText`).
 */
export function withDerivedContent(bundle: PeelBundle, derived: ReadonlyMap<string, DerivedRun>): PeelBundle {
  return {
    ...bundle,
    runs: bundle.runs.map((run) => {
      const made = run.derive ? derived.get(run.id) : undefined;
      if (!made) return run;
      return {
        ...run,
        analysis: made.analysis as PeelBundle['runs'][number]['analysis'],
        plan: made.plan as PeelBundle['runs'][number]['plan'],
        events: null,
      };
    }),
  };
}

export interface CheckedBundle {
  bundle: PeelBundle;
  chain: { links: number; events: number };
}

/** A bundle read and checked up to its records: parsed, of the schema, its references and chain verified. */
export interface ReadBundle extends CheckedBundle {
  source: string;
}

/**
 * Parses a bundle's text and verifies all but its records against the chain (runs carried by `derive` are checked
 * to say what the chain recorded of them); throws a PeelError naming the first problem and where it is.
 */
export function readBundleText(
  text: string,
  sha256: (text: string) => string,
  fileName?: string,
): ReadBundle {
  const source = fileName ? `the bundle ${fileName}` : 'the bundle';
  const value = parseJson(text, source);
  checkEnvelope(value, source);
  const bundle = checkSchema(value, source);
  checkReferences(bundle);
  const verdict = verifyExportedChain(bundle.chain, bundle.investigation.id, sha256);
  if (!verdict.ok) {
    refuse(verdict.where, `${source}'s audit chain does not verify: ${verdict.message}`, {
      seq: verdict.seq,
    });
  }
  checkDerivations(bundle, source);
  return {
    bundle,
    source,
    chain: { links: verdict.ok ? verdict.links : 0, events: verdict.ok ? verdict.events : 0 },
  };
}

/**
 * Holds a read bundle's records against its chain, and what it says of its export. `derived` is the content of its
 * runs carried by `derive`, re-derived (derived-runs.ts): an import passes it for every such run. `carried` is the
 * runs carried as content, decoded and hashed already (carried-series.ts, in the check's thread).
 */
export function checkBundleRecords(
  read: ReadBundle,
  derived?: ReadonlyMap<string, DerivedRun>,
  carried?: ReadonlyMap<string, CarriedRun>,
): CheckedBundle {
  const { bundle, source } = read;
  checkRecordsAgainstChain(bundle, source, derived, carried);
  const seal = exportSealOf(bundle.chain.events);
  const sealMismatch = seal && exportSealMismatch(seal, bundle);
  if (sealMismatch) {
    refuse(
      'exportedBy',
      `${source} does not say what its audit chain recorded of its export: ${sealMismatch}. The bundle was changed after it was exported; nothing was imported.`,
      { eventSeq: seal.seq },
    );
  }
  return { bundle, chain: read.chain };
}

/**
 * Parses and verifies a bundle's text; throws a PeelError naming the first problem and where it is. Runs carried
 * by `derive` are checked against the chain by their recorded hashes only: importing re-derives and checks them.
 */
export function checkBundleText(
  text: string,
  sha256: (text: string) => string,
  fileName?: string,
): CheckedBundle {
  return checkBundleRecords(readBundleText(text, sha256, fileName));
}
