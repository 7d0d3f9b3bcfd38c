// Builds the report model of an investigation from the store: everything the Markdown, HTML and CSV writers show,
// read in one go (the lab state for coverage, proof and next step; the audit events oldest first; the graphs).
import { basename } from 'node:path';
import type { Investigation } from '../../../../shared/contract/entities';
import type { LabState } from '../../../../shared/contract/lab-entities';
import { type AuditKind, categoryOf } from '../../../../shared/domain/audit-kinds';
import { describeAuditEvent, ruleLabel } from '../../../../shared/domain/describe-audit-event';
import { RULES } from '../../../../shared/domain/rules';
import type { ChainHead, ReportEvent, ReportNote } from '../../../../shared/report/report-model';
import { runResult } from '../../../../shared/report/report-text';
import type { ReportOutline } from '../../../../shared/report/streamed-document';
import type { AuditRowTuple } from '../../store/audit-rows';
import type { ServiceContext } from '../context';
import { listRealRuns } from '../imports/real-experiments';
import { labState } from '../lab/lab-state';
import { buildHandover } from './handover';
import { reportGraphs } from './report-graphs';
import { findScenarioTitle } from './scenario-title';

/** Who is exporting and from where: the reader sees it, and the verify command names the database file. */
export interface ExportMeta {
  peelVersion: string;
  host: 'electron' | 'browser' | 'cli';
  databaseFile: string;
}

export function exportMeta(ctx: ServiceContext, peelVersion: string, host: ExportMeta['host']): ExportMeta {
  return { peelVersion, host, databaseFile: basename(ctx.store.path) };
}

export function chainHead(ctx: ServiceContext): ChainHead {
  const head = ctx.store.audit.head();
  return { count: head.seq, hash: head.hash };
}

/** One stored event as the timeline and the CSV show it, with its one-line description. */
export function reportEventOf(row: AuditRowTuple): ReportEvent {
  const [seq, id, , at, actor, kind, ruleId, payloadJson, prevHash, hash] = row;
  // Parsed only to describe it, and dropped with its page: payload objects kept alive would cost more in GC.
  const payload = JSON.parse(payloadJson) as Record<string, unknown>;
  return {
    seq,
    id,
    at,
    actor,
    kind,
    category: categoryOf(kind as AuditKind) ?? 'other',
    ruleId,
    rule: ruleLabel(ruleId),
    description: describeAuditEvent({ kind, ruleId, payload }),
    payloadJson,
    prevHash,
    hash,
  };
}

/** The investigation's events oldest first up to the head, with their one-line descriptions (small reports). */
export function reportEvents(ctx: ServiceContext, investigationId: string, head: ChainHead): ReportEvent[] {
  return ctx.store.bundles
    .eventTuplesPage(investigationId, 0, head.count, Number.MAX_SAFE_INTEGER)
    .map(reportEventOf);
}

function runSeqLookup(lab: LabState): (runId: string | null) => number | null {
  const seqs = new Map(lab.experiments.flatMap((e) => e.runs.map((run) => [run.id, run.seq] as const)));
  return (runId) => (runId === null ? null : (seqs.get(runId) ?? null));
}

/**
 * Everything the Markdown and HTML reports show but the timeline's rows, with the number of events up to the head:
 * small, read in one transaction with the head; the rows are then read in pages (see export-stream.ts).
 */
export function buildReportOutline(
  ctx: ServiceContext,
  investigation: Investigation,
  meta: ExportMeta,
  head: ChainHead,
): ReportOutline {
  const lab = labState(ctx, investigation.id);
  const realRuns = new Map(
    listRealRuns(ctx, { investigationId: investigation.id }).map((real) => [real.runId, real] as const),
  );
  const realOf = (runId: string) => {
    const real = realRuns.get(runId);
    return real
      ? {
          real: {
            description: real.description,
            doneAt: real.doneAt,
            sources: real.sources.map((s) => s.source),
          },
        }
      : {};
  };
  const hypotheses = ctx.store.hypotheses.listForInvestigation(investigation.id);
  const notes = ctx.store.notes.listForInvestigation(investigation.id);
  const checklist = new Map(ctx.store.bundles.checklist(investigation.id).map((row) => [row.itemId, row]));
  const runSeq = runSeqLookup(lab);
  const eventCount = ctx.store.bundles.eventCount(investigation.id, head.count);
  const runs = lab.experiments.flatMap((e) => e.runs.map((run) => ({ run, experiment: e })));
  const byRunId = new Map(runs.map((entry) => [entry.run.id, entry]));
  const noteOf = (note: (typeof notes)[number]): ReportNote => ({
    body: note.body,
    createdAt: note.createdAt,
    createdBy: note.createdBy,
    updatedAt: note.updatedAt,
    revisions: note.history.length,
  });
  return {
    generatedAt: ctx.clock(),
    generatedBy: ctx.user,
    peelVersion: meta.peelVersion,
    databaseFile: meta.databaseFile,
    investigation: {
      id: investigation.id,
      title: investigation.title,
      summary: investigation.summary,
      startedAt: investigation.startedAt,
      createdAt: investigation.createdAt,
      createdBy: investigation.createdBy,
      status: investigation.status,
      system: findScenarioTitle(investigation.scenarioId),
    },
    resolution: lab.resolution
      ? {
          at: lab.resolution.at,
          by: lab.resolution.by,
          reason: lab.resolution.reason,
          proofRunSeqs: lab.resolution.proofRunIds.map(runSeq).filter((s): s is number => s !== null),
        }
      : null,
    counts: {
      experiments: lab.experiments.length,
      runs: runs.length,
      hypotheses: hypotheses.length,
      notes: notes.length,
      events: eventCount,
    },
    handover: buildHandover(investigation, lab, hypotheses, runSeq),
    hypotheses: hypotheses.map((h) => ({
      statement: h.statement,
      rule: ruleLabel(h.ruleId),
      status: h.status,
      reason: h.reason,
      predicts: h.predicts,
      decidedByRunSeq: runSeq(h.decidedByRunId),
      decidedAutomatically: h.decidedAutomatically,
      createdAt: h.createdAt,
      createdBy: h.createdBy,
    })),
    experiments: lab.experiments.map((e) => ({
      seq: e.seq,
      parentSeq: lab.experiments.find((p) => p.id === e.parentId)?.seq ?? null,
      label: e.label,
      diff: e.diff.map((change) => change.description),
      multiChangeConfirmed: e.multiChangeConfirmed,
      hypothesis: hypotheses.find((h) => h.id === e.hypothesisId)?.statement ?? null,
      createdAt: e.createdAt,
      createdBy: e.createdBy,
      runs: e.runs.map((run) => ({
        seq: run.seq,
        status: run.status,
        verdict: run.verdict,
        summary: run.summary,
        retainedBytesPerRestart: run.retainedBytesPerRestart,
        restarts: run.restarts,
        ooms: run.ooms,
        peakDirectBytes: run.peakDirectBytes,
        startedAt: run.startedAt,
        startedBy: run.startedBy,
        ...realOf(run.id),
      })),
    })),
    proof: {
      complete: lab.proof.complete,
      fixes: lab.proof.fixes,
      missing: lab.proof.missing,
      steps: lab.proof.steps.map((step) => {
        const found = step.runId ? byRunId.get(step.runId) : undefined;
        return {
          label: step.label,
          expect: step.expect,
          runSeq: found?.run.seq ?? null,
          experimentSeq: found?.experiment.seq ?? null,
          result: found ? runResult(found.run) : null,
          ok: step.ok,
        };
      }),
    },
    coverage: lab.coverage.map((c) => ({
      operator: c.operator,
      layer: c.layer,
      status: c.status,
      reason: c.reason,
    })),
    graphs: reportGraphs(ctx.store, lab),
    investigationNotes: notes.filter((n) => n.ruleId === null).map(noteOf),
    rules: RULES.map((rule) => ({
      id: rule.id,
      number: rule.number,
      title: rule.title,
      summary: rule.summary,
      items: rule.checklist.map((item) => {
        const tick = checklist.get(item.id);
        const evidence = (tick?.evidence ?? null) as {
          description?: string;
          runIds?: string[];
          eventSeq?: number | null;
        } | null;
        return {
          id: item.id,
          text: item.text,
          ticked: tick?.ticked ?? false,
          at: tick?.at ?? null,
          by: tick?.by ?? null,
          evidence: tick?.ticked && evidence?.description ? evidence.description : null,
          evidenceRunSeqs: tick?.ticked
            ? (evidence?.runIds ?? []).map(runSeq).filter((s): s is number => s !== null)
            : [],
          evidenceEventSeq: tick?.ticked && typeof evidence?.eventSeq === 'number' ? evidence.eventSeq : null,
        };
      }),
      notes: notes.filter((n) => n.ruleId === rule.id).map(noteOf),
    })),
    eventCount,
    head,
  };
}
