// What every human-readable export is rendered from: the investigation as a reader needs it (summary, hand-over,
// hypotheses, experiments, verification, graphs, the nine rules, the timeline) and the chain head that anchors it.
// Built from the store by the exchange service; the Markdown, HTML and CSV writers are pure functions of it.
import type { Handover } from '../contract/exchange-entities';

export interface ChainHead {
  /** Events in the database's chain up to and including the head (the head's seq). */
  count: number;
  /** SHA-256 of the head event, hex. */
  hash: string;
}

export interface ReportNote {
  body: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  /** Earlier texts kept by corrections (nothing is overwritten). */
  revisions: number;
}

export interface ReportChecklistItem {
  id: string;
  text: string;
  ticked: boolean;
  at: number | null;
  by: string | null;
  /** Why Peel ticked it itself, with the runs that show it; null for a person's own tick. */
  evidence: string | null;
  evidenceRunSeqs: number[];
  /** The audit event that proves Peel's tick; null for a person's tick (or a tick from before Peel recorded it). */
  evidenceEventSeq?: number | null;
}

export interface ReportRule {
  id: string;
  number: number;
  title: string;
  summary: string;
  items: ReportChecklistItem[];
  notes: ReportNote[];
}

export interface ReportHypothesis {
  statement: string;
  rule: string | null;
  status: 'open' | 'supported' | 'refuted' | 'inconclusive';
  reason: string | null;
  predicts: 'leak' | 'no-leak' | null;
  decidedByRunSeq: number | null;
  decidedAutomatically: boolean;
  createdAt: number;
  createdBy: string;
}

export interface ReportRun {
  seq: number;
  status: string;
  verdict: string | null;
  summary: string | null;
  retainedBytesPerRestart: number | null;
  restarts: number | null;
  ooms: number | null;
  peakDirectBytes: number | null;
  startedAt: number;
  startedBy: string;
  /** Set for a real experiment's run: what was done on the real system, when, and the imports it was made of. */
  real?: { description: string; doneAt: number; sources: string[] };
}

export interface ReportExperiment {
  seq: number;
  parentSeq: number | null;
  label: string;
  /** The exact change from the parent, one line per dimension ("removed layer 3"). */
  diff: string[];
  multiChangeConfirmed: boolean;
  hypothesis: string | null;
  createdAt: number;
  createdBy: string;
  runs: ReportRun[];
}

export interface ReportProofStep {
  label: string;
  expect: 'leak' | 'no-leak';
  runSeq: number | null;
  experimentSeq: number | null;
  result: string | null;
  ok: boolean;
}

export interface ReportProof {
  complete: boolean;
  fixes: string[];
  steps: ReportProofStep[];
  missing: string | null;
}

export interface ReportCoverage {
  operator: string;
  layer: string;
  status: string;
  reason: string;
}

/** A graph of one run: direct memory per TaskManager, as a standalone SVG document. */
export interface ReportGraph {
  runSeq: number;
  /** Why this run is shown: baseline, control, a peel, the fix's A/B/A steps. */
  role: string;
  title: string;
  caption: string;
  /** The asset's file name, e.g. run-3-direct.svg. */
  fileName: string;
  svg: string;
}

export interface ReportEvent {
  seq: number;
  id: string;
  at: number;
  actor: string;
  kind: string;
  category: string;
  ruleId: string | null;
  /** "6. Keep an Audit Trail", or null. */
  rule: string | null;
  description: string;
  /** The payload as stored: canonical JSON (sorted keys, no white space), what the hash covers. */
  payloadJson: string;
  prevHash: string;
  hash: string;
}

export interface ReportModel {
  generatedAt: number;
  generatedBy: string;
  peelVersion: string;
  /** The database file's name, as the verify command is written (`--db peel.sqlite`). */
  databaseFile: string;
  investigation: {
    id: string;
    title: string;
    summary: string;
    startedAt: number;
    createdAt: number;
    createdBy: string;
    status: 'open' | 'resolved';
    system: string | null;
  };
  resolution: { at: number; by: string; reason: string; proofRunSeqs: number[] } | null;
  counts: { experiments: number; runs: number; hypotheses: number; notes: number; events: number };
  handover: Handover;
  hypotheses: ReportHypothesis[];
  experiments: ReportExperiment[];
  proof: ReportProof;
  coverage: ReportCoverage[];
  graphs: ReportGraph[];
  investigationNotes: ReportNote[];
  rules: ReportRule[];
  events: ReportEvent[];
  head: ChainHead;
}
