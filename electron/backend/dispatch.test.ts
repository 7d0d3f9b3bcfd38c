import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../shared/contract/channels';
import { PeelError } from '../../shared/contract/errors';
import { LIMITS } from '../../shared/contract/limits';
import { createDispatch } from './dispatch';
import { createHandlers, type Handlers } from './services/handlers';
import { createTestBackend, FIXED_START, type TestBackend } from './services/test-backend';

let t: TestBackend;
let ids: { investigation: string; note: string; hypothesis: string };

beforeEach(async () => {
  t = createTestBackend();
  const investigation = await t.call('investigations.create', {
    title: 'Direct OOMs',
    summary: 'Tasks fail',
    startedAt: FIXED_START,
  });
  const note = await t.call('notes.add', { investigationId: investigation.id, ruleId: null, body: 'first' });
  const hypothesis = await t.call('hypotheses.add', {
    investigationId: investigation.id,
    statement: 'Layer 2 leaks',
    ruleId: 'divide-and-conquer',
  });
  await t.call('checklist.set', { investigationId: investigation.id, itemId: 'fail.restarts', ticked: true });
  ids = { investigation: investigation.id, note: note.id, hypothesis: hypothesis.id };
  t.events.length = 0;
});
afterEach(() => t.dispose());

/** Every table's row count and the head of the audit chain: any write would change one of them. */
function storedState() {
  const db = t.backend.store.db;
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  return {
    investigations: count('investigations'),
    checklistTicks: count('checklist_ticks'),
    noteRevisions: count('note_revisions'),
    hypotheses: count('hypotheses'),
    auditEvents: count('audit_events'),
    experiments: count('experiments'),
    hypothesisRevisions: count('hypothesis_revisions'),
    eventDescriptions: count('event_descriptions'),
    runs: count('runs'),
    head: t.backend.store.audit.head(),
    investigation: t.backend.store.investigations.get(ids.investigation),
    hypothesis: t.backend.store.hypotheses.get(ids.hypothesis),
    ticks: t.backend.store.checklist.list(ids.investigation),
  };
}

function badRequests(): [channel: string, payload: unknown, code: string, message: RegExp][] {
  const inv = ids.investigation;
  const big = 'x'.repeat(10 * 1024 * 1024);
  return [
    ['no.such.call', {}, 'unknown-channel', /no call named 'no\.such\.call'/],
    ['investigations.create', null, 'invalid-request', /request: .*expected object/],
    ['investigations.create', { title: 42, summary: '', startedAt: 0 }, 'invalid-request', /title: /],
    [
      'investigations.create',
      { summary: '', startedAt: 0 },
      'invalid-request',
      /title: this field is required/,
    ],
    [
      'investigations.create',
      { title: '   ', summary: '', startedAt: 0 },
      'invalid-request',
      /title must not be empty/,
    ],
    [
      'investigations.create',
      { title: 't'.repeat(LIMITS.titleLength + 1), summary: '', startedAt: 0 },
      'invalid-request',
      /title: title is too long: the limit is 200 characters/,
    ],
    [
      'investigations.create',
      { title: 't', summary: big, startedAt: 0 },
      'invalid-request',
      /summary: summary is too long: the limit is 20,000 characters/,
    ],
    [
      'investigations.create',
      { title: 't', summary: '', startedAt: 0, id: 'chosen' },
      'invalid-request',
      /'id'/,
    ],
    [
      'checklist.set',
      { investigationId: inv, itemId: 'fail.restarts', ticked: 'no' },
      'invalid-request',
      /ticked: /,
    ],
    [
      'checklist.set',
      { investigationId: inv, itemId: 'no.such.item', ticked: true },
      'invalid-request',
      /itemId: .*'no\.such\.item'/,
    ],
    [
      'checklist.set',
      { investigationId: 'missing-inv', itemId: 'fail.back-pressure', ticked: true },
      'not-found',
      /'missing-inv'/,
    ],
    [
      'notes.add',
      { investigationId: inv, ruleId: null, body: big },
      'invalid-request',
      /body: note is too long: the limit is 100,000/,
    ],
    ['notes.add', { investigationId: inv, ruleId: 'bogus', body: 'b' }, 'invalid-request', /ruleId: /],
    ['notes.add', { investigationId: 'missing-inv', ruleId: null, body: 'b' }, 'not-found', /'missing-inv'/],
    ['notes.correct', { noteId: ids.note, body: ' ' }, 'invalid-request', /body: note must not be empty/],
    ['notes.correct', { noteId: 'missing-note', body: 'b' }, 'not-found', /note with id 'missing-note'/],
    [
      'hypotheses.add',
      { investigationId: inv, statement: 'h'.repeat(LIMITS.hypothesisLength + 1), ruleId: null },
      'invalid-request',
      /statement: hypothesis is too long: the limit is 2,000/,
    ],
    [
      'hypotheses.add',
      { investigationId: 'missing-inv', statement: 's', ruleId: null },
      'not-found',
      /'missing-inv'/,
    ],
    [
      'hypotheses.setStatus',
      { hypothesisId: ids.hypothesis, status: 'refuted', reason: 'r'.repeat(LIMITS.reasonLength + 1) },
      'invalid-request',
      /reason: reason is too long: the limit is 2,000/,
    ],
    [
      'hypotheses.setStatus',
      { hypothesisId: ids.hypothesis, status: 'refuted', reason: '' },
      'invalid-request',
      /reason/,
    ],
    [
      'hypotheses.setStatus',
      { hypothesisId: 'missing-hyp', status: 'refuted', reason: 'r' },
      'not-found',
      /'missing-hyp'/,
    ],
    ['investigations.get', { id: 'missing-inv' }, 'not-found', /investigation with id 'missing-inv'/],
    [
      'investigations.list',
      { query: 'q'.repeat(LIMITS.searchLength + 1) },
      'invalid-request',
      /query: search is too long: the limit is 200/,
    ],
    ['audit.list', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    ['audit.list', { investigationId: inv, limit: 5000 }, 'invalid-request', /limit: /],
    ['audit.verify', { deep: true }, 'invalid-request', /unknown field 'deep'/],
    ['audit.replayStart', {}, 'invalid-request', /investigationId/],
    ['audit.replayCancel', { replayId: 'x', now: true }, 'invalid-request', /unknown field 'now'/],
    ['audit.query', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    ['audit.query', { investigationId: inv, categories: ['gossip'] }, 'invalid-request', /categories\.0: /],
    ['audit.query', { investigationId: inv, offset: -1 }, 'invalid-request', /offset: /],
    [
      'audit.describe',
      { eventId: 'missing-event', body: 'b' },
      'not-found',
      /audit event with id 'missing-event'/,
    ],
    [
      'audit.describe',
      { eventId: 'e', body: '  ' },
      'invalid-request',
      /body: description must not be empty/,
    ],
    [
      'hypotheses.correct',
      { hypothesisId: 'missing-hyp', statement: 's' },
      'not-found',
      /hypothesis with id 'missing-hyp'/,
    ],
    [
      'hypotheses.correct',
      { hypothesisId: ids.hypothesis, statement: '' },
      'invalid-request',
      /statement: hypothesis must not be empty/,
    ],
    ['app.info', { verbose: true }, 'invalid-request', /unknown field 'verbose'/],
    ['scenarios.list', { all: true }, 'invalid-request', /unknown field 'all'/],
    ['sample.create', { fast: true }, 'invalid-request', /unknown field 'fast'/],
    ['lab.state', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    [
      'lab.setScenario',
      { investigationId: inv, scenarioId: 'no-such-scenario' },
      'invalid-request',
      /no scenario 'no-such-scenario'/,
    ],
    [
      'lab.setConfigOverrides',
      { investigationId: inv, configOverrides: { 'taskmanager.memory.process.size': '1g' } },
      'conflict',
      /pick the scenario first/,
    ],
    [
      'lab.previewMemory',
      { scenarioId: 'nope', variant: null, configOverrides: {} },
      'invalid-request',
      /no scenario 'nope'/,
    ],
    [
      'lab.planJob',
      { params: { scenario: 'offheap-map-leak', removed: ['no-such-op'] } },
      'invalid-request',
      /params\.removed\[0\]/,
    ],
    ['lab.preflight', { investigationId: inv, experimentId: 'missing-exp' }, 'not-found', /'missing-exp'/],
    ['lab.capacity', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    ['bundles.importFile', { path: '' }, 'invalid-request', /path/],
    ['bundles.cancelImport', { jobId: 7 }, 'invalid-request', /jobId/],
    [
      'experiments.diff',
      { parentId: 'missing-exp', params: { scenario: 'offheap-map-leak' } },
      'not-found',
      /'missing-exp'/,
    ],
    [
      'experiments.create',
      {
        investigationId: inv,
        parentId: null,
        params: { scenario: 'offheap-map-leak', hours: 0.5, failContainers: [{ atSec: 99999 }] },
      },
      'invalid-request',
      /params\.failContainers\[0\]\.atSec/,
    ],
    ['fixes.apply', { experimentId: 'missing-exp', fixId: 'x', apply: true }, 'not-found', /'missing-exp'/],
    ['runs.start', { experimentId: 'missing-exp' }, 'not-found', /'missing-exp'/],
    ['runs.cancel', { runId: 'missing-run' }, 'not-found', /'missing-run'/],
    ['runs.get', { runId: 'missing-run' }, 'not-found', /'missing-run'/],
    ['runs.page', { investigationId: 'missing-inv', limit: 10 }, 'not-found', /'missing-inv'/],
    ['runs.discardData', { runId: 'missing-run' }, 'not-found', /'missing-run'/],
    ['runs.series', { runId: 'missing-run', keys: ['k'], points: 5 }, 'invalid-request', /points: /],
    ['runs.heatmap', { runId: 'missing-run', columns: 100 }, 'not-found', /'missing-run'/],
    [
      'comparisons.open',
      { investigationId: inv, runIds: ['a'], mode: 'overlay', metric: 'direct' },
      'invalid-request',
      /runIds: /,
    ],
    ['sweeps.start', { experimentId: 'missing-exp', include: 'both' }, 'not-found', /'missing-exp'/],
    ['sweeps.cancel', { sweepId: 'x', extra: 1 }, 'invalid-request', /unknown field 'extra'/],
    ['investigations.resolve', { investigationId: inv, reason: 'fixed' }, 'conflict', /ain't fixed/],
    ['exports.render', { investigationId: 'missing-inv', format: 'md' }, 'not-found', /'missing-inv'/],
    ['exports.render', { investigationId: inv, format: 'docx' }, 'invalid-request', /format: /],
    ['exports.save', { investigationId: inv, format: 'md' }, 'invalid-request', /needs the desktop app/],
    ['bundles.import', { text: '{"format": "peel-bundle"' }, 'invalid-request', /is truncated/],
    ['bundles.import', { text: '{"format":"peel-bundle","version":9}' }, 'invalid-request', /newer Peel/],
    ['imports.status', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    ['imports.marks', { extra: 1 }, 'invalid-request', /unknown field 'extra'/],
    ['imports.trail', { investigationId: inv }, 'conflict', /was not imported from a bundle/],
    ['imports.continue', { investigationId: inv }, 'conflict', /was not imported from a bundle/],
    [
      'real.checkConfig',
      { investigationId: 'missing-inv', config: { text: 'a: 1' } },
      'not-found',
      /'missing-inv'/,
    ],
    [
      'real.importText',
      { investigationId: inv, fileName: 'x.csv', text: 'hello' },
      'invalid-request',
      /x\.csv/,
    ],
    ['real.importFile', { investigationId: 'missing-inv', path: '/tmp/x.csv' }, 'not-found', /'missing-inv'/],
    ['real.openFile', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    [
      'real.queryPrometheus',
      { investigationId: inv, url: 'http://127.0.0.1:1', query: 'up', startSec: 0, endSec: 1, stepSec: 0 },
      'invalid-request',
      /stepSec/,
    ],
    [
      'real.follow',
      { investigationId: 'missing-inv', url: 'http://127.0.0.1:1', query: 'up', startSec: 0, stepSec: 15 },
      'not-found',
      /'missing-inv'/,
    ],
    ['real.cancel', { jobId: 'x', extra: 1 }, 'invalid-request', /unknown field 'extra'/],
    ['real.imports', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    ['real.runs', { investigationId: 'missing-inv' }, 'not-found', /'missing-inv'/],
    [
      'experiments.logReal',
      {
        investigationId: inv,
        parentId: null,
        params: { scenario: 'offheap-map-leak' },
        description: 'restarted it',
        doneAt: 1,
        importIds: ['missing-imp'],
      },
      'not-found',
      /'missing-imp'/,
    ],
    ['drills.list', { extra: 1 }, 'invalid-request', /unknown field 'extra'/],
    ['drills.start', { drillId: 'nope' }, 'invalid-request', /drillId: there is no drill 'nope'/],
    [
      'drills.start',
      { drillFile: '{', fileName: 'a.json' },
      'invalid-request',
      /drillFile: a\.json is not valid JSON/,
    ],
    ['drills.writeFile', { drill: { id: 1 } }, 'invalid-request', /^drills\.writeFile: drill\.id: /],
    ['drills.preview', { drill: { id: 'Bad Id' } }, 'invalid-request', /^drills\.preview: drill\.id: /],
    ['drills.save', {}, 'invalid-request', /^drills\.save: drill: give a drill or a drill file/],
    [
      'drills.readFile',
      { drillFile: '{', fileName: 'x.json' },
      'invalid-request',
      /x\.json is not valid JSON at line 1/,
    ],
    ['drills.saveFile', { drillId: 'nope' }, 'invalid-request', /^drills\.saveFile: /],
    ['drills.fromInvestigation', { investigationId: 'missing-inv' }, 'not-found', /missing-inv/],
    ['drills.traineeReport', { investigationId: inv, format: 'md' }, 'invalid-request', /not a drill/],
    ['drills.session', { investigationId: 'missing-inv' }, 'not-found', /missing-inv/],
    ['drills.takeHint', { investigationId: inv, hintId: 'verify.aba' }, 'invalid-request', /not a drill/],
    [
      'drills.diagnose',
      { investigationId: inv, culprit: 'x', cause: 'platform-leak', fix: 'y', notes: '' },
      'invalid-request',
      /not a drill/,
    ],
    ['drills.scorecard', { investigationId: inv }, 'invalid-request', /not a drill/],
    ['drills.cohort', { extra: 1 }, 'invalid-request', /unknown field 'extra'/],
    ['drills.cohortCsv', { extra: 1 }, 'invalid-request', /unknown field 'extra'/],
  ];
}

describe('backend.dispatch refusing bad requests', () => {
  it('answers each with a clear error naming the channel, and writes nothing', async () => {
    const before = storedState();
    for (const [channel, payload, code, message] of badRequests()) {
      const error = await t.fail(channel, payload);
      expect({ channel, code: error.code }).toEqual({ channel, code });
      expect(error.message).toMatch(message);
      if (code === 'invalid-request') expect(error.message.startsWith(`${channel}: `)).toBe(true);
      expect(error.message.length).toBeLessThan(2000);
    }
    expect(storedState()).toEqual(before);
    expect(t.events).toEqual([]);
  });

  it('covers every channel', () => {
    const tried = new Set(badRequests().map(([channel]) => channel));
    for (const channel of CHANNEL_NAMES) expect(tried).toContain(channel);
  });

  it('reports unknown ids as not-found with the id in the details', async () => {
    const error = await t.fail('investigations.get', { id: 'missing-inv' });
    expect(error).toEqual({
      code: 'not-found',
      message: "There is no investigation with id 'missing-inv'.",
      details: { id: 'missing-inv' },
    });
  });

  it('keeps the data after refusals, across a close and reopen', async () => {
    for (const [channel, payload] of badRequests()) await t.fail(channel, payload);
    const before = storedState();
    t = t.reopen();
    expect(storedState()).toEqual(before);
    const detail = await t.call('investigations.get', { id: ids.investigation });
    expect(detail.notes.map((note) => note.body)).toEqual(['first']);
    expect(detail.hypotheses.map((h) => h.status)).toEqual(['open']);
  });

  it('refuses an unknown checklist item even when unticking, where nothing would change', async () => {
    const before = storedState();
    const error = await t.fail('checklist.set', {
      investigationId: ids.investigation,
      itemId: 'nope',
      ticked: false,
    });
    expect(error.code).toBe('invalid-request');
    expect(storedState()).toEqual(before);
  });
});

describe('createDispatch at the edge', () => {
  function dispatchWith(overrides: Partial<Handlers>) {
    const internal: unknown[] = [];
    const handlers = {
      ...createHandlers(t.backend.context, { host: 'browser', version: 'test', dataDir: t.dataDir }),
      ...overrides,
    } as Handlers;
    return { dispatch: createDispatch(handlers, (error) => internal.push(error)), internal };
  }

  it('turns a malformed service answer into an internal error instead of passing it on', async () => {
    const { dispatch, internal } = dispatchWith({
      'investigations.get': () =>
        ({ investigation: null, checklist: [], notes: [], hypotheses: [] }) as never,
    });
    const result = await dispatch('investigations.get', { id: ids.investigation });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.message).toMatch(
      /^investigations\.get: the backend produced an answer that does not match/,
    );
    expect(result.error.message).toContain('investigation');
    expect(internal).toHaveLength(1);
  });

  it('reports a thrown programming error as internal, naming the channel', async () => {
    const { dispatch, internal } = dispatchWith({
      'app.info': () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const result = await dispatch('app.info', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'app.info: unexpected failure: cannot read properties of undefined',
      },
    });
    expect(internal).toHaveLength(1);
  });

  it('reports a SQLite refusal as a storage error, rolls the change back, and emits nothing', async () => {
    const before = storedState();
    // A temporary trigger stands in for a database that refuses writes (a full disk, a constraint).
    t.backend.store.db.exec(
      "CREATE TEMP TRIGGER refuse_notes BEFORE INSERT ON note_revisions BEGIN SELECT RAISE(ABORT, 'disk is full'); END",
    );
    const error = await t.fail('notes.add', {
      investigationId: ids.investigation,
      ruleId: null,
      body: 'lost?',
    });
    expect(error.code).toBe('storage');
    expect(error.message).toMatch(
      /^notes\.add: the database refused the change \(SQLITE_CONSTRAINT.*disk is full\); nothing was written\.$/,
    );
    expect(storedState()).toEqual(before);
    expect(t.events).toEqual([]);
  });

  it('passes a PeelError thrown by a service through with its code and details', async () => {
    const { dispatch, internal } = dispatchWith({
      'app.info': () => {
        throw new PeelError('conflict', 'Someone else changed it.', { id: 'x' });
      },
    });
    expect(await dispatch('app.info', {})).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Someone else changed it.', details: { id: 'x' } },
    });
    expect(internal).toEqual([]);
  });
});
