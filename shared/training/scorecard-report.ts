// One trainee's scorecard as a report an instructor hands back: every line with its points, why it scored so, and
// links to the trail events behind it; the events themselves follow, each with an anchor the links point at.
// Markdown for a wiki or a pull request, or one self-contained HTML file (no script, no external resource).
import { describeAuditEvent } from '../domain/describe-audit-event';
import { findRule } from '../domain/rules';
import type { TrailEvent } from './trail-events';

/** A scorecard as read from the trail or received over a channel (line ids as plain strings). */
export interface ReportedScorecard {
  title: string;
  solved: boolean;
  points: number;
  max: number;
  lines: ReadonlyArray<{
    title: string;
    ruleId: string;
    points: number;
    max: number;
    why: string;
    eventSeqs: readonly number[];
  }>;
}

export interface ScorecardReportInput {
  trainee: string;
  scorecard: ReportedScorecard;
  /** The drill's events, oldest first (the verified chain for an import). */
  trail: readonly TrailEvent[];
  /** The chain head the report was read up to, when known. */
  chainHead?: { count: number; hash: string } | null;
  /** When the report was made, UTC epoch milliseconds. */
  madeAt: number;
}

const anchor = (seq: number) => `event-${seq}`;
const iso = (at: number) => new Date(at).toISOString().replace('.000Z', 'Z');
const ruleOf = (id: string) => {
  const rule = findRule(id);
  return rule ? `${rule.number}. ${rule.title}` : id;
};

/** The events any line links to, in trail order. */
function linkedEvents(input: ScorecardReportInput): TrailEvent[] {
  const seqs = new Set(input.scorecard.lines.flatMap((line) => line.eventSeqs));
  return input.trail.filter((event) => seqs.has(event.seq));
}

const mdCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function scorecardMarkdown(input: ScorecardReportInput): string {
  const { scorecard } = input;
  const out: string[] = [
    `# Drill scorecard: ${scorecard.title}`,
    '',
    `- Trainee: ${input.trainee}`,
    `- Solved: ${scorecard.solved ? 'yes (diagnosis right, fix proven A/B/A)' : 'no'}`,
    `- Score: **${scorecard.points} of ${scorecard.max}**`,
    `- Read from the trail on ${iso(input.madeAt)}${input.chainHead ? `, chain head #${input.chainHead.count} \`${input.chainHead.hash.slice(0, 16)}…\`` : ''}`,
    '',
    '| Line | Rule | Points | Why | Events |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const line of scorecard.lines) {
    const links = line.eventSeqs.map((seq) => `[#${seq}](#${anchor(seq)})`).join(' ') || '—';
    out.push(
      `| ${mdCell(line.title)} | ${mdCell(ruleOf(line.ruleId))} | ${line.points}/${line.max} | ${mdCell(line.why)} | ${links} |`,
    );
  }
  const events = linkedEvents(input);
  out.push('', '## Events behind the score', '');
  if (events.length === 0) out.push('No event is linked by any line.');
  for (const event of events)
    out.push(
      `<a id="${anchor(event.seq)}"></a>`,
      `- **#${event.seq}** ${iso(event.at)} \`${event.kind}\`: ${describeAuditEvent({ ...event, ruleId: null })}`,
    );
  return `${out.join('\n')}\n`;
}

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

export function scorecardHtml(input: ScorecardReportInput): string {
  const { scorecard } = input;
  const e = escapeHtml;
  const rows = scorecard.lines
    .map((line) => {
      const links =
        line.eventSeqs.map((seq) => `<a href="#${anchor(seq)}">#${seq}</a>`).join(' ') || '<span>—</span>';
      return `<tr><th scope="row">${e(line.title)}</th><td>${e(ruleOf(line.ruleId))}</td><td class="num">${line.points}/${line.max}</td><td>${e(line.why)}</td><td>${links}</td></tr>`;
    })
    .join('\n');
  const events = linkedEvents(input)
    .map(
      (event) =>
        `<li id="${anchor(event.seq)}"><strong>#${event.seq}</strong> <time datetime="${iso(event.at)}">${iso(event.at)}</time> <code>${e(event.kind)}</code>: ${e(describeAuditEvent({ ...event, ruleId: null }))}</li>`,
    )
    .join('\n');
  const head = input.chainHead
    ? `, chain head #${input.chainHead.count} <code>${e(input.chainHead.hash.slice(0, 16))}…</code>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Drill scorecard: ${e(scorecard.title)} (${e(input.trainee)})</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; color: #1c1f24; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c9ced6; padding: .4rem .6rem; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
a { color: #0b57d0; }
li:target { background: #fff4c2; }
</style>
</head>
<body>
<main>
<h1>Drill scorecard: ${e(scorecard.title)}</h1>
<ul>
<li>Trainee: ${e(input.trainee)}</li>
<li>Solved: ${scorecard.solved ? 'yes (diagnosis right, fix proven A/B/A)' : 'no'}</li>
<li>Score: <strong>${scorecard.points} of ${scorecard.max}</strong></li>
<li>Read from the trail on ${iso(input.madeAt)}${head}</li>
</ul>
<table>
<thead><tr><th scope="col">Line</th><th scope="col">Rule</th><th scope="col">Points</th><th scope="col">Why</th><th scope="col">Events</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Events behind the score</h2>
<ul>
${events || '<li>No event is linked by any line.</li>'}
</ul>
</main>
</body>
</html>
`;
}
