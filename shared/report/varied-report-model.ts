// Test support: the hand-written report model with a long, varied timeline (every character the writers escape,
// in every field, across any chunk boundary) and one with no events at all, for the streamed writers' golden tests.
import type { ReportEvent, ReportModel } from './report-model';
import { HOSTILE, testReportModel } from './test-report-model';

const TRICKS = [
  'pipe | in the middle',
  'line\nbreak and\r\ncarriage return',
  '<b>tag</b> & ampersand &amp; entity',
  '"double" and \'single\' quotes, with a comma',
  '=SUM(A1:A9) looks like a formula',
  '+1 plus, -1 minus, @at',
  '\ttab first',
  'back\\slash and `code` and *stars* and _under_',
  'unicode: é ü 日本語 🙂 — dash',
  '[link](javascript:alert(1)) ![img](x)',
  '# heading-like',
  HOSTILE,
  '',
];

function variedEvent(seq: number): ReportEvent {
  const trick = TRICKS[seq % TRICKS.length]!;
  const ruled = seq % 3 !== 0;
  return {
    seq,
    id: seq % 7 === 0 ? `ev,${seq}` : `ev-${seq}`,
    at: Date.UTC(2026, 0, 5, 9, 30, 0, 123) + seq * 1337,
    actor: seq % 5 === 0 ? `bob, "the reviewer" ${trick}` : 'alice',
    kind: seq % 2 === 0 ? 'note.added' : 'run.completed',
    category: seq % 2 === 0 ? 'notebook' : 'lab',
    ruleId: ruled ? 'keep-an-audit-trail' : null,
    rule: ruled ? `6. Keep an Audit Trail ${seq % 4 === 0 ? trick : ''}`.trim() : null,
    description: `Event ${seq}: ${trick}`,
    payloadJson: JSON.stringify({ seq, text: trick, nested: { list: [seq, trick] } }),
    prevHash: (seq - 1).toString(16).padStart(64, '0'),
    hash: seq.toString(16).padStart(64, '0'),
  };
}

/** `events` events with every escaped character somewhere; the counts and head agree with them. */
export function variedReportModel(events = 97): ReportModel {
  const list = Array.from({ length: events }, (_, i) => variedEvent(i + 1));
  const base = testReportModel();
  return {
    ...base,
    counts: { ...base.counts, events: list.length },
    events: list,
    head: { count: events + 11, hash: 'cd'.repeat(32) },
  };
}
