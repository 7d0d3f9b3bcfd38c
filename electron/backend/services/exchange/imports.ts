// Importing a bundle (checked in full first, its series written ahead in small transactions, then recreated
// read-only in one transaction with its chain kept as received), reading what an import is (its origin, hand-over,
// chain checked again, its trail) and continuing it in a new local investigation that carries its records over and
// names the imported chain head it starts from.
import type { RequestOf, ResponseOf } from '../../../../shared/contract/channels';
import type { AuditEvent } from '../../../../shared/contract/entities';
import { PeelError } from '../../../../shared/contract/errors';
import type {
  ChainCheck,
  ExchangeStatus,
  Handover,
  ImportInfo,
} from '../../../../shared/contract/exchange-entities';
import type { PeelBundle } from '../../../../shared/contract/peel-bundle';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { verifyExportedChain } from '../../../../shared/domain/chain-links';
import { plural } from '../../../../shared/domain/plural';
import { findScenario } from '../../../../shared/sim/scenarios/catalog';
import type { ImportRecord } from '../../store/imports-store';
import { BundleCheckCancelled, checkBundleInThread } from '../../workers/bundle-check-thread';
import { commit } from '../commit';
import type { ServiceContext } from '../context';
import { labState } from '../lab/lab-state';
import { requireInvestigation } from '../lookups';
import { isRecordedDrill } from '../training/recorded-drill';
import { bundleRecords } from './build-bundle';
import { checkBundleRecords, withDerivedContent } from './bundle-check';
import { carriedFromBundle, carriedFromStore, materializeMetricImports } from './bundle-metric-imports';
import { deriveBundleRuns } from './derived-runs';
import { exportSealMismatch, exportSealOf } from './export-seal';
import { buildHandover } from './handover';
import { ImportCancelled } from './import-cancelled';
import { type MaterializeTarget, materializeRecords, runSeriesBlobs } from './materialize';
import { sha256Hex } from './sha256';
import { discardStaged, stageSeries } from './staged-series';

export { sha256Hex };

function requireImport(ctx: ServiceContext, investigationId: string, channel: string): ImportRecord {
  requireInvestigation(ctx, investigationId);
  const imported = ctx.store.imports.get(investigationId);
  if (!imported) {
    throw new PeelError(
      'conflict',
      `${channel}: investigation '${investigationId}' was not imported from a bundle.`,
      {
        investigationId,
      },
    );
  }
  return imported;
}

/** Verifies the stored imported chain again: it is read back exactly as it was received. */
export function checkStoredChain(ctx: ServiceContext, imported: ImportRecord): ChainCheck {
  const links = ctx.store.imports.links(imported.investigationId);
  const events = links.filter((l) => l.event !== null).map((l) => JSON.parse(l.event!) as AuditEvent);
  const verdict = verifyExportedChain(
    {
      events,
      links: links.filter((l) => l.event === null),
      head: { count: imported.headCount, hash: imported.headHash },
    },
    imported.originalId,
    sha256Hex,
  );
  return verdict.ok
    ? {
        ok: true,
        links: verdict.links,
        events: verdict.events,
        message: `The imported chain verifies: ${plural(verdict.links, 'link')} up to head ${imported.headHash.slice(0, 12)}…, ${plural(verdict.events, 'event')} re-hashed.`,
      }
    : { ok: false, links: links.length, events: events.length, message: verdict.message };
}

/** The first field where `given` differs from the hand-over Peel derives from the investigation's records. */
function differentHandover(ctx: ServiceContext, investigationId: string, given: Handover): string | null {
  const investigation = requireInvestigation(ctx, investigationId);
  const state = labState(ctx, investigationId);
  const runSeqs = new Map(state.experiments.flatMap((e) => e.runs.map((run) => [run.id, run.seq] as const)));
  const derived = buildHandover(
    investigation,
    state,
    ctx.store.hypotheses.listForInvestigation(investigationId),
    (runId) => (runId === null ? null : (runSeqs.get(runId) ?? null)),
  );
  for (const key of Object.keys(derived) as (keyof Handover)[]) {
    if (canonicalJson(derived[key] ?? null) !== canonicalJson(given[key] ?? null)) {
      return `its ${HANDOVER_FIELDS[key]} (${canonicalJson(given[key] ?? null).slice(0, 80)}) is not what its records give (${canonicalJson(derived[key] ?? null).slice(0, 80)})`;
    }
  }
  return null;
}

const HANDOVER_FIELDS: Record<keyof Handover, string> = {
  status: 'status',
  resolution: 'resolution',
  ruledOut: 'list of what is ruled out',
  established: 'established findings',
  implicated: 'implicated operators',
  suspects: 'suspects',
  openHypotheses: 'open hypotheses',
  nextStep: 'next step',
};

/** The event of the imported chain that recorded the export, when the bundle came from the app. */
function exportRecordedBy(ctx: ServiceContext, imported: ImportRecord): { seq: number } | null {
  const events = ctx.store.imports
    .links(imported.investigationId)
    .filter((link) => link.event !== null)
    .map((link) => JSON.parse(link.event!) as AuditEvent);
  const seal = exportSealOf(events);
  return seal && exportSealMismatch(seal, imported) === null ? { seq: seal.seq } : null;
}

function importInfo(ctx: ServiceContext, imported: ImportRecord): ImportInfo {
  const investigation = requireInvestigation(ctx, imported.investigationId);
  return {
    investigationId: imported.investigationId,
    originalId: imported.originalId,
    title: investigation.title,
    exportedBy: imported.exportedBy,
    exportedAt: imported.exportedAt,
    exportedFrom: imported.exportedFrom,
    exportRecorded: exportRecordedBy(ctx, imported),
    importedBy: imported.importedBy,
    importedAt: imported.importedAt,
    head: { count: imported.headCount, hash: imported.headHash },
    eventCount: imported.eventCount,
    bundleSha256: imported.bundleSha256,
    handover: imported.handover as Handover,
    chain: checkStoredChain(ctx, imported),
    branches: ctx.store.imports.branchesOf(imported.investigationId).map((branch) => ({
      investigationId: branch.investigationId,
      title: ctx.store.investigations.get(branch.investigationId)?.title ?? branch.investigationId,
      createdAt: branch.createdAt,
      createdBy: branch.createdBy,
    })),
  };
}

export interface ImportOptions {
  /** The file's SHA-256 when the caller hashed it already (a file hashed as it was streamed from disk). */
  sha256?: string;
  fileName?: string;
  /**
   * Stops the import before its last transaction: the check's thread and the re-derivations are cancelled, and the
   * series written ahead so far are deleted.
   */
  signal?: AbortSignal;
  /** What the import is doing: `fraction` of its own work (checked, then each run re-derived). */
  onProgress?: (fraction: number, message: string) => void;
}

/** Share of the import's own work (after reading) that the check takes; re-deriving the runs is the rest. */
const CHECK_SHARE = 0.3;

/**
 * Imports a bundle: its text (sent as text) or its bytes (a file read from disk, transferred to the check's thread).
 * The bundle is parsed and checked in a worker thread and its runs carried by `derive` re-simulated in the worker
 * pool, so the main thread only holds the records against the chain, writes the series ahead in small transactions
 * and the rest in one.
 */
export async function importBundle(
  ctx: ServiceContext,
  input: { text: string } | { bytes: Uint8Array },
  options: ImportOptions = {},
): Promise<ResponseOf<'bundles.import'>> {
  const { signal, fileName } = options;
  const progress = options.onProgress ?? (() => {});
  const label = fileName ?? 'the bundle';
  if (signal?.aborted) throw new ImportCancelled();
  progress(0, `checking ${label}: schema, chain and records`);
  const check = checkBundleInThread(input, fileName);
  const stopCheck = () => check.cancel();
  signal?.addEventListener('abort', stopCheck);
  let checked: Awaited<typeof check.result>;
  try {
    checked = await check.result;
  } catch (error) {
    if (error instanceof BundleCheckCancelled) throw new ImportCancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stopCheck);
  }
  const { read, carried: decoded } = checked;
  // Runs carried as parameters and seed are re-simulated in the worker pool, then held against the chain with
  // everything else before anything is written.
  const derived = await deriveBundleRuns(read.bundle, read.source, {
    runner: ctx.lab.runner,
    ...(signal ? { signal } : {}),
    onProgress: (done, total) =>
      progress(
        CHECK_SHARE + (1 - CHECK_SHARE) * (done / total),
        `re-deriving ${label}'s runs: ${done} of ${total} simulated and hashed`,
      ),
  });
  if (signal?.aborted) throw new ImportCancelled();
  const { bundle: held } = checkBundleRecords(read, derived, decoded);
  const bundle = withDerivedContent(held, derived);
  const scenarioId = bundle.investigation.scenarioId;
  if (scenarioId && !findScenario(scenarioId) && !isRecordedDrill(scenarioId, bundle.chain.events)) {
    throw new PeelError(
      'invalid-request',
      `bundles.import: investigation.scenarioId: this Peel does not know the system '${scenarioId}' the investigation works on. Nothing was imported.`,
    );
  }
  const bundleSha256 = options.sha256 ?? checked.sha256;
  if (bundleSha256 === null) throw new Error('bundles.import: a bundle read as bytes comes with its SHA-256');
  // The series first, in small transactions with the event loop free between them (staged-series.ts); then the
  // records, chain and hand-over of the series in one short transaction. Anything that stops the import between
  // the two (cancel, a refusal, a failed write) deletes what was written ahead.
  const stageId = ctx.newId();
  const stagedRunIds = new Map(bundle.runs.map((run) => [run.id, ctx.newId()] as const));
  const seriesTarget = { derived, carried: decoded };
  let investigationId: string;
  try {
    await stageSeries(
      ctx,
      stageId,
      bundle.runs.map((run) => ({
        runId: stagedRunIds.get(run.id)!,
        series: runSeriesBlobs(run, seriesTarget),
      })),
      {
        ...(signal ? { signal } : {}),
        onBatch: (bytes) => progress(1, `writing ${label}: ${(bytes / 1e6).toFixed(1)} MB of series`),
      },
    );
    if (signal?.aborted) throw new ImportCancelled();
    progress(1, `writing ${label}`);
    investigationId = writeImport(ctx, bundle, bundleSha256, fileName, {
      ...seriesTarget,
      stageId,
      stagedRunIds,
    });
  } catch (error) {
    await discardStaged(ctx, stageId);
    throw error;
  }
  return importInfo(ctx, ctx.store.imports.get(investigationId)!);
}

/** The import's one transaction: every record, the chain as received, the hand-over held, the import recorded. */
function writeImport(
  ctx: ServiceContext,
  bundle: PeelBundle,
  bundleSha256: string,
  fileName: string | undefined,
  series: Pick<MaterializeTarget, 'derived' | 'carried'> & {
    stageId: string;
    stagedRunIds: ReadonlyMap<string, string>;
  },
): string {
  return commit(ctx, (record, now) => {
    const made = materializeRecords(ctx, bundle, {
      derived: series.derived,
      carried: series.carried,
      stagedRunIds: series.stagedRunIds,
      investigation: {
        title: bundle.investigation.title,
        createdAt: bundle.investigation.createdAt,
        createdBy: bundle.investigation.createdBy,
        updatedAt: bundle.investigation.updatedAt,
        status: bundle.investigation.status,
        keepResolution: true,
      },
    });
    // The real system's imported metrics come along (null: a bundle written before Peel carried them).
    const carried = carriedFromBundle(bundle);
    const metricImports = carried && materializeMetricImports(ctx, made.investigationId, carried, made.idMap);
    const chain = [
      ...bundle.chain.events.map((event) => ({
        seq: event.seq,
        prevHash: event.prevHash,
        hash: event.hash,
        event: JSON.stringify(event),
      })),
      ...bundle.chain.links.map((link) => ({ ...link, event: null })),
    ].sort((a, b) => a.seq - b.seq);
    ctx.store.imports.insert(
      {
        investigationId: made.investigationId,
        originalId: bundle.investigation.id,
        bundleVersion: bundle.version,
        bundleSha256,
        exportedBy: bundle.exportedBy,
        exportedAt: bundle.exportedAt,
        exportedFrom: bundle.exportedFrom,
        importedBy: ctx.user,
        importedAt: now,
        headCount: bundle.chain.head.count,
        headHash: bundle.chain.head.hash,
        eventCount: bundle.chain.events.length,
        handover: bundle.handover,
        idMap: made.idMap,
      },
      chain,
    );
    // (After the chain is stored: a drill's scenario is rebuilt from the drill.started event in it.)
    // The hand-over is what a reader sees first: it must be what the (verified) records give, not what the file
    // says. Recomputed from the records just made, inside this transaction, so a refusal writes nothing.
    const handoverProblem = differentHandover(ctx, made.investigationId, bundle.handover);
    if (handoverProblem) {
      throw new PeelError(
        'invalid-request',
        `bundles.import: handover: ${handoverProblem}: the bundle was changed after it was exported. Nothing was imported.`,
        { field: 'handover' },
      );
    }
    record({
      investigationId: made.investigationId,
      kind: 'investigation.imported',
      ruleId: 'get-a-fresh-view',
      payload: {
        title: bundle.investigation.title,
        originalId: bundle.investigation.id,
        exportedBy: bundle.exportedBy,
        exportedAt: bundle.exportedAt,
        exportedFrom: bundle.exportedFrom,
        head: bundle.chain.head,
        events: bundle.chain.events.length,
        bundleSha256,
        fileName: fileName ?? null,
        records: { ...made.counts, metricImports },
      },
    });
    // The series written ahead are the recorded runs' from this commit on.
    ctx.store.importStaging.adopt(series.stageId);
    return made.investigationId;
  });
}

export function exchangeStatus(ctx: ServiceContext, investigationId: string): ExchangeStatus {
  requireInvestigation(ctx, investigationId);
  const imported = ctx.store.imports.get(investigationId);
  const branch = ctx.store.imports.branch(investigationId);
  const source = branch ? ctx.store.imports.get(branch.importedId) : undefined;
  return {
    imported: imported ? importInfo(ctx, imported) : null,
    branch:
      branch && source
        ? {
            investigationId,
            importedInvestigationId: branch.importedId,
            importedTitle: ctx.store.investigations.get(branch.importedId)?.title ?? branch.importedId,
            importedHead: { count: source.headCount, hash: source.headHash },
            exportedBy: source.exportedBy,
            createdAt: branch.createdAt,
            createdBy: branch.createdBy,
          }
        : null,
  };
}

export function exchangeMarks(ctx: ServiceContext): ResponseOf<'imports.marks'> {
  const imports = ctx.store.imports.list();
  const exporter = new Map(imports.map((i) => [i.investigationId, i.exportedBy]));
  return [
    ...imports.map((i) => ({
      investigationId: i.investigationId,
      kind: 'imported' as const,
      label: `imported from ${i.exportedBy}, read-only`,
    })),
    ...ctx.store.imports.allBranches().map((b) => ({
      investigationId: b.investigationId,
      kind: 'branch' as const,
      label: `continues ${exporter.get(b.importedId) ?? 'an imported'}'s investigation`,
    })),
  ];
}

export function importedTrail(
  ctx: ServiceContext,
  request: RequestOf<'imports.trail'>,
): ResponseOf<'imports.trail'> {
  requireImport(ctx, request.investigationId, 'imports.trail');
  return ctx.store.imports
    .eventPage(request.investigationId, request.beforeSeq ?? Number.MAX_SAFE_INTEGER, request.limit ?? 200)
    .map((text) => JSON.parse(text) as AuditEvent);
}

/** Whether the bundle an investigation was imported from carried its metric imports (its import event says). */
function importCarriedMetricImports(ctx: ServiceContext, investigationId: string): boolean {
  for (const row of ctx.store.bundles.eventRows(investigationId)) {
    if (row.kind !== 'investigation.imported') continue;
    const records = (JSON.parse(row.payload) as { records?: { metricImports?: unknown } }).records;
    return typeof records?.metricImports === 'number';
  }
  return false;
}

export function continueImported(
  ctx: ServiceContext,
  request: RequestOf<'imports.continue'>,
): ResponseOf<'imports.continue'> {
  const imported = requireImport(ctx, request.investigationId, 'imports.continue');
  const source = requireInvestigation(ctx, imported.investigationId);
  const title = request.title?.trim() || `${source.title} (continued)`.slice(0, 200);
  const records = bundleRecords(ctx, source);
  const branchId = commit(ctx, (record, now) => {
    const made = materializeRecords(ctx, records, {
      investigation: {
        title,
        createdAt: now,
        createdBy: ctx.user,
        updatedAt: now,
        status: 'open',
        keepResolution: false,
      },
    });
    // A lean run carried over keeps what re-derives the series it does not hold.
    for (const [from, to] of Object.entries(made.idMap)) ctx.store.runs.copyDerivation(from, to);
    // An investigation imported from a bundle that carried no metric imports has none to pass on: null says so,
    // as its own import event does, and verify then holds the branch's imports to the branch's own events.
    const metricImports = importCarriedMetricImports(ctx, imported.investigationId)
      ? materializeMetricImports(
          ctx,
          made.investigationId,
          carriedFromStore(ctx.store, imported.investigationId),
          made.idMap,
        )
      : null;
    ctx.store.imports.insertBranch({
      investigationId: made.investigationId,
      importedId: imported.investigationId,
      importedHeadHash: imported.headHash,
      createdAt: now,
      createdBy: ctx.user,
    });
    record({
      investigationId: made.investigationId,
      kind: 'investigation.continued',
      ruleId: 'get-a-fresh-view',
      payload: {
        title,
        importedInvestigationId: imported.investigationId,
        originalId: imported.originalId,
        importedTitle: source.title,
        exportedBy: imported.exportedBy,
        importedHead: { count: imported.headCount, hash: imported.headHash },
        carried: { ...made.counts, metricImports },
        // Which record of the imported investigation each carried record copies: verify holds them against the
        // chain that investigation arrived with.
        carriedIds: made.idMap,
      },
    });
    return made.investigationId;
  });
  return requireInvestigation(ctx, branchId);
}
