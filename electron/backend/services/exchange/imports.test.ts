import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../../shared/contract/channels';
import { chainInput } from '../../../../shared/domain/audit-chain';
import { createLabBackend, createWholeRunsBackend } from '../lab/test-lab';
import type { TestBackend } from '../test-backend';
import { sha256Hex } from './imports';
import { SCRIPT_NOTE, type Story, tellStory } from './test-story';

let story: Story;
let bundleText: string;
beforeAll(async () => {
  story = await tellStory();
  bundleText = (
    await story.t.call('exports.render', { investigationId: story.investigationId, format: 'json' })
  ).text;
}, 60_000);
afterAll(() => story.t.dispose());

let other: TestBackend;
beforeEach(() => {
  other = createLabBackend();
});
afterEach(() => other.dispose());

/** Row counts of every table: what "nothing was written" is checked against. */
function rowCounts(t: TestBackend): Record<string, number> {
  const db = t.backend.store.db;
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'audit_search%'",
    )
    .all();
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the refusal cases edit the bundle's JSON freely, as a forger would
type Json = any;

const bundle = () => JSON.parse(bundleText) as Json;

/** A bundle as a version 1 Peel wrote it: every run with its series, plan and events. */
let versionOne: string;
beforeAll(async () => {
  const whole = await tellStory(createWholeRunsBackend());
  const b = JSON.parse(
    (await whole.t.call('exports.render', { investigationId: whole.investigationId, format: 'json' })).text,
  );
  b.version = 1;
  versionOne = JSON.stringify(b);
  whole.t.dispose();
}, 60_000);
const versionOneText = () => versionOne;

/** Re-hashes the chain after an edit, as a careful forger would, from the event at `from` on. */
function rehash(b: Json): void {
  const all = [...b.chain.events, ...b.chain.links].sort((x, y) => x.seq - y.seq);
  let prev = b.chain.genesis;
  for (const entry of all) {
    entry.prevHash = prev;
    if ('kind' in entry) entry.hash = sha256Hex(chainInput(prev, entry));
    prev = entry.hash;
  }
  b.chain.head.hash = prev;
}

describe('bundles.import: round trip', () => {
  it('recreates the investigation read-only with the same experiments, runs, hypotheses, notes and a verified chain', async () => {
    const info = await other.call('bundles.import', { text: bundleText, fileName: 'story.peel.json' });
    const id = info.investigationId;
    expect(id).not.toBe(story.investigationId);
    expect(info).toMatchObject({
      originalId: story.investigationId,
      exportedBy: 'tester',
      importedBy: 'tester',
    });
    expect(info.chain).toMatchObject({ ok: true, events: info.eventCount });
    expect(info.chain.message).toContain('verifies');

    const [a, b] = await Promise.all([
      story.t.call('lab.state', { investigationId: story.investigationId }),
      other.call('lab.state', { investigationId: id }),
    ]);
    const shape = (lab: typeof a) =>
      lab.experiments.map((e) => ({
        seq: e.seq,
        label: e.label,
        params: e.params,
        diff: e.diff,
        parentSeq: lab.experiments.find((p) => p.id === e.parentId)?.seq ?? null,
        runs: e.runs.map(({ id: _id, experimentId: _e, ...run }) => run),
      }));
    expect(shape(b)).toEqual(shape(a));
    expect(b.proof.complete).toBe(true);
    expect(b.coverage.map((c) => [c.operator, c.status])).toEqual(
      a.coverage.map((c) => [c.operator, c.status]),
    );
    expect(b.resolution?.reason).toBe(a.resolution?.reason);

    const [da, db] = await Promise.all([
      story.t.call('investigations.get', { id: story.investigationId }),
      other.call('investigations.get', { id }),
    ]);
    const runSeq = (lab: typeof a, runId: string | null) =>
      lab.experiments.flatMap((e) => e.runs).find((r) => r.id === runId)?.seq ?? null;
    const hyps = (d: typeof da, lab: typeof a) =>
      d.hypotheses.map((h) => [h.statement, h.status, h.reason, runSeq(lab, h.decidedByRunId)]);
    expect(hyps(db, b)).toEqual(hyps(da, a));
    const notes = (d: typeof da) => d.notes.map((n) => [n.ruleId, n.body, n.history.map((r) => r.body)]);
    expect(notes(db)).toEqual(notes(da));
    expect(db.notes.some((n) => n.history[0]!.body === SCRIPT_NOTE)).toBe(true);
    // As exported: the export itself then ticked "exported the trail" at home, after the bundle was written.
    const exportedTicks = (bundle().checklist as { itemId: string; ticked: boolean; by: string }[])
      .map((c) => [c.itemId, c.ticked, c.by])
      .sort();
    expect(db.checklist.map((c) => [c.itemId, c.ticked, c.by]).sort()).toEqual(exportedTicks);
    expect(da.checklist.find((c) => c.itemId === 'fresh.handover')?.ticked).toBe(true);

    const runA = a.experiments[0]!.runs[0]!;
    const runB = b.experiments[0]!.runs[0]!;
    const series = (t: TestBackend, runId: string) =>
      t.call('runs.series', { runId, keys: ['tm/tm-1/Status.JVM.Memory.Direct.MemoryUsed'], points: 200 });
    expect(await series(other, runB.id)).toEqual(await series(story.t, runA.id));

    // Its own trail holds the import; the imported trail is kept as it arrived.
    const local = await other.call('audit.list', { investigationId: id });
    expect(local.map((e) => e.kind)).toEqual(['investigation.imported']);
    expect(local[0]!.payload).toMatchObject({ head: info.head, originalId: story.investigationId });
    const trail = await other.call('imports.trail', { investigationId: id, limit: 3 });
    expect(trail.map((e) => e.seq)).toEqual([info.head.count, info.head.count - 1, info.head.count - 2]);
    expect(trail.at(-1)!.investigationId).toBe(story.investigationId);
  });

  it('can import the same bundle twice, and into the database it came from', async () => {
    const first = await other.call('bundles.import', { text: bundleText });
    const second = await other.call('bundles.import', { text: bundleText });
    expect(second.investigationId).not.toBe(first.investigationId);
    const home = await story.t.call('bundles.import', { text: bundleText });
    expect(home.investigationId).not.toBe(story.investigationId);
    const marks = await other.call('imports.marks', {});
    expect(marks.map((m) => m.kind)).toEqual(['imported', 'imported']);
  });
});

describe('bundles.import: refusals write nothing and say what is wrong and where', () => {
  const cases: [string, () => string, RegExp][] = [
    [
      'malformed JSON',
      () => bundleText.replace('"format": "peel-bundle"', '"format" "peel-bundle"'),
      /is not valid JSON: .* at line 3, column \d+/,
    ],
    [
      'a truncated file',
      () => bundleText.slice(0, Math.floor(bundleText.length / 2)),
      /is truncated: its JSON stops at line \d+, column \d+/,
    ],
    ['an empty file', () => '  ', /is empty/],
    [
      'something that is not a bundle',
      () => JSON.stringify({ hello: 'world' }),
      /is not a Peel bundle: its "format" is missing/,
    ],
    [
      'a schema violation',
      () => {
        const b = bundle();
        b.runs[2].seq = 'two';
        return JSON.stringify(b);
      },
      /does not match the Peel bundle schema \(version 2\): runs\[2\]\.seq: /,
    ],
    [
      'an unknown field',
      () => JSON.stringify({ ...bundle(), extra: true }),
      /\(top level\): Unrecognized key: "extra"/,
    ],
    [
      'a tampered event payload',
      () => {
        const b = bundle();
        b.chain.events[5].payload.body = 'something else';
        return JSON.stringify(b);
      },
      /chain\.events\[5\] \(seq 6, [a-z.-]+\): its content does not match its hash/,
    ],
    [
      'a broken link',
      () => {
        const b = bundle();
        b.chain.events[9].prevHash = 'f'.repeat(64);
        return JSON.stringify(b);
      },
      /chain\.events\[9\] \(seq 10, [a-z.-]+\): broken link: its prevHash f{12}… is not the hash of seq 9/,
    ],
    [
      'a removed event',
      () => {
        const b = bundle();
        b.chain.events.splice(3, 1);
        return JSON.stringify(b);
      },
      /the chain skips from seq 3 to 5/,
    ],
    [
      'a future version',
      () => JSON.stringify({ ...bundle(), version: 3 }),
      /was written by a newer Peel \(bundle version 3; this Peel reads versions 1 and 2\)/,
    ],
    [
      'a note changed after export (the events re-hashed to match)',
      () => {
        const b = bundle();
        const note = b.notes.find((n: Json) => n.revisions[0].body === SCRIPT_NOTE);
        note.revisions[0].body = 'I never wrote that';
        rehash(b);
        return JSON.stringify(b);
      },
      /note \S+ \(revision \S+\): the text is 'I never wrote that' but event #\d+ recorded/,
    ],
    [
      "a run's verdict set to flat",
      () => {
        const b = bundle();
        const run = b.runs.find((r: Json) => r.status === 'completed' && r.verdict !== 'flat');
        run.verdict = 'flat';
        return JSON.stringify(b);
      },
      /run \d+: verdict is 'flat' but event #\d+ recorded '(leak|sawtooth|blip)'/,
    ],
    [
      "a run's series data edited (one base64 character), in a version 1 bundle",
      () => {
        const b = JSON.parse(versionOneText());
        const run = b.runs.find((r: Json) => r.status === 'completed');
        const series = run.series[0];
        const i = Math.floor(series.data.length / 2);
        series.data =
          series.data.slice(0, i) + (series.data[i] === 'A' ? 'B' : 'A') + series.data.slice(i + 1);
        return JSON.stringify(b);
      },
      /run \d+: (its series are not what event #\d+ recorded|runs\[\d+\]\.series\[0\] \('.+'\) (cannot be read|holds))/,
    ],
    [
      "the hand-over's suspects rewritten",
      () => {
        const b = bundle();
        b.handover.suspects = ['Sink'];
        return JSON.stringify(b);
      },
      /handover: its suspects \(\["Sink"\]\) is not what its records give/,
    ],
    [
      "the hand-over's next step rewritten",
      () => {
        const b = bundle();
        b.handover.nextStep = { ...b.handover.nextStep, title: 'Nothing left to do' };
        return JSON.stringify(b);
      },
      /handover: its next step .* is not what its records give/,
    ],
    [
      'exportedBy changed',
      () => {
        const b = bundle();
        b.exportedBy = 'mallory';
        return JSON.stringify(b);
      },
      /exportedBy is 'mallory' but event #\d+ recorded the export by 'tester'/,
    ],
    [
      'a key written twice (JSON.parse would keep the last, another reader the first)',
      () => bundleText.replace('"exportedBy":', '"exportedBy":"mallory","exportedBy":'),
      /cannot be read one way only: the key "exportedBy" appears twice/,
    ],
    [
      'a file that is not JSON at all',
      () => 'Time,Value\n1,2\n',
      /is not JSON: a Peel bundle is a JSON object/,
    ],
    [
      'a run referring to no experiment',
      () => {
        const b = bundle();
        b.runs[1].experimentId = 'ghost';
        return JSON.stringify(b);
      },
      /runs\[1\]\.experimentId: there is no experiment 'ghost' in the bundle/,
    ],
    [
      'a checklist item listed twice',
      () => {
        const b = bundle();
        b.checklist.push({ ...b.checklist[0] });
        return JSON.stringify(b);
      },
      /checklist\[\d+\]\.itemId: '[a-z.-]+' is listed twice \(also at checklist\[0\]\)/,
    ],
  ];

  it.each(cases)('refuses %s', async (_name, make, message) => {
    const before = rowCounts(other);
    const error = await other.fail('bundles.import', { text: make() });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^bundles\.import: .*Nothing was imported\.$/s);
    expect(rowCounts(other)).toEqual(before);
  });
});

describe('an imported investigation is read-only', () => {
  let id: string;
  let experimentId: string;
  let experimentParams: object;
  let runIds: string[];
  let noteId: string;
  let hypothesisId: string;
  beforeEach(async () => {
    id = (await other.call('bundles.import', { text: bundleText })).investigationId;
    const lab = await other.call('lab.state', { investigationId: id });
    experimentId = lab.experiments[0]!.id;
    experimentParams = lab.experiments[0]!.params;
    runIds = lab.experiments.flatMap((e) => e.runs.map((r) => r.id));
    const detail = await other.call('investigations.get', { id });
    noteId = detail.notes[0]!.id;
    hypothesisId = detail.hypotheses[0]!.id;
  });

  // Every channel that changes an investigation, pointed at the imported one.
  const writes: [ChannelName, () => unknown][] = [
    ['checklist.set', () => ({ investigationId: id, itemId: 'fail.fast', ticked: false })],
    ['notes.add', () => ({ investigationId: id, ruleId: null, body: 'mine now' })],
    ['notes.correct', () => ({ noteId, body: 'rewritten' })],
    ['hypotheses.add', () => ({ investigationId: id, statement: 'another', ruleId: null })],
    ['hypotheses.setStatus', () => ({ hypothesisId, status: 'open', reason: '' })],
    ['hypotheses.correct', () => ({ hypothesisId, statement: 'reworded' })],
    ['lab.setConfigOverrides', () => ({ investigationId: id, configOverrides: {} })],
    ['lab.preflight', () => ({ investigationId: id, experimentId })],
    [
      'experiments.create',
      () => ({ investigationId: id, parentId: experimentId, params: { ...experimentParams, seed: 5 } }),
    ],
    ['fixes.apply', () => ({ experimentId, fixId: 'free-map-in-close', apply: true })],
    ['runs.start', () => ({ experimentId })],
    ['sweeps.start', () => ({ experimentId, include: 'layers' })],
    [
      'comparisons.open',
      () => ({ investigationId: id, runIds: runIds.slice(0, 2), mode: 'overlay', metric: 'direct' }),
    ],
  ];

  it.each(writes)('%s is refused with a message that says so and what to do', async (channel, request) => {
    const before = rowCounts(other);
    const error = await other.fail(channel, request());
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(
      new RegExp(
        `^${channel.replace('.', '\\.')}: “.*” was imported from tester's bundle and is read-only; nothing was written\\. Continue it in a new branch`,
      ),
    );
    expect(rowCounts(other)).toEqual(before);
  });

  it('cannot be resolved again or exported as if it were local', async () => {
    expect(
      (await other.fail('investigations.resolve', { investigationId: id, reason: 'again' })).code,
    ).toMatch(/forbidden|conflict/);
    const exported = await other.fail('exports.render', { investigationId: id, format: 'md' });
    expect(exported).toMatchObject({ code: 'conflict' });
    expect(exported.message).toContain('was imported: the bundle it came from is its export');
  });

  it('still reads: lab state, runs, series, its status with the hand-over', async () => {
    const status = await other.call('imports.status', { investigationId: id });
    expect(status.branch).toBeNull();
    expect(status.imported?.handover.ruledOut.hypotheses[0]?.statement).toBe(
      'Layer 2 leaks: without layer 3 the staircase remains',
    );
    expect(status.imported?.handover.nextStep.title).toBe('Hand it over');
    expect((await other.call('runs.get', { runId: runIds[0]! })).run.status).toBe('completed');
  });
});

describe('imports.continue', () => {
  it('starts a writable branch with the records carried over, naming the imported chain head', async () => {
    const imported = await other.call('bundles.import', { text: bundleText });
    const branch = await other.call('imports.continue', { investigationId: imported.investigationId });
    expect(branch).toMatchObject({
      status: 'open',
      title: `${imported.title} (continued)`,
      createdBy: 'tester',
    });
    const trail = await other.call('audit.list', { investigationId: branch.id });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      kind: 'investigation.continued',
      payload: {
        importedHead: imported.head,
        importedInvestigationId: imported.investigationId,
        carried: { experiments: 8, runs: 8 },
      },
    });

    const lab = await other.call('lab.state', { investigationId: branch.id });
    expect(lab.experiments).toHaveLength(8);
    expect(lab.resolution).toBeNull();
    expect(lab.proof.complete).toBe(true);
    // Its experiments are parents to derive from, and it is the colleague's to change.
    const derived = await other.call('experiments.create', {
      investigationId: branch.id,
      parentId: lab.experiments[0]!.id,
      params: { ...lab.experiments[0]!.params, seed: 9 },
    });
    expect(derived).toMatchObject({ seq: 9, parentId: lab.experiments[0]!.id });
    await other.call('notes.add', { investigationId: branch.id, ruleId: null, body: 'Picking this up.' });

    const status = await other.call('imports.status', { investigationId: branch.id });
    expect(status.branch).toMatchObject({
      importedInvestigationId: imported.investigationId,
      importedHead: imported.head,
    });
    const source = await other.call('imports.status', { investigationId: imported.investigationId });
    expect(source.imported?.branches.map((b) => b.investigationId)).toEqual([branch.id]);
    // The branch exports like any local investigation; its bundle's chain starts at the continuation.
    const exported = await other.call('exports.render', { investigationId: branch.id, format: 'json' });
    expect(JSON.parse(exported.text).chain.events[0].kind).toBe('investigation.continued');
  });

  it('refuses an investigation that was not imported', async () => {
    const error = await story.t.fail('imports.continue', { investigationId: story.investigationId });
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toContain('was not imported from a bundle');
  });
});
