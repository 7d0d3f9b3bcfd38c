// The state an investigation's chain vouches for, re-derived from its events alone: what each record must say if
// the database (or a bundle) shows only what was recorded. state-check.ts holds the records against it.
import { canonicalJson } from '../../../../shared/domain/canonical-json';

/** An audit event as the projection reads it (ids as they appear in the records being checked). */
export interface ChainEventView {
  seq: number;
  kind: string;
  at: number;
  actor: string;
  payload: Record<string, unknown>;
}

/** Where a fact came from: the event that recorded it. */
export interface Recorded<T> {
  value: T;
  seq: number;
}

export interface ProjectedRun {
  seq: Recorded<number>;
  experimentId: Recorded<string>;
  params: Recorded<string> | null;
  status: Recorded<'running' | 'completed' | 'cancelled' | 'failed'>;
  numbers: Recorded<Record<string, unknown>> | null;
  verdict: Recorded<Record<string, unknown>> | null;
  seriesHash: Recorded<string> | null;
  /** A lean run's: the hash of the series it keeps on disk. */
  keptSeriesHash: Recorded<string> | null;
  /** Set when the user discarded the run's data: nothing of its content is on disk to check. */
  discarded: Recorded<true> | null;
  detailHash: Recorded<string> | null;
  /** A real experiment's run: what was done, when, and the imports it was made of (`experiment.real-logged`). */
  real: Recorded<Record<string, unknown>> | null;
}

/** Metrics imported from a real system, as `metrics.imported` recorded them. */
export interface ProjectedMetricImport {
  seq: number;
  source: string;
  origin: string;
  format: string;
  contentSha256: string;
  bytes: number;
  seriesHash: string;
}

export interface ProjectedHypothesis {
  statement: Recorded<string>;
  predicts: Recorded<unknown>;
  status: Recorded<string>;
  reason: Recorded<unknown>;
  decidedByRunId: Recorded<unknown>;
  /** Corrections by revision id: the statement each set and the revision it corrects. */
  revisions: Map<string, Recorded<{ statement: string; correctsId: string | null }>>;
}

export interface ProjectedState {
  investigation: {
    title: Recorded<string> | null;
    summary: Recorded<string> | null;
    startedAt: Recorded<number> | null;
    scenarioId: Recorded<string | null>;
    configOverrides: Recorded<string>;
    resolution: Recorded<{ reason: string; proofRunIds: string[] } | null>;
  };
  checklist: Map<string, Recorded<boolean>>;
  /** Note revisions by revision id. */
  notes: Map<string, Recorded<{ noteId: string; body: string; correctsId: string | null }>>;
  hypotheses: Map<string, ProjectedHypothesis>;
  experiments: Map<string, Recorded<Record<string, unknown>>>;
  runs: Map<string, ProjectedRun>;
  /** People's descriptions of events, by description id. */
  descriptions: Map<string, Recorded<{ eventId: string; body: string }>>;
  metricImports: Map<string, Recorded<ProjectedMetricImport>>;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function emptyProjection(): ProjectedState {
  return {
    investigation: {
      title: null,
      summary: null,
      startedAt: null,
      scenarioId: { value: null, seq: 0 },
      configOverrides: { value: '{}', seq: 0 },
      resolution: { value: null, seq: 0 },
    },
    checklist: new Map(),
    notes: new Map(),
    hypotheses: new Map(),
    experiments: new Map(),
    runs: new Map(),
    descriptions: new Map(),
    metricImports: new Map(),
  };
}

/** Applies `events` (in seq order) to `state`. Events of kinds that change no record shown are skipped. */
export function project(
  events: Iterable<ChainEventView>,
  state: ProjectedState = emptyProjection(),
): ProjectedState {
  for (const event of events) apply(state, event);
  return state;
}

function apply(state: ProjectedState, event: ChainEventView): void {
  const { seq, payload: p } = event;
  const at = <T>(value: T): Recorded<T> => ({ value, seq });
  const inv = state.investigation;
  switch (event.kind) {
    case 'investigation.created':
      inv.title = at(String(p.title));
      inv.summary = at(String(p.summary));
      inv.startedAt = at(Number(p.startedAt));
      return;
    case 'investigation.continued':
      // A branch: a new open investigation under its own title, carrying the records of the one it continues.
      inv.title = at(String(p.title));
      inv.resolution = at(null);
      return;
    case 'investigation.scenario-chosen':
      inv.scenarioId = at(str(p.scenarioId));
      return;
    case 'investigation.config-edited':
      inv.configOverrides = at(canonicalJson(p.after ?? {}));
      return;
    case 'resolution.marked':
      inv.resolution = at({
        reason: String(p.reason),
        proofRunIds: Array.isArray(p.proofRunIds) ? p.proofRunIds.map(String) : [],
      });
      return;
    case 'checklist.ticked':
    case 'checklist.unticked':
      state.checklist.set(String(p.itemId), at(event.kind === 'checklist.ticked'));
      return;
    case 'note.added':
    case 'note.corrected':
      // An event that names no revision vouches for no record (and cannot be matched to one).
      if (typeof p.revisionId !== 'string') return;
      state.notes.set(
        String(p.revisionId),
        at({ noteId: String(p.noteId), body: String(p.body), correctsId: str(p.correctsRevisionId) }),
      );
      return;
    case 'hypothesis.added':
      state.hypotheses.set(String(p.hypothesisId), {
        statement: at(String(p.statement)),
        predicts: at(p.predicts ?? null),
        status: at('open'),
        reason: at(null),
        decidedByRunId: at(null),
        revisions: new Map(),
      });
      return;
    case 'hypothesis.corrected': {
      const h = state.hypotheses.get(String(p.hypothesisId));
      h?.revisions.set(
        String(p.revisionId),
        at({ statement: String(p.statement), correctsId: str(p.correctsRevisionId) }),
      );
      return;
    }
    case 'hypothesis.status-changed': {
      const h = state.hypotheses.get(String(p.hypothesisId));
      if (!h) return;
      h.status = at(String(p.to));
      h.reason = at(p.reason ?? null);
      h.decidedByRunId = at(p.decidedByRunId ?? null);
      return;
    }
    case 'experiment.created':
      state.experiments.set(
        String(p.experimentId),
        at({
          seq: p.seq,
          parentId: p.parentId ?? null,
          label: p.label,
          diff: p.diff,
          multiChangeConfirmed: p.multiChangeConfirmed,
          hypothesisId: p.hypothesisId ?? null,
          params: p.params,
        }),
      );
      return;
    case 'run.started':
      state.runs.set(String(p.runId), {
        seq: at(Number(p.seq)),
        experimentId: at(String(p.experimentId)),
        params: p.params === undefined ? null : at(canonicalJson(p.params)),
        status: at('running'),
        numbers: null,
        verdict: null,
        seriesHash: null,
        keptSeriesHash: null,
        discarded: null,
        detailHash: null,
        real: null,
      });
      return;
    case 'run.completed': {
      const run = state.runs.get(String(p.runId));
      if (!run) return;
      run.status = at('completed');
      run.numbers = at(p);
      run.seriesHash = typeof p.seriesHash === 'string' ? at(p.seriesHash) : null;
      run.detailHash = typeof p.detailHash === 'string' ? at(p.detailHash) : null;
      run.keptSeriesHash = typeof p.keptSeriesHash === 'string' ? at(p.keptSeriesHash) : null;
      return;
    }
    case 'run.data-discarded': {
      const run = state.runs.get(String(p.runId));
      if (run) run.discarded = at(true as const);
      return;
    }
    case 'run.cancelled':
    case 'run.failed': {
      const run = state.runs.get(String(p.runId));
      if (run) run.status = at(event.kind === 'run.cancelled' ? 'cancelled' : 'failed');
      return;
    }
    case 'verdict.recorded': {
      const run = state.runs.get(String(p.runId));
      if (run) run.verdict = at(p);
      return;
    }
    case 'experiment.real-logged': {
      const run = state.runs.get(String(p.runId));
      if (run) {
        run.real = at({
          description: p.description,
          doneAt: p.doneAt,
          originSec: p.originSec,
          restartsFrom: p.restartsFrom,
          restartsSec: p.restartsSec,
          sources: p.sources,
        });
      }
      return;
    }
    case 'metrics.imported':
      state.metricImports.set(
        String(p.importId),
        at({
          seq: Number(p.seq),
          source: String(p.source),
          origin: String(p.origin),
          format: String(p.format),
          contentSha256: String(p.contentSha256),
          bytes: Number(p.bytes),
          seriesHash: String(p.seriesHash),
        }),
      );
      return;
    case 'event.described':
      state.descriptions.set(
        String(p.descriptionId),
        at({ eventId: String(p.eventId), body: String(p.body) }),
      );
      return;
    default:
      return;
  }
}

/**
 * Rewrites every id in an event's payload through `map` (a string value equal to a key is replaced): an imported
 * investigation's records carry local ids, its chain the exporter's.
 */
export function translateIds(
  payload: Record<string, unknown>,
  map: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return map.get(value) ?? value;
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = walk(inner);
      return out;
    }
    return value;
  };
  return walk(payload) as Record<string, unknown>;
}
