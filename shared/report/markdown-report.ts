// The Markdown postmortem: summary, hand-over, hypotheses, experiments, the A/B/A verification, graphs (SVG files in
// `<name>-assets/`, linked), the nine rules with what was done under each, the full timeline, and the chain head.
// Written for GitHub and wikis: tables, task lists, quotes; every piece of user text escaped or quoted.

import { plural } from '../domain/plural';
import { groupOperators } from './handover-lines';
import { mdCode, mdInline, mdLine, mdQuote, mdTable, mdUserMarkdown } from './markdown-text';
import type { ReportEvent, ReportModel, ReportNote } from './report-model';
import {
  bytesOrDash,
  countOrDash,
  evidenceRefs,
  headSentence,
  isoSeconds,
  runResult,
  STATUS_WORDS,
  VOUCHES_SENTENCE,
  verifyCommand,
} from './report-text';
import { outlineOf, type ReportOutline, type StreamedDocument, wholeDocument } from './streamed-document';

export interface MarkdownExport {
  markdown: string;
  /** Files to write beside the .md, paths relative to it. */
  assets: { path: string; svg: string }[];
}

const runRef = (seq: number | null) => (seq === null ? '–' : `run #${seq}`);

function noteBlock(note: ReportNote): string {
  const edited =
    note.revisions > 1 ? `, corrected ${note.revisions - 1}× (last ${isoSeconds(note.updatedAt)})` : '';
  return `${mdQuote(mdUserMarkdown(note.body))}\n>\n> — ${mdInline(note.createdBy)}, ${isoSeconds(note.createdAt)}${edited}`;
}

function summarySection(model: ReportOutline): string[] {
  const { investigation, resolution, counts } = model;
  const status =
    investigation.status === 'resolved' && resolution
      ? `resolved on ${isoSeconds(resolution.at)} by ${mdInline(resolution.by)}`
      : investigation.status;
  const rows: string[][] = [
    ['Incident started', isoSeconds(investigation.startedAt)],
    ['Opened', `${isoSeconds(investigation.createdAt)} by ${mdInline(investigation.createdBy)}`],
    ['Status', status],
    ['Resolution', resolution ? mdInline(resolution.reason) : 'not resolved yet'],
    ['System', investigation.system ? mdInline(investigation.system) : '–'],
    [
      'Record',
      `${plural(counts.experiments, 'experiment')}, ${plural(counts.runs, 'run')}, ${plural(counts.hypotheses, 'hypothesis')}, ${plural(counts.notes, 'note')}, ${plural(counts.events, 'audit event', { grouped: true })}`,
    ],
  ];
  const out = [
    '## Summary',
    '',
    mdTable(
      ['', ''],
      rows.map(([k, v]) => [`**${k}**`, v!]),
    ),
  ];
  if (investigation.summary.trim())
    out.push('', '**The incident**', '', mdQuote(mdUserMarkdown(investigation.summary)));
  return out;
}

function handoverSection(model: ReportOutline): string[] {
  const h = model.handover;
  const out = ['## Hand-over', ''];
  out.push('**Ruled out**', '');
  if (h.ruledOut.hypotheses.length === 0 && h.ruledOut.operators.length === 0) out.push('- nothing yet');
  for (const f of h.ruledOut.hypotheses)
    out.push(
      `- Hypothesis: ${mdInline(f.statement)} — ${mdInline(f.reason ?? 'refuted')} (${runRef(f.runSeq)})`,
    );
  for (const group of groupOperators(h.ruledOut.operators))
    out.push(
      `- ${mdInline(group.layer)}: ${group.operators.map(mdCode).join(', ')} cleared, ${mdInline(group.reason)}`,
    );
  if (h.established.length > 0 || h.implicated.length > 0) {
    out.push('', '**Established**', '');
    for (const f of h.established)
      out.push(`- ${mdLine(f.statement)} — ${mdInline(f.reason ?? 'supported')}`);
    for (const group of groupOperators(h.implicated))
      out.push(
        `- ${mdInline(group.layer)}: ${group.operators.map(mdCode).join(', ')} implicated, ${mdInline(group.reason)}`,
      );
  }
  if (h.suspects.length > 0) out.push('', `**Not cleared by any run:** ${h.suspects.map(mdCode).join(', ')}`);
  if (h.openHypotheses.length > 0) {
    out.push('', '**Open hypotheses**', '');
    for (const statement of h.openHypotheses) out.push(`- ${mdLine(statement)}`);
  }
  out.push('', `**Next suggested step:** ${mdInline(h.nextStep.title)}. ${mdInline(h.nextStep.detail)}`);
  return out;
}

function hypothesesSection(model: ReportOutline): string[] {
  if (model.hypotheses.length === 0) return ['## Hypotheses', '', 'No hypotheses were recorded.'];
  const rows = model.hypotheses.map((h, i) => [
    String(i + 1),
    mdInline(h.statement),
    `**${STATUS_WORDS[h.status] ?? h.status}**`,
    mdInline(h.reason ?? '–'),
    h.decidedByRunSeq === null
      ? '–'
      : `${runRef(h.decidedByRunSeq)}${h.decidedAutomatically ? ' (by its verdict)' : ''}`,
  ]);
  return ['## Hypotheses', '', mdTable(['#', 'Hypothesis', 'Fate', 'Reason', 'Decided by'], rows)];
}

function experimentsSection(model: ReportOutline): string[] {
  if (model.experiments.length === 0) return ['## Experiments', '', 'No experiments were run.'];
  const rows = model.experiments.flatMap((e) => {
    const change = e.diff.length === 0 ? 'baseline' : e.diff.map(mdInline).join('; ');
    const base = [
      `#${e.seq}`,
      e.parentSeq === null ? '–' : `#${e.parentSeq}`,
      `${change}${e.multiChangeConfirmed ? ' ⚠ several changes' : ''}`,
    ];
    if (e.runs.length === 0) return [[...base, 'not run', '', '', '', '']];
    return e.runs.map((r) => [
      ...base,
      `#${r.seq}`,
      mdInline(runResult(r)),
      countOrDash(r.restarts),
      countOrDash(r.ooms),
      bytesOrDash(r.peakDirectBytes),
    ]);
  });
  return [
    '## Experiments',
    '',
    'Each experiment changes one thing from its parent; the verdict is the direct memory across restarts.',
    '',
    mdTable(['Experiment', 'From', 'Change', 'Run', 'Verdict', 'Restarts', 'OOMs', 'Peak direct'], rows),
  ];
}

function verificationSection(model: ReportOutline): string[] {
  const { proof } = model;
  const out = ['## Verification (A/B/A)', ''];
  out.push(
    proof.complete
      ? `Proven on the experiment that made it fail, with ${proof.fixes.map(mdCode).join(', ')}: with the fix, without it, with it again.`
      : `Not proven yet. ${mdInline(proof.missing ?? '')}`,
  );
  out.push(
    '',
    mdTable(
      ['Step', 'Expected', 'Run', 'Experiment', 'Result', ''],
      proof.steps.map((s) => [
        mdInline(s.label),
        s.expect === 'leak' ? 'the leak returns' : 'no leak',
        runRef(s.runSeq),
        s.experimentSeq === null ? '–' : `#${s.experimentSeq}`,
        mdInline(s.result ?? '–'),
        s.ok ? '✅' : '❌',
      ]),
    ),
  );
  return out;
}

function graphsSection(model: ReportOutline, assetDir: string): string[] {
  if (model.graphs.length === 0) return [];
  const out = [
    '## Graphs',
    '',
    'Direct memory per TaskManager, with the direct-memory limit and the run’s events.',
  ];
  for (const graph of model.graphs) {
    out.push(
      '',
      `### ${mdInline(graph.title)}`,
      '',
      `![${mdInline(graph.title)}](${encodeURI(`${assetDir}/${graph.fileName}`)})`,
      '',
      `*${mdInline(graph.caption)}*`,
    );
  }
  return out;
}

function rulesSection(model: ReportOutline): string[] {
  const out = [
    '## The nine rules',
    '',
    'What was done under each rule: the checklist as ticked (with evidence) and the notes.',
  ];
  for (const rule of model.rules) {
    out.push('', `### ${rule.number}. ${mdInline(rule.title)}`, '', `*${mdInline(rule.summary)}*`, '');
    for (const item of rule.items) {
      const who =
        item.ticked && item.at !== null
          ? ` — ${item.evidence ? 'ticked by Peel from evidence' : `ticked by ${mdInline(item.by ?? '')}`}, ${isoSeconds(item.at)}`
          : '';
      const evidence = item.evidence ? `; evidence: ${mdInline(item.evidence)}${evidenceRefs(item)}` : '';
      out.push(`- [${item.ticked ? 'x' : ' '}] ${mdInline(item.text)}${who}${evidence}`);
    }
    for (const note of rule.notes) out.push('', noteBlock(note));
  }
  if (model.investigationNotes.length > 0) {
    out.push('', '### Notes on the investigation');
    for (const note of model.investigationNotes) out.push('', noteBlock(note));
  }
  return out;
}

function timelineHeader(model: ReportOutline): string[] {
  return [
    '## Timeline',
    '',
    `Every audit event of this investigation, in order (times in UTC). ${plural(model.eventCount, 'event', { grouped: true })}.`,
    '',
    '| Seq | Time (UTC) | Actor | Rule | Event |',
    '| --- | --- | --- | --- | --- |',
  ];
}

/** One timeline row, after the line break that ends the row (or header) before it. */
function timelineRow(e: ReportEvent): string {
  return `\n| ${e.seq} | ${isoSeconds(e.at)} | ${mdInline(e.actor)} | ${e.rule ? mdInline(e.rule) : '–'} | ${mdInline(e.description)} |`;
}

export interface MarkdownDocument {
  document: StreamedDocument;
  /** Files to write beside the .md, paths relative to it. */
  assets: { path: string; svg: string }[];
}

/** The postmortem as parts: everything up to the timeline's header, one row per event, the chain head after. */
export function markdownReportDocument(model: ReportOutline, assetDir: string): MarkdownDocument {
  const { investigation } = model;
  const before = [
    `# Postmortem: ${mdInline(investigation.title)}`,
    '',
    `Exported from Peel ${mdInline(model.peelVersion)} by ${mdInline(model.generatedBy)} on ${isoSeconds(model.generatedAt)}. ` +
      `Investigation ${mdCode(investigation.id)}.`,
    '',
    ...summarySection(model),
    '',
    ...handoverSection(model),
    '',
    ...hypothesesSection(model),
    '',
    ...experimentsSection(model),
    '',
    ...verificationSection(model),
    '',
    ...graphsSection(model, assetDir),
    '',
    ...rulesSection(model),
    '',
    ...timelineHeader(model),
  ];
  const after = [
    '',
    '',
    '---',
    '',
    VOUCHES_SENTENCE,
    '',
    `**${headSentence(model.head, model.eventCount)}**`,
    '',
    `Verify: ${mdCode(verifyCommand(model.databaseFile, model.head))}`,
    '',
  ];
  return {
    document: { before: before.join('\n'), row: timelineRow, after: after.join('\n') },
    assets: model.graphs.map((g) => ({ path: `${assetDir}/${g.fileName}`, svg: g.svg })),
  };
}

export function renderMarkdownReport(model: ReportModel, assetDir: string): MarkdownExport {
  const { document, assets } = markdownReportDocument(outlineOf(model), assetDir);
  return { markdown: wholeDocument(document, model.events), assets };
}
