// The HTML postmortem: one self-contained file with the Markdown postmortem's content, graphs as inline SVG, and a
// print stylesheet. It carries no script, and every piece of user text goes through escapeHtml or the safe Markdown
// path, so a note containing <script> stays text.

import { plural } from '../domain/plural';
import { groupOperators } from './handover-lines';
import { REPORT_CSS } from './report-css';
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
import { escapeHtml as esc, renderSafeMarkdown } from './safe-markdown';
import { outlineOf, type ReportOutline, type StreamedDocument, wholeDocument } from './streamed-document';

const time = (ms: number) => `<time datetime="${new Date(ms).toISOString()}">${isoSeconds(ms)}</time>`;
const runRef = (seq: number | null) => (seq === null ? '–' : `run #${seq}`);
const withPeriod = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

function table(header: readonly string[], rows: readonly string[], className = ''): string {
  return `<table${className ? ` class="${className}"` : ''}><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function noteHtml(note: ReportNote): string {
  const edited =
    note.revisions > 1 ? `, corrected ${note.revisions - 1}× (last ${time(note.updatedAt)})` : '';
  return `<blockquote class="note">${renderSafeMarkdown(note.body)}<footer>— ${esc(note.createdBy)}, ${time(note.createdAt)}${edited}</footer></blockquote>`;
}

/** A standalone SVG document as inline markup: no XML prolog, and its clip id made unique in the page. */
/** The HTML report's Content-Security-Policy: nothing may run or be fetched. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; script-src 'none'; " +
  "connect-src 'none'; base-uri 'none'; form-action 'none'";

export function inlineSvg(svg: string, uniqueSuffix: string): string {
  return svg
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/id="plot-clip"/g, `id="plot-clip-${uniqueSuffix}"`)
    .replace(/url\(#plot-clip\)/g, `url(#plot-clip-${uniqueSuffix})`)
    .trim();
}

function summarySection(model: ReportOutline): string {
  const { investigation: inv, resolution, counts } = model;
  const status =
    inv.status === 'resolved' && resolution
      ? `<span class="status status-resolved">resolved</span> on ${time(resolution.at)} by ${esc(resolution.by)}`
      : `<span class="status status-${inv.status}">${inv.status}</span>`;
  const facts: [string, string][] = [
    ['Incident started', time(inv.startedAt)],
    ['Opened', `${time(inv.createdAt)} by ${esc(inv.createdBy)}`],
    ['Status', status],
    ['Resolution', resolution ? esc(resolution.reason) : 'not resolved yet'],
    ['System', inv.system ? esc(inv.system) : '–'],
    [
      'Record',
      `${plural(counts.experiments, 'experiment')}, ${plural(counts.runs, 'run')}, ${plural(counts.hypotheses, 'hypothesis')}, ${plural(counts.notes, 'note')}, ${plural(counts.events, 'audit event', { grouped: true })}`,
    ],
  ];
  const rows = facts.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('\n');
  const incident = inv.summary.trim()
    ? `<h3>The incident</h3><div class="incident">${renderSafeMarkdown(inv.summary)}</div>`
    : '';
  return `<section id="summary" class="summary"><h2>Summary</h2><table class="facts"><tbody>${rows}</tbody></table>${incident}</section>`;
}

function handoverSection(model: ReportOutline): string {
  const h = model.handover;
  const ruledOut = [
    ...h.ruledOut.hypotheses.map(
      (f) => `<li>Hypothesis: ${esc(f.statement)} — ${esc(f.reason ?? 'refuted')} (${runRef(f.runSeq)})</li>`,
    ),
    ...groupOperators(h.ruledOut.operators).map(
      (g) =>
        `<li>${esc(g.layer)}: ${g.operators.map((o) => `<code>${esc(o)}</code>`).join(', ')} cleared, ${esc(g.reason)}</li>`,
    ),
  ];
  const established = [
    ...h.established.map((f) => `<li>${esc(f.statement)} — ${esc(f.reason ?? 'supported')}</li>`),
    ...groupOperators(h.implicated).map(
      (g) =>
        `<li>${esc(g.layer)}: ${g.operators.map((o) => `<code>${esc(o)}</code>`).join(', ')} implicated, ${esc(g.reason)}</li>`,
    ),
  ];
  const parts = [
    '<section id="handover"><h2>Hand-over</h2><div class="handover">',
    `<h3>Ruled out</h3><ul>${ruledOut.length ? ruledOut.join('') : '<li>nothing yet</li>'}</ul>`,
    established.length ? `<h3>Established</h3><ul>${established.join('')}</ul>` : '',
    h.suspects.length
      ? `<p><strong>Not cleared by any run:</strong> ${h.suspects.map((s) => `<code>${esc(s)}</code>`).join(', ')}</p>`
      : '',
    h.openHypotheses.length
      ? `<h3>Open hypotheses</h3><ul>${h.openHypotheses.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`
      : '',
    `<p><strong>Next suggested step:</strong> ${esc(h.nextStep.title)}. ${esc(h.nextStep.detail)}</p>`,
    '</div></section>',
  ];
  return parts.join('');
}

function hypothesesSection(model: ReportOutline): string {
  if (model.hypotheses.length === 0)
    return '<section id="hypotheses"><h2>Hypotheses</h2><p>No hypotheses were recorded.</p></section>';
  const rows = model.hypotheses.map(
    (h, i) =>
      `<tr><td class="num">${i + 1}</td><td>${esc(h.statement)}</td><td><span class="status status-${h.status}">${STATUS_WORDS[h.status] ?? h.status}</span></td>` +
      `<td>${esc(h.reason ?? '–')}</td><td class="nowrap">${h.decidedByRunSeq === null ? '–' : `${runRef(h.decidedByRunSeq)}${h.decidedAutomatically ? ' (by its verdict)' : ''}`}</td></tr>`,
  );
  return `<section id="hypotheses"><h2>Hypotheses</h2>${table(['#', 'Hypothesis', 'Fate', 'Reason', 'Decided by'], rows)}</section>`;
}

function experimentsSection(model: ReportOutline): string {
  if (model.experiments.length === 0)
    return '<section id="experiments"><h2>Experiments</h2><p>No experiments were run.</p></section>';
  const rows = model.experiments.flatMap((e) => {
    const change = e.diff.length === 0 ? 'baseline' : e.diff.map(esc).join('; ');
    const head = `<td class="nowrap">#${e.seq}</td><td class="nowrap">${e.parentSeq === null ? '–' : `#${e.parentSeq}`}</td><td>${change}${e.multiChangeConfirmed ? ' <span class="bad">⚠ several changes</span>' : ''}</td>`;
    if (e.runs.length === 0) return [`<tr>${head}<td>not run</td><td></td><td></td><td></td><td></td></tr>`];
    return e.runs.map(
      (r) =>
        `<tr>${head}<td class="nowrap">#${r.seq}</td><td>${esc(runResult(r))}</td><td class="num">${countOrDash(r.restarts)}</td>` +
        `<td class="num">${countOrDash(r.ooms)}</td><td class="num">${bytesOrDash(r.peakDirectBytes)}</td></tr>`,
    );
  });
  return (
    '<section id="experiments"><h2>Experiments</h2><p class="muted">Each experiment changes one thing from its parent; the verdict is the direct memory across restarts.</p>' +
    `${table(['Experiment', 'From', 'Change', 'Run', 'Verdict', 'Restarts', 'OOMs', 'Peak direct'], rows)}</section>`
  );
}

function verificationSection(model: ReportOutline): string {
  const { proof } = model;
  const lead = proof.complete
    ? `<p class="ok">Proven on the experiment that made it fail, with ${proof.fixes.map((f) => `<code>${esc(f)}</code>`).join(', ')}: with the fix, without it, with it again.</p>`
    : `<p class="bad">Not proven yet. ${esc(proof.missing ?? '')}</p>`;
  const rows = proof.steps.map(
    (s) =>
      `<tr><td>${esc(s.label)}</td><td>${s.expect === 'leak' ? 'the leak returns' : 'no leak'}</td><td class="nowrap">${runRef(s.runSeq)}</td>` +
      `<td class="nowrap">${s.experimentSeq === null ? '–' : `#${s.experimentSeq}`}</td><td>${esc(s.result ?? '–')}</td><td class="${s.ok ? 'ok' : 'bad'}">${s.ok ? '✓ as expected' : '✗ missing'}</td></tr>`,
  );
  return `<section id="verification"><h2>Verification (A/B/A)</h2>${lead}${table(['Step', 'Expected', 'Run', 'Experiment', 'Result', ''], rows)}</section>`;
}

function graphsSection(model: ReportOutline): string {
  if (model.graphs.length === 0) return '';
  const figures = model.graphs.map(
    (g) =>
      `<figure id="graph-run-${g.runSeq}" class="graph">${inlineSvg(g.svg, `run-${g.runSeq}`)}<figcaption><strong>${esc(withPeriod(g.title))}</strong> ${esc(g.caption)}</figcaption></figure>`,
  );
  return `<section id="graphs" class="graphs"><h2>Graphs</h2><p class="muted">Direct memory per TaskManager, with the direct-memory limit and the run’s events.</p>${figures.join('\n')}</section>`;
}

function rulesSection(model: ReportOutline): string {
  const rules = model.rules.map((rule) => {
    const items = rule.items.map((item) => {
      const who =
        item.ticked && item.at !== null
          ? ` <span class="muted">— ${item.evidence ? 'ticked by Peel from evidence' : `ticked by ${esc(item.by ?? '')}`}, ${time(item.at)}</span>`
          : '';
      const evidence = item.evidence
        ? `<div class="evidence">Evidence: ${esc(item.evidence)}${esc(evidenceRefs(item))}</div>`
        : '';
      return `<li><span class="box" aria-label="${item.ticked ? 'done' : 'not done'}">${item.ticked ? '☑' : '☐'}</span>${esc(item.text)}${who}${evidence}</li>`;
    });
    return `<h3 id="rule-${rule.id}">${rule.number}. ${esc(rule.title)}</h3><p class="muted"><em>${esc(rule.summary)}</em></p><ul class="checklist">${items.join('')}</ul>${rule.notes.map(noteHtml).join('')}`;
  });
  const general = model.investigationNotes.length
    ? `<h3>Notes on the investigation</h3>${model.investigationNotes.map(noteHtml).join('')}`
    : '';
  return `<section id="rules" class="rules"><h2>The nine rules</h2><p class="muted">What was done under each rule: the checklist as ticked (with evidence) and the notes.</p>${rules.join('\n')}${general}</section>`;
}

/** The timeline up to its table's first row: the table's rows follow one per event (see timelineRow). */
function timelineHeader(model: ReportOutline): string {
  const header = ['Seq', 'Time (UTC)', 'Actor', 'Rule', 'Event'];
  return (
    `<section id="timeline" class="timeline"><h2>Timeline</h2><p class="muted">Every audit event of this investigation, in order (times in UTC). ${plural(model.eventCount, 'event', { grouped: true })}.</p>` +
    `<table class="timeline"><thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n`
  );
}

/** One timeline row, after a line break unless it is the first. */
function timelineRow(e: ReportEvent, index: number): string {
  return `${index === 0 ? '' : '\n'}<tr><td class="num">${e.seq}</td><td>${time(e.at)}</td><td>${esc(e.actor)}</td><td>${e.rule ? esc(e.rule) : '–'}</td><td>${esc(e.description)} <span class="kind">${e.kind}</span></td></tr>`;
}

const SECTIONS: [string, string][] = [
  ['summary', 'Summary'],
  ['handover', 'Hand-over'],
  ['hypotheses', 'Hypotheses'],
  ['experiments', 'Experiments'],
  ['verification', 'Verification (A/B/A)'],
  ['graphs', 'Graphs'],
  ['rules', 'The nine rules'],
  ['timeline', 'Timeline'],
  ['chain-head', 'Chain head'],
];

/** The report as parts: everything up to the timeline's first row, one row per event, the rest after. */
export function htmlReportDocument(model: ReportOutline): StreamedDocument {
  const { investigation } = model;
  const toc = SECTIONS.filter(([id]) => id !== 'graphs' || model.graphs.length > 0)
    .map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`)
    .join('');
  const before = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // A second line of defence beside the escaping: the report runs no script, loads nothing from anywhere, and its
    // only styles are its own inline sheet; its graphs are inline SVG.
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="Peel ${esc(model.peelVersion)}">`,
    `<title>Postmortem: ${esc(investigation.title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<main class="report">',
    `<header><p class="kicker">Postmortem</p><h1>${esc(investigation.title)}</h1>`,
    `<p class="meta">Exported from Peel ${esc(model.peelVersion)} by ${esc(model.generatedBy)} on ${time(model.generatedAt)}. Investigation <code>${esc(investigation.id)}</code>.</p></header>`,
    `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${toc}</ol></nav>`,
    summarySection(model),
    handoverSection(model),
    hypothesesSection(model),
    experimentsSection(model),
    verificationSection(model),
    graphsSection(model),
    rulesSection(model),
    timelineHeader(model),
  ];
  const after = [
    '\n</tbody></table></section>',
    `<footer id="chain-head" class="chain-head"><p><strong>${esc(headSentence(model.head, model.eventCount))}</strong></p><p>${esc(VOUCHES_SENTENCE)}</p>`,
    `<p>Verify: <code class="hash">${esc(verifyCommand(model.databaseFile, model.head))}</code></p></footer>`,
    '</main>',
    '</body>',
    '</html>',
    '',
  ];
  return { before: before.join('\n'), row: timelineRow, after: after.join('\n') };
}

export function renderHtmlReport(model: ReportModel): string {
  return wholeDocument(htmlReportDocument(outlineOf(model)), model.events);
}
