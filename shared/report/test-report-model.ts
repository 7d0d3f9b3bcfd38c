// Test support: a small hand-written report model whose user text tries every trick (script tags, Markdown that
// would break a table or the outline, quotes and commas for the CSV), for the pure writers' tests.
import { RULES } from '../domain/rules';
import type { ReportEvent, ReportModel } from './report-model';

export const HOSTILE =
  '<script>alert("x")</script> | *bold* [link](javascript:alert(1)), "quoted"\nnext line';

const T0 = Date.UTC(2026, 0, 5, 9, 30, 0, 123);

function event(seq: number, kind: string, description: string, ruleId: string | null = null): ReportEvent {
  return {
    seq,
    id: `ev-${seq}`,
    at: T0 + seq * 1000,
    actor: seq === 2 ? 'bob, "the reviewer"' : 'alice',
    kind,
    category: kind.split('.')[0]!,
    ruleId,
    rule: ruleId ? '6. Keep an Audit Trail' : null,
    description,
    payloadJson: JSON.stringify({ seq, text: seq === 2 ? HOSTILE : 'plain' }),
    prevHash: (seq - 1).toString(16).padStart(64, '0'),
    hash: seq.toString(16).padStart(64, '0'),
  };
}

export function testReportModel(overrides: Partial<ReportModel> = {}): ReportModel {
  const events = [
    event(1, 'investigation.created', 'Opened the investigation “Direct OOMs”', 'keep-an-audit-trail'),
    event(2, 'note.added', `Wrote a note: ${HOSTILE}`, 'keep-an-audit-trail'),
    event(3, 'run.completed', 'Run #1 finished: 11 restarts, 2 OOMs, 0 full GCs'),
  ];
  return {
    generatedAt: T0 + 60_000,
    generatedBy: 'alice',
    peelVersion: '0.1.0',
    databaseFile: 'peel.sqlite',
    investigation: {
      id: 'inv-1',
      title: `Direct OOMs ${HOSTILE}`,
      summary: `Tasks fail.\n\n${HOSTILE}`,
      startedAt: T0 - 3_600_000,
      createdAt: T0,
      createdBy: 'alice',
      status: 'resolved',
      system: 'Off-heap map leak (offheap-map-leak)',
    },
    resolution: { at: T0 + 50_000, by: 'alice', reason: `Fixed: ${HOSTILE}`, proofRunSeqs: [2, 3, 4] },
    counts: { experiments: 2, runs: 2, hypotheses: 2, notes: 2, events: events.length },
    handover: {
      status: 'resolved',
      resolution: { at: T0 + 50_000, by: 'alice', reason: 'Fixed' },
      ruledOut: {
        hypotheses: [{ statement: `Layer 2 leaks ${HOSTILE}`, reason: 'Run #2: flat', runSeq: 2 }],
        operators: [{ operator: 'kafka-clicks', layer: 'layer1', reason: 'ran without a leak in run #2' }],
      },
      established: [{ statement: 'Layer 3 leaks', reason: 'Run #3: leak', runSeq: 3 }],
      implicated: [{ operator: 'currency-convert', layer: 'layer3', reason: 'present in every leaking run' }],
      suspects: ['currency-convert'],
      openHypotheses: ['# Not a heading'],
      nextStep: { ruleId: 'get-a-fresh-view', title: 'Hand it over', detail: 'Export the trail.' },
    },
    hypotheses: [
      {
        statement: `Layer 2 leaks ${HOSTILE}`,
        rule: '4. Divide and Conquer',
        status: 'refuted',
        reason: 'Run #2: flat',
        predicts: 'leak',
        decidedByRunSeq: 2,
        decidedAutomatically: true,
        createdAt: T0,
        createdBy: 'alice',
      },
      {
        statement: 'Layer 3 leaks',
        rule: null,
        status: 'open',
        reason: null,
        predicts: null,
        decidedByRunSeq: null,
        decidedAutomatically: false,
        createdAt: T0,
        createdBy: 'alice',
      },
    ],
    experiments: [
      {
        seq: 1,
        parentSeq: null,
        label: 'baseline',
        diff: [],
        multiChangeConfirmed: false,
        hypothesis: null,
        createdAt: T0,
        createdBy: 'alice',
        runs: [
          {
            seq: 1,
            status: 'completed',
            verdict: 'leak',
            summary: 'leak',
            retainedBytesPerRestart: 128 * 1024 * 1024,
            restarts: 11,
            ooms: 2,
            peakDirectBytes: 1024 ** 3,
            startedAt: T0,
            startedBy: 'alice',
          },
        ],
      },
      {
        seq: 2,
        parentSeq: 1,
        label: 'removed layer 3',
        diff: ['removed layer 3 | with a pipe'],
        multiChangeConfirmed: false,
        hypothesis: null,
        createdAt: T0,
        createdBy: 'alice',
        runs: [],
      },
    ],
    proof: {
      complete: false,
      fixes: ['free-map-in-close'],
      missing: 'Missing: without the fix.',
      steps: [
        { label: 'With the fix', expect: 'no-leak', runSeq: 2, experimentSeq: 2, result: 'flat', ok: true },
        {
          label: 'Without the fix',
          expect: 'leak',
          runSeq: null,
          experimentSeq: null,
          result: null,
          ok: false,
        },
      ],
    },
    coverage: [],
    graphs: [
      {
        runSeq: 1,
        role: 'baseline',
        title: 'Run #1: baseline',
        caption: 'Experiment #1',
        fileName: 'run-1-direct.svg',
        svg: '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="plot-clip"><rect/></clipPath></defs><g clip-path="url(#plot-clip)"></g></svg>\n',
      },
      {
        runSeq: 2,
        role: 'peel',
        title: 'Run #2: peel',
        caption: 'Experiment #2',
        fileName: 'run-2-direct.svg',
        svg: '<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="plot-clip"><rect/></clipPath></defs><g clip-path="url(#plot-clip)"></g></svg>',
      },
    ],
    investigationNotes: [
      { body: `General ${HOSTILE}`, createdAt: T0, createdBy: 'alice', updatedAt: T0, revisions: 1 },
    ],
    rules: RULES.map((rule, i) => ({
      id: rule.id,
      number: rule.number,
      title: rule.title,
      summary: rule.summary,
      items: rule.checklist.map((item, j) => ({
        id: item.id,
        text: item.text,
        ticked: j === 0,
        at: j === 0 ? T0 : null,
        by: j === 0 ? 'alice' : null,
        evidence: i === 1 && j === 0 ? 'run #1 shut containers down 11×' : null,
        evidenceRunSeqs: i === 1 && j === 0 ? [1] : [],
        evidenceEventSeq: i === 1 && j === 0 ? 12 : null,
      })),
      notes:
        i === 2
          ? [
              {
                body: `# Heading in a note\n${HOSTILE}\n\n\`<b>code</b>\``,
                createdAt: T0,
                createdBy: 'alice',
                updatedAt: T0 + 5000,
                revisions: 2,
              },
            ]
          : [],
    })),
    events,
    head: { count: 7, hash: 'ab'.repeat(32) },
    ...overrides,
  };
}
