// Holds an investigation's records (as the database or a bundle shows them) against the state its chain vouches
// for, and names the first record that disagrees: "run 3: verdict is 'flat' but event #41 recorded 'leak'".
// Everything a screen, an export or an imported bundle shows is checked here or read from the chain itself.
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import type { BundleRecords } from '../exchange/build-bundle';
import { realFactsOf } from '../imports/real-experiments';
import { detailHash } from '../lab/run-content';
import { type ProjectedMetricImport, type ProjectedState, type Recorded, translateIds } from './chain-state';

export interface StateMismatch {
  subject:
    | 'investigation'
    | 'checklist'
    | 'note'
    | 'hypothesis'
    | 'experiment'
    | 'run'
    | 'description'
    | 'metric-import';
  /** The record's id as the checked records spell it. */
  id: string;
  /** The event that recorded the fact, or null when no event recorded the record at all. */
  eventSeq: number | null;
  message: string;
}

/**
 * The hash of a run's series as the records hold them: all of them, only those a lean run keeps on disk ('kept',
 * held to `keptSeriesHash`), or none for a run whose data was discarded ('none'); or why they cannot be read.
 */
export type SeriesHashShown = { hash: string; part?: 'kept' | 'none' } | { error: string };

/** Records to check; series are checked through `seriesHashOf`, so their blobs need not be in `runs`. */
export interface CheckedRecords {
  records: Omit<BundleRecords, 'runs'> & { runs: Omit<BundleRecords['runs'][number], 'series'>[] };
  /** The hash of a run's stored series (see run-content.ts), or why they cannot be read. */
  seriesHashOf(runId: string): SeriesHashShown;
  /**
   * The detail hash of a run whose content was made elsewhere and hashed there (a bundle's re-derived run); for
   * other runs (undefined) it is computed from the record's analysis, plan and events.
   */
  detailHashOf?(runId: string): string | undefined;
  /** What re-derives a lean run's series not on disk (the database's runs): it must be what the chain recorded. */
  derivationOf?(runId: string): { params: unknown; seriesHash: string; detailHash: string } | undefined;
  /** People's descriptions of events, where the records include them (the database does; a bundle does not). */
  descriptions?: { id: string; eventId: string; body: string }[];
  /** Metrics imported from real systems, with the hash of their stored series, where the records include them. */
  metricImports?: (Omit<ProjectedMetricImport, 'seriesHash'> & {
    id: string;
    seriesHash: { hash: string } | { error: string };
  })[];
  /**
   * Ids that records' stored JSON keeps as the exporting database wrote them (a real run's analysis names the
   * imports it was made of; it is bound by its detail hash, so it is never rewritten), mapped to the local ids
   * the events are translated to. Absent when records and events use the same ids.
   */
  storedIds?: ReadonlyMap<string, string>;
  /** The text an import gives a run that was still running when exported (it arrives as failed). */
  unfinishedRunError?: string;
}

const show = (value: unknown): string => {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'object') {
    const text = canonicalJson(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  return String(value);
};

const same = (a: unknown, b: unknown): boolean =>
  a === b ||
  (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null
    ? canonicalJson(a) === canonicalJson(b)
    : false);

const PLURAL = new Set([
  'the parameters',
  'the config overrides',
  "the resolution's proof runs",
  'restarts',
  'OOMs',
  'full GCs',
]);

class Mismatch extends Error {
  constructor(readonly found: StateMismatch) {
    super(found.message);
  }
}

function differs(
  subject: StateMismatch['subject'],
  id: string,
  label: string,
  field: string,
  shown: unknown,
  recorded: Recorded<unknown> | null,
): void {
  if (recorded === null) return;
  if (same(shown, recorded.value)) return;
  throw new Mismatch({
    subject,
    id,
    eventSeq: recorded.seq,
    message: `${label}: ${field} ${PLURAL.has(field) ? 'are' : 'is'} ${show(shown)} but event #${recorded.seq} recorded ${show(recorded.value)}`,
  });
}

function unrecorded(subject: StateMismatch['subject'], id: string, label: string, what: string): never {
  throw new Mismatch({ subject, id, eventSeq: null, message: `${label}: ${what}` });
}

function missing(subject: StateMismatch['subject'], id: string, seq: number, what: string): never {
  throw new Mismatch({ subject, id, eventSeq: seq, message: `${what} recorded by event #${seq} is missing` });
}

/** The first record that disagrees with `state`, or null when every record shown is what the chain recorded. */
export function checkState(state: ProjectedState, checked: CheckedRecords): StateMismatch | null {
  try {
    checkInvestigation(state, checked);
    checkChecklist(state, checked);
    checkNotes(state, checked);
    checkHypotheses(state, checked);
    checkExperiments(state, checked);
    checkRuns(state, checked);
    checkDescriptions(state, checked);
    checkMetricImports(state, checked);
    return null;
  } catch (error) {
    if (error instanceof Mismatch) return error.found;
    throw error;
  }
}

function checkInvestigation(state: ProjectedState, { records }: CheckedRecords): void {
  const inv = records.investigation;
  const p = state.investigation;
  const label = 'the investigation';
  if (!p.title) unrecorded('investigation', inv.id, label, 'no event records its creation');
  differs('investigation', inv.id, label, 'the title', inv.title, p.title);
  differs('investigation', inv.id, label, 'the summary', inv.summary, p.summary);
  differs('investigation', inv.id, label, 'the start time', inv.startedAt, p.startedAt);
  differs('investigation', inv.id, label, 'the scenario', inv.scenarioId, p.scenarioId);
  differs(
    'investigation',
    inv.id,
    label,
    'the config overrides',
    canonicalJson(inv.configOverrides),
    p.configOverrides,
  );
  const resolved = p.resolution.value !== null;
  differs('investigation', inv.id, label, 'the status', inv.status, {
    value: resolved ? 'resolved' : 'open',
    seq: p.resolution.seq,
  });
  if (resolved && inv.resolution) {
    differs('investigation', inv.id, label, 'the resolution', inv.resolution.reason, {
      value: p.resolution.value!.reason,
      seq: p.resolution.seq,
    });
    differs('investigation', inv.id, label, "the resolution's proof runs", inv.resolution.proofRunIds, {
      value: p.resolution.value!.proofRunIds,
      seq: p.resolution.seq,
    });
  }
}

function checkChecklist(state: ProjectedState, { records }: CheckedRecords): void {
  const seen = new Set<string>();
  for (const entry of records.checklist) {
    seen.add(entry.itemId);
    const label = `checklist item '${entry.itemId}'`;
    const recorded = state.checklist.get(entry.itemId);
    if (!recorded) {
      if (entry.ticked) unrecorded('checklist', entry.itemId, label, 'it is ticked but no event ticked it');
      continue;
    }
    differs('checklist', entry.itemId, label, 'ticked', entry.ticked, recorded);
  }
  for (const [itemId, recorded] of state.checklist) {
    if (recorded.value && !seen.has(itemId))
      missing('checklist', itemId, recorded.seq, `the tick of '${itemId}'`);
  }
}

function checkNotes(state: ProjectedState, { records }: CheckedRecords): void {
  const seen = new Set<string>();
  for (const note of records.notes) {
    for (const revision of note.revisions) {
      seen.add(revision.id);
      const label = `note ${note.id.slice(0, 8)} (revision ${revision.id.slice(0, 8)})`;
      const recorded = state.notes.get(revision.id);
      if (!recorded) unrecorded('note', revision.id, label, 'no event recorded this text');
      const at = (value: unknown): Recorded<unknown> => ({ value, seq: recorded.seq });
      differs('note', revision.id, label, 'the text', revision.body, at(recorded.value.body));
      differs('note', revision.id, label, 'the note it belongs to', note.id, at(recorded.value.noteId));
      differs(
        'note',
        revision.id,
        label,
        'the revision it corrects',
        revision.correctsId,
        at(recorded.value.correctsId),
      );
    }
  }
  for (const [id, recorded] of state.notes) {
    if (!seen.has(id)) missing('note', id, recorded.seq, `the note text (revision ${id.slice(0, 8)})`);
  }
}

function checkHypotheses(state: ProjectedState, { records }: CheckedRecords): void {
  const seen = new Set<string>();
  for (const h of records.hypotheses) {
    seen.add(h.id);
    const label = `hypothesis ${show(h.statement)}`;
    const recorded = state.hypotheses.get(h.id);
    if (!recorded) unrecorded('hypothesis', h.id, label, 'no event recorded it');
    differs('hypothesis', h.id, label, 'the statement', h.statement, recorded.statement);
    differs('hypothesis', h.id, label, 'the predicted effect', h.predicts, recorded.predicts);
    differs('hypothesis', h.id, label, 'the status', h.status, recorded.status);
    differs('hypothesis', h.id, label, 'the reason', h.reason, recorded.reason);
    differs('hypothesis', h.id, label, 'the deciding run', h.decidedByRunId, recorded.decidedByRunId);
    const revisionIds = new Set<string>();
    for (const revision of h.revisions) {
      revisionIds.add(revision.id);
      const r = recorded.revisions.get(revision.id);
      if (!r)
        unrecorded('hypothesis', h.id, label, `no event recorded the correction ${show(revision.statement)}`);
      differs('hypothesis', h.id, label, 'a corrected statement', revision.statement, {
        value: r.value.statement,
        seq: r.seq,
      });
    }
    for (const [revisionId, r] of recorded.revisions) {
      if (!revisionIds.has(revisionId)) missing('hypothesis', h.id, r.seq, `the correction of ${label}`);
    }
  }
  for (const [id, recorded] of state.hypotheses) {
    if (!seen.has(id))
      missing('hypothesis', id, recorded.statement.seq, `the hypothesis ${show(recorded.statement.value)}`);
  }
}

function checkExperiments(state: ProjectedState, { records }: CheckedRecords): void {
  const seen = new Set<string>();
  for (const e of records.experiments) {
    seen.add(e.id);
    const label = `experiment #${e.seq}`;
    const recorded = state.experiments.get(e.id);
    if (!recorded) unrecorded('experiment', e.id, label, 'no event recorded it');
    const field = (name: string) => ({ value: recorded.value[name] ?? null, seq: recorded.seq });
    differs('experiment', e.id, label, 'its number', e.seq, field('seq'));
    differs('experiment', e.id, label, 'its parent', e.parentId, field('parentId'));
    differs('experiment', e.id, label, 'the label', e.label, field('label'));
    differs('experiment', e.id, label, 'the change from its parent', e.diff, field('diff'));
    differs(
      'experiment',
      e.id,
      label,
      'the multi-change confirmation',
      e.multiChangeConfirmed,
      field('multiChangeConfirmed'),
    );
    differs('experiment', e.id, label, 'the hypothesis it tests', e.hypothesisId, field('hypothesisId'));
    differs('experiment', e.id, label, 'the parameters', e.params, field('params'));
  }
  for (const [id, recorded] of state.experiments) {
    if (!seen.has(id)) missing('experiment', id, recorded.seq, `experiment #${String(recorded.value.seq)}`);
  }
}

/** Fields of `run.completed` and of `verdict.recorded` that a run's row shows. */
const COMPLETED_FIELDS = [
  'durationSec',
  'restarts',
  'ooms',
  'fullGcs',
  'peakDirectBytes',
  'peakRssBytes',
  'summary',
] as const;
const VERDICT_FIELDS = ['verdict', 'retainedBytesPerRestart'] as const;
const FIELD_NAMES: Record<string, string> = {
  durationSec: 'the duration',
  restarts: 'restarts',
  ooms: 'OOMs',
  fullGcs: 'full GCs',
  peakDirectBytes: 'the peak direct memory',
  peakRssBytes: 'the peak resident memory',
  summary: 'the summary',
  verdict: 'verdict',
  retainedBytesPerRestart: 'the memory retained per restart',
};

function checkRuns(state: ProjectedState, checked: CheckedRecords): void {
  const seen = new Set<string>();
  for (const run of checked.records.runs) {
    seen.add(run.id);
    const label = `run ${run.seq}`;
    const recorded = state.runs.get(run.id);
    if (!recorded) unrecorded('run', run.id, label, 'no event recorded it');
    differs('run', run.id, label, 'its number', run.seq, recorded.seq);
    differs('run', run.id, label, 'its experiment', run.experimentId, recorded.experimentId);
    const arrivedUnfinished =
      recorded.status.value === 'running' &&
      run.status === 'failed' &&
      checked.unfinishedRunError !== undefined &&
      run.error === checked.unfinishedRunError;
    if (!arrivedUnfinished) differs('run', run.id, label, 'the status', run.status, recorded.status);
    if (run.status !== 'completed') continue;
    const row = run as unknown as Record<string, unknown>;
    for (const name of COMPLETED_FIELDS) {
      const value = recorded.numbers?.value[name];
      if (value === undefined) continue;
      differs('run', run.id, label, FIELD_NAMES[name]!, row[name], { value, seq: recorded.numbers!.seq });
    }
    for (const name of VERDICT_FIELDS) {
      const value = recorded.verdict?.value[name];
      if (value === undefined) continue;
      differs('run', run.id, label, FIELD_NAMES[name]!, row[name], { value, seq: recorded.verdict!.seq });
    }
    // A run whose data the user discarded (recorded in the chain) has no plan or events left to check.
    const discardedDetail = recorded.discarded !== null && run.plan === null && run.events === null;
    if (recorded.detailHash && !discardedDetail) {
      const shown =
        checked.detailHashOf?.(run.id) ??
        detailHash({ analysis: run.analysis, topology: run.plan, events: run.events });
      if (shown !== recorded.detailHash.value) {
        throw new Mismatch({
          subject: 'run',
          id: run.id,
          eventSeq: recorded.detailHash.seq,
          message: `${label}: its analysis, job plan or events are not what event #${recorded.detailHash.seq} recorded (content hash ${shown.slice(0, 12)}… instead of ${recorded.detailHash.value.slice(0, 12)}…)`,
        });
      }
    }
    const derivation = checked.derivationOf?.(run.id);
    if (derivation) {
      const wrong =
        recorded.params && canonicalJson(derivation.params) !== recorded.params.value
          ? { what: 'the parameters it is re-derived from', seq: recorded.params.seq }
          : recorded.seriesHash && derivation.seriesHash !== recorded.seriesHash.value
            ? { what: 'the series hash its re-derived series are held to', seq: recorded.seriesHash.seq }
            : recorded.detailHash && derivation.detailHash !== recorded.detailHash.value
              ? { what: 'the detail hash its re-derived detail is held to', seq: recorded.detailHash.seq }
              : null;
      if (wrong) {
        throw new Mismatch({
          subject: 'run',
          id: run.id,
          eventSeq: wrong.seq,
          message: `${label}: ${wrong.what} is not what event #${wrong.seq} recorded`,
        });
      }
    }
    const stored = realFactsOf(run.analysis);
    const real = stored && checked.storedIds ? translateIds({ ...stored }, checked.storedIds) : stored;
    if (real || recorded.real) {
      differs(
        'run',
        run.id,
        label,
        'what was done on the real system',
        real,
        recorded.real ?? { value: null, seq: 0 },
      );
    }
    if (recorded.seriesHash) {
      const shown = checked.seriesHashOf(run.id);
      if ('error' in shown) {
        throw new Mismatch({
          subject: 'run',
          id: run.id,
          eventSeq: recorded.seriesHash.seq,
          message: `${label}: ${shown.error}`,
        });
      }
      const expected =
        shown.part === 'kept'
          ? recorded.keptSeriesHash
          : shown.part === 'none'
            ? recorded.discarded && { value: shown.hash, seq: recorded.discarded.seq }
            : recorded.seriesHash;
      if (!expected) {
        throw new Mismatch({
          subject: 'run',
          id: run.id,
          eventSeq: recorded.seriesHash.seq,
          message:
            shown.part === 'kept'
              ? `${label}: only part of its series is stored, but event #${recorded.seriesHash.seq} recorded no hash of that part`
              : `${label}: its data was discarded, but no event recorded that`,
        });
      }
      if (shown.hash !== expected.value) {
        throw new Mismatch({
          subject: 'run',
          id: run.id,
          eventSeq: recorded.seriesHash.seq,
          message: `${label}: its series are not what event #${expected.seq} recorded (content hash ${shown.hash.slice(0, 12)}… instead of ${expected.value.slice(0, 12)}…)`,
        });
      }
    }
  }
  for (const [id, recorded] of state.runs) {
    if (!seen.has(id)) missing('run', id, recorded.seq.seq, `run ${recorded.seq.value}`);
  }
}

function checkDescriptions(state: ProjectedState, checked: CheckedRecords): void {
  if (!checked.descriptions) return;
  const seen = new Set<string>();
  for (const d of checked.descriptions) {
    seen.add(d.id);
    const label = `the description of event ${d.eventId.slice(0, 8)}`;
    const recorded = state.descriptions.get(d.id);
    if (!recorded) unrecorded('description', d.id, label, 'no event recorded this text');
    differs('description', d.id, label, 'the text', d.body, {
      value: recorded.value.body,
      seq: recorded.seq,
    });
    differs('description', d.id, label, 'the event it describes', d.eventId, {
      value: recorded.value.eventId,
      seq: recorded.seq,
    });
  }
  for (const [id, recorded] of state.descriptions) {
    if (!seen.has(id)) missing('description', id, recorded.seq, 'a description of an event');
  }
}

const IMPORT_FIELDS = [
  ['seq', 'its number'],
  ['source', 'the source'],
  ['origin', 'the origin'],
  ['format', 'the format'],
  ['contentSha256', 'the content hash'],
  ['bytes', 'the size read'],
] as const;

function checkMetricImports(state: ProjectedState, checked: CheckedRecords): void {
  if (!checked.metricImports) return;
  const seen = new Set<string>();
  for (const imported of checked.metricImports) {
    seen.add(imported.id);
    const label = `metric import #${imported.seq}`;
    const recorded = state.metricImports.get(imported.id);
    if (!recorded) unrecorded('metric-import', imported.id, label, 'no event recorded it');
    for (const [field, name] of IMPORT_FIELDS) {
      differs('metric-import', imported.id, label, name, imported[field], {
        value: recorded.value[field],
        seq: recorded.seq,
      });
    }
    const shown = imported.seriesHash;
    if ('error' in shown) {
      throw new Mismatch({
        subject: 'metric-import',
        id: imported.id,
        eventSeq: recorded.seq,
        message: `${label}: ${shown.error}`,
      });
    }
    if (shown.hash !== recorded.value.seriesHash) {
      throw new Mismatch({
        subject: 'metric-import',
        id: imported.id,
        eventSeq: recorded.seq,
        message: `${label}: its series are not what event #${recorded.seq} recorded (content hash ${shown.hash.slice(0, 12)}… instead of ${recorded.value.seriesHash.slice(0, 12)}…)`,
      });
    }
  }
  for (const [id, recorded] of state.metricImports) {
    if (!seen.has(id)) missing('metric-import', id, recorded.seq, `metric import #${recorded.value.seq}`);
  }
}
