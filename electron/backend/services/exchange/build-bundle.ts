// Builds the JSON bundle of an investigation from the store: its records exactly as stored (series as base64 of
// their blobs), the hand-over summary, and the database chain from genesis to the head, with this investigation's
// events in full and every other event as a hash-only link.
import type { Investigation } from '../../../../shared/contract/entities';
import { PeelError } from '../../../../shared/contract/errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_ID,
  BUNDLE_VERSION,
  type BundleRunDerivation,
  type PeelBundle,
  SERIES_ENCODING,
} from '../../../../shared/contract/peel-bundle';
import { CHAIN_FORMAT_VERSION, GENESIS_HASH } from '../../../../shared/domain/audit-chain';
import type { ChainHead } from '../../../../shared/report/report-model';
import { verifySentence } from '../../../../shared/report/report-text';
import { SIMULATOR_VERSION } from '../../../../shared/sim/simulator-version';
import type { AuditRow } from '../../store/audit-rows';
import { seriesColumns } from '../../store/runs-store';
import type { ServiceContext } from '../context';
import { labState } from '../lab/lab-state';
import { bundleMetricImports } from './bundle-metric-imports';
import { derivationFold } from './derived-runs';
import { exportSealOf } from './export-seal';
import { buildHandover } from './handover';
import { LazyJsonArray } from './json-stream';
import { nextTurn } from './next-turn';
import type { ExportMeta } from './report-data';

type Bundle = PeelBundle;

function notesOf(ctx: Pick<ServiceContext, 'store'>, investigationId: string): Bundle['notes'] {
  const notes = new Map<string, Bundle['notes'][number]>();
  for (const revision of ctx.store.bundles.noteRevisions(investigationId)) {
    const entry = {
      id: revision.id,
      body: revision.body,
      createdAt: revision.createdAt,
      createdBy: revision.createdBy,
      correctsId: revision.correctsId,
    };
    const note = notes.get(revision.noteId);
    if (note) note.revisions.push(entry);
    else
      notes.set(revision.noteId, {
        id: revision.noteId,
        ruleId: revision.ruleId,
        revisions: [entry],
      });
  }
  return [...notes.values()];
}

function hypothesesOf(ctx: Pick<ServiceContext, 'store'>, investigationId: string): Bundle['hypotheses'] {
  return ctx.store.hypotheses.listForInvestigation(investigationId).map((h) => {
    // history[0] is the statement as first written; each later entry corrects the one before it.
    const [original, ...corrections] = h.history;
    return {
      id: h.id,
      statement: original?.statement ?? h.statement,
      revisions: corrections.map((revision, i) => ({
        id: revision.id,
        statement: revision.statement,
        createdAt: revision.createdAt,
        createdBy: revision.createdBy,
        correctsId: i === 0 ? null : corrections[i - 1]!.id,
      })),
      ruleId: h.ruleId,
      status: h.status,
      reason: h.reason,
      predicts: h.predicts,
      decidedByRunId: h.decidedByRunId,
      decidedAutomatically: h.decidedAutomatically,
      createdAt: h.createdAt,
      createdBy: h.createdBy,
      updatedAt: h.updatedAt,
    };
  });
}

function runsOf(
  ctx: Pick<ServiceContext, 'store'>,
  investigationId: string,
  withSeries: boolean,
  derivations: ReadonlyMap<string, BundleRunDerivation> | null,
): Bundle['runs'] {
  // From the database itself, not the lists kept for the lab: what verify and exports vouch for is what is on disk.
  return ctx.store.runs.listForInvestigationFromDisk(investigationId).map((summary) => {
    const derive =
      summary.status === 'completed' && derivations
        ? (derivations.get(summary.id) ?? storedDerivation(ctx, summary.id))
        : undefined;
    // An export (derivations given) must carry every run whole or by derive; a copy (a branch) takes what is stored.
    if (derivations && !derive && withSeries) requireWhole(ctx, summary);
    // A run carried by what re-derives it needs none of its stored content read (the plan and events unpacked).
    const run = derive ? summary : ctx.store.runs.get(summary.id, true)!;
    return {
      id: run.id,
      experimentId: run.experimentId,
      seq: run.seq,
      status: run.status,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      startedBy: run.startedBy,
      durationSec: run.durationSec,
      verdict: run.verdict,
      retainedBytesPerRestart: run.retainedBytesPerRestart,
      restarts: run.restarts,
      ooms: run.ooms,
      fullGcs: run.fullGcs,
      peakDirectBytes: run.peakDirectBytes,
      peakRssBytes: run.peakRssBytes,
      summary: run.summary,
      error: run.error,
      analysis: derive ? null : ((run.analysis as Record<string, unknown> | null) ?? null),
      plan: derive ? null : ((run.topology as Record<string, unknown> | null) ?? null),
      events: derive ? null : ((run.events as Record<string, unknown>[] | null) ?? null),
      series: (withSeries && !derive ? ctx.store.runs.seriesBlobs(run.id) : []).map((series) => ({
        ...seriesColumns(series),
        encoding: SERIES_ENCODING,
        data: series.data.toString('base64'),
      })),
      ...(derive ? { derive } : {}),
    };
  });
}

/**
 * A lean run whose completion is not in this investigation's own chain (a branch carries runs recorded by the
 * chain it continues) travels by what the database re-derives it from, when this Peel's simulator can.
 */
function storedDerivation(
  ctx: Pick<ServiceContext, 'store'>,
  runId: string,
): BundleRunDerivation | undefined {
  const derivation = ctx.store.runs.derivation(runId);
  if (!derivation || derivation.simulator !== SIMULATOR_VERSION) return undefined;
  return {
    simulator: derivation.simulator,
    params: derivation.params,
    seriesHash: derivation.seriesHash,
    detailHash: derivation.detailHash,
  };
}

/**
 * A run carried with its content must hold all of it: a lean run (or one whose data was discarded) that cannot
 * travel as its parameters (another simulator recorded it) cannot be exported whole by this Peel.
 */
function requireWhole(ctx: Pick<ServiceContext, 'store'>, run: { id: string; seq: number }): void {
  const derivation = ctx.store.runs.derivation(run.id);
  if (!derivation) return;
  throw new PeelError(
    'conflict',
    `exports: run #${run.seq} keeps only part of its series on disk and was simulated by simulator '${derivation.simulator}', not this Peel's '${SIMULATOR_VERSION}': it cannot be re-derived here, so the bundle cannot carry it. Export it with a Peel of that simulator.`,
    { runId: run.id, simulator: derivation.simulator },
  );
}

/** Events and links read per page when the bundle is written: a page is about this many rows. */
export const CHAIN_PAGE = 2_000;

type ChainEvent = Bundle['chain']['events'][number];
type ChainLink = Bundle['chain']['links'][number];

/** The bundle's chain, its events and links read a page at a time (up to the head) as the JSON is written. */
export type StreamedChain = Omit<Bundle['chain'], 'events' | 'links'> & {
  events: LazyJsonArray<ChainEvent>;
  links: LazyJsonArray<ChainLink>;
};
export type StreamedBundle = Omit<PeelBundle, 'chain'> & { chain: StreamedChain };

function chainEventOf(row: AuditRow): ChainEvent {
  return {
    seq: row.seq,
    id: row.id,
    investigationId: row.investigation_id,
    at: row.at,
    actor: row.actor,
    kind: row.kind,
    ruleId: row.rule_id as ChainEvent['ruleId'],
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function chainOf(ctx: ServiceContext, investigationId: string, head: ChainHead): StreamedChain {
  const store = ctx.store.bundles;
  // Events up to the head are never changed or removed (triggers refuse it), so pages read later, between other
  // requests, are the events as they were when the head was read.
  const events = new LazyJsonArray<ChainEvent>(async function* () {
    for (let after = 0; ; ) {
      const page = store.eventTuplesPage(investigationId, after, head.count, CHAIN_PAGE);
      if (page.length === 0) return;
      after = page[page.length - 1]![0];
      yield page.map(
        ([seq, id, investigation, at, actor, kind, ruleId, payload, prevHash, hash]): ChainEvent => ({
          seq,
          id,
          investigationId: investigation,
          at,
          actor,
          kind,
          ruleId: ruleId as ChainEvent['ruleId'],
          payload: JSON.parse(payload) as Record<string, unknown>,
          prevHash,
          hash,
        }),
      );
      await nextTurn();
    }
  });
  const links = new LazyJsonArray<ChainLink>(async function* () {
    for (let after = 0; ; ) {
      const page = store.otherLinksPage(investigationId, after, head.count, CHAIN_PAGE * 5);
      if (page.length === 0) return;
      after = page[page.length - 1]![0];
      yield page.map(([seq, prevHash, hash]) => ({ seq, prevHash, hash }));
      await nextTurn();
    }
  });
  return { format: CHAIN_FORMAT_VERSION, genesis: GENESIS_HASH, events, links, head };
}

/** The kinds of event that say which runs a bundle may carry as what re-derives them (see derived-runs.ts). */
const DERIVATION_KINDS = ['drill.started', 'run.started', 'run.completed', 'experiment.real-logged'];

/** Which runs travel as their parameters, folded over the events read so far (up to `seq`). */
export interface DerivationPass {
  fold: ReturnType<typeof derivationFold>;
  seq: number;
}

/** Folds one page of derivation events after `pass.seq` up to `headSeq`; true once the pass has reached it. */
function foldDerivationPage(
  ctx: ServiceContext,
  investigationId: string,
  pass: DerivationPass,
  headSeq: number,
): boolean {
  const page = ctx.store.bundles.eventsOfKindsPage(
    investigationId,
    pass.seq,
    headSeq,
    DERIVATION_KINDS,
    CHAIN_PAGE,
  );
  for (const row of page) pass.fold.add(chainEventOf(row));
  const done = page.length < CHAIN_PAGE;
  pass.seq = done ? headSeq : page[page.length - 1]!.seq;
  return done;
}

function foldDerivations(
  ctx: ServiceContext,
  investigationId: string,
  pass: DerivationPass,
  headSeq: number,
) {
  while (!foldDerivationPage(ctx, investigationId, pass, headSeq));
}

/**
 * The first, cheap pass of a bundle export over the few kinds of event that decide which runs travel as their
 * parameters, read in pages up to today's head with the event loop free between them, before the bundle's one
 * transaction: buildBundle then reads only the events recorded since.
 */
export async function derivationPass(ctx: ServiceContext, investigationId: string): Promise<DerivationPass> {
  const headSeq = ctx.store.audit.head().seq;
  const pass: DerivationPass = { fold: derivationFold(), seq: 0 };
  while (!foldDerivationPage(ctx, investigationId, pass, headSeq)) await nextTurn();
  return pass;
}

/** The investigation's records as a bundle holds them: what an import recreates and a branch carries over. */
export type BundleRecords = Pick<
  PeelBundle,
  'investigation' | 'checklist' | 'notes' | 'hypotheses' | 'experiments' | 'runs'
>;

/**
 * `series: false` leaves every run's series out (a check that reads them apart, from the store); `derive` names
 * the runs to carry as what re-derives them (bundle version 2, see derived-runs.ts) instead of their content.
 */
export function bundleRecords(
  ctx: Pick<ServiceContext, 'store'>,
  investigation: Investigation,
  options: { series?: boolean; derive?: ReadonlyMap<string, BundleRunDerivation> } = {},
): BundleRecords {
  const id = investigation.id;
  const lab = ctx.store.investigations.lab(id)!;
  return {
    investigation: {
      id,
      title: investigation.title,
      summary: investigation.summary,
      startedAt: investigation.startedAt,
      createdAt: investigation.createdAt,
      createdBy: investigation.createdBy,
      updatedAt: investigation.updatedAt,
      status: investigation.status,
      scenarioId: investigation.scenarioId,
      configOverrides: lab.configOverrides,
      preflight: lab.preflight,
      resolution: lab.resolution,
    },
    checklist: ctx.store.bundles.checklist(id).map((row) => ({
      itemId: row.itemId,
      ruleId: row.ruleId,
      ticked: row.ticked,
      at: row.at,
      by: row.by,
      evidence: bundleEvidence(row.evidence),
    })),
    notes: notesOf(ctx, id),
    hypotheses: hypothesesOf(ctx, id),
    experiments: ctx.store.experiments.listForInvestigation(id).map((e) => ({
      id: e.id,
      seq: e.seq,
      parentId: e.parentId,
      label: e.label,
      params: e.params,
      diff: e.diff,
      multiChangeConfirmed: e.multiChangeConfirmed,
      hypothesisId: e.hypothesisId,
      createdAt: e.createdAt,
      createdBy: e.createdBy,
    })),
    runs: runsOf(ctx, id, options.series ?? true, options.derive ?? null),
  };
}

/**
 * The bundle of an investigation at `head`: everything but the chain's events and links read now (call it in the
 * transaction that read the head); those are read a page at a time when the bundle is written (streamJson).
 */
export function buildBundle(
  ctx: ServiceContext,
  investigation: Investigation,
  meta: ExportMeta,
  head: ChainHead,
  /** A derivation pass already made up to some earlier head (derivationPass); the events since are folded in. */
  pass: DerivationPass = { fold: derivationFold(), seq: 0 },
): StreamedBundle {
  const state = labState(ctx, investigation.id);
  const runSeqs = new Map(state.experiments.flatMap((e) => e.runs.map((run) => [run.id, run.seq] as const)));
  const chain = chainOf(ctx, investigation.id, head);
  // Exported from the app, the bundle's chain ends with the event recording this export (see exports.ts): who
  // and when are read from it. The command line opens the database read-only and records nothing.
  const last = ctx.store.bundles.lastEvent(investigation.id, head.count);
  const sealed = exportSealOf(last ? [chainEventOf(last)] : []);
  foldDerivations(ctx, investigation.id, pass, head.count);
  return {
    $schema: BUNDLE_SCHEMA_ID,
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: sealed?.at ?? ctx.clock(),
    exportedBy: sealed?.actor ?? ctx.user,
    exportedFrom: { app: 'Peel', version: meta.peelVersion, host: meta.host, database: meta.databaseFile },
    // Simulated runs this Peel's simulator re-derives travel as their parameters and seed: a few KB instead of ~2 MB.
    ...bundleRecords(ctx, investigation, { derive: pass.fold.result() }),
    metricImports: bundleMetricImports(ctx.store, investigation.id),
    handover: buildHandover(
      investigation,
      state,
      ctx.store.hypotheses.listForInvestigation(investigation.id),
      (runId) => (runId === null ? null : (runSeqs.get(runId) ?? null)),
    ),
    chain,
    verify: verifySentence(meta.databaseFile, head),
  };
}

/** The stored evidence of an automatic tick, as the bundle carries it (the lab-only fields left out). */
function bundleEvidence(stored: unknown): Bundle['checklist'][number]['evidence'] {
  if (!stored || typeof stored !== 'object') return null;
  const e = stored as { itemId: string; description: string; runIds: string[]; eventSeq?: number | null };
  return {
    itemId: e.itemId,
    description: e.description,
    runIds: e.runIds,
    ...(typeof e.eventSeq === 'number' ? { eventSeq: e.eventSeq } : {}),
  };
}
