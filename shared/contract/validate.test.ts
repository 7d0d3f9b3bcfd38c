import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelName, type RequestOf } from './channels';
import { PeelError } from './errors';
import { LIMITS } from './limits';
import { checkResponse, parseRequest } from './validate';

/** A valid request for every channel; the bad payloads below are each one change away from these. */
const VALID: { [C in ChannelName]: RequestOf<C> } = {
  'app.info': {},
  'investigations.list': { query: 'leak' },
  'investigations.create': { title: 'Direct OOMs', summary: 'Tasks fail', startedAt: 1_700_000_000_000 },
  'investigations.get': { id: 'inv-1' },
  'checklist.set': { investigationId: 'inv-1', itemId: 'fail.restarts', ticked: true },
  'notes.add': { investigationId: 'inv-1', ruleId: 'make-it-fail', body: 'Paused the sink' },
  'notes.correct': { noteId: 'note-1', body: 'Paused the sink for 10 min' },
  'hypotheses.add': { investigationId: 'inv-1', statement: 'Layer 2 leaks', ruleId: null },
  'hypotheses.setStatus': { hypothesisId: 'hyp-1', status: 'refuted', reason: 'Only a blip' },
  'audit.list': { investigationId: 'inv-1', beforeSeq: 10, limit: 50 },
  'audit.verify': {},
  'audit.replayStart': { investigationId: 'inv-1' },
  'audit.replayCancel': { replayId: 'replay-1' },
  'audit.query': {
    investigationId: 'inv-1',
    ruleIds: ['make-it-fail'],
    categories: ['run', 'note'],
    text: 'sink',
    upToSeq: 75,
    offset: 200,
    limit: 100,
  },
  'audit.describe': { eventId: 'event-1', body: 'Paused the sink on purpose' },
  'hypotheses.correct': { hypothesisId: 'hyp-1', statement: 'Layer 3 leaks' },
  'scenarios.list': {},
  'sample.create': {},
  'lab.capacity': { investigationId: 'inv-1', experimentId: 'exp-1' },
  'lab.state': { investigationId: 'inv-1' },
  'lab.setScenario': { investigationId: 'inv-1', scenarioId: 'offheap-map-leak' },
  'lab.setConfigOverrides': { investigationId: 'inv-1', configOverrides: { 'env.java.opts': '' } },
  'lab.previewMemory': { scenarioId: 'offheap-map-leak', variant: null, configOverrides: {} },
  'lab.planJob': { params: { scenario: 'offheap-map-leak', removed: ['layer3'] } },
  'lab.preflight': { investigationId: 'inv-1', experimentId: 'exp-1' },
  'experiments.diff': { parentId: 'exp-1', params: { scenario: 'offheap-map-leak', control: true } },
  'experiments.create': {
    investigationId: 'inv-1',
    parentId: 'exp-1',
    params: { scenario: 'offheap-map-leak', removed: ['layer2', 'layer3'], seed: 7 },
    label: 'peel layers 2 and 3',
    hypothesisId: 'hyp-1',
    confirmMultiChange: false,
  },
  'fixes.apply': { experimentId: 'exp-1', fixId: 'free-map-on-close', apply: true },
  'runs.start': { experimentId: 'exp-1' },
  'runs.cancel': { runId: 'run-1' },
  'runs.discardData': { runId: 'run-1' },
  'runs.page': { investigationId: 'inv-1', experimentId: 'exp-1', before: 40, limit: 50 },
  'runs.get': { runId: 'run-1' },
  'runs.series': {
    runId: 'run-1',
    keys: ['tm/tm-1/Status.JVM.Memory.Direct.MemoryUsed'],
    fromSec: 0,
    toSec: 3600,
    points: 2000,
  },
  'runs.heatmap': { runId: 'run-1', fromSec: 0, toSec: 3600, columns: 600 },
  'comparisons.open': {
    investigationId: 'inv-1',
    runIds: ['run-1', 'run-2'],
    mode: 'overlay',
    metric: 'direct',
  },
  'sweeps.start': { experimentId: 'exp-1', include: 'both' },
  'sweeps.cancel': { sweepId: 'sweep-1' },
  'investigations.resolve': { investigationId: 'inv-1', reason: 'A/B/A proof attached' },
  'exports.render': { investigationId: 'inv-1', format: 'md', purpose: 'download' },
  'exports.save': { investigationId: 'inv-1', format: 'pdf' },
  'bundles.import': { text: '{"format":"peel-bundle"}', fileName: 'handover.peel.json' },
  'bundles.importFile': { path: '/tmp/handover.peel.json' },
  'bundles.cancelImport': { jobId: 'job-1' },
  'imports.status': { investigationId: 'inv-1' },
  'imports.marks': {},
  'imports.trail': { investigationId: 'inv-1', beforeSeq: 10, limit: 50 },
  'imports.continue': { investigationId: 'inv-1', title: 'Picking up the ads OOMs' },
  'real.checkConfig': { investigationId: 'inv-1', config: { text: 'taskmanager.memory.process.size: 4g' } },
  'real.importText': { investigationId: 'inv-1', fileName: 'direct.csv', text: '"Time","tm-1"' },
  'real.importFile': { investigationId: 'inv-1', path: '/tmp/direct.csv' },
  'real.openFile': { investigationId: 'inv-1' },
  'real.queryPrometheus': {
    investigationId: 'inv-1',
    url: 'http://127.0.0.1:9090',
    query: 'up',
    startSec: 0,
    endSec: 60,
    stepSec: 15,
  },
  'real.follow': {
    investigationId: 'inv-1',
    url: 'http://127.0.0.1:9090',
    query: 'up',
    startSec: 0,
    stepSec: 15,
  },
  'real.cancel': { jobId: 'job-1' },
  'real.imports': { investigationId: 'inv-1' },
  'real.runs': { investigationId: 'inv-1' },
  'experiments.logReal': {
    investigationId: 'inv-1',
    parentId: 'exp-1',
    params: { scenario: 'offheap-map-leak', removed: ['layer3'] },
    description: 'Signalled 3 containers at 14:05',
    doneAt: 1_700_000_000_000,
    importIds: ['imp-1'],
  },
  'drills.list': {},
  'drills.start': { drillId: 'sawtooth', seed: 7, surprise: false },
  'drills.writeFile': { drill: { id: 'x' } },
  'drills.preview': { drill: { id: 'x' } },
  'drills.save': { drill: { id: 'x' } },
  'drills.readFile': { drillFile: '{}', fileName: 'a.json' },
  'drills.saveFile': { drillId: 'x' },
  'drills.fromInvestigation': { investigationId: 'inv-1' },
  'drills.traineeReport': { investigationId: 'inv-1', format: 'md' },
  'drills.session': { investigationId: 'inv-1' },
  'drills.takeHint': { investigationId: 'inv-1', hintId: 'make-it-fail.on-purpose' },
  'drills.diagnose': {
    investigationId: 'inv-1',
    culprit: 'enrich',
    cause: 'map-not-freed-in-close',
    fix: 'free-in-close@enrich',
    notes: 'grows per restart',
  },
  'drills.scorecard': { investigationId: 'inv-1' },
  'drills.cohort': {},
  'drills.cohortCsv': {},
};

const OPTIONAL_FIELDS = new Set([
  'investigations.list.query',
  'audit.list.beforeSeq',
  'audit.list.limit',
  'audit.query.ruleIds',
  'audit.query.categories',
  'audit.query.text',
  'audit.query.upToSeq',
  'audit.query.offset',
  'audit.query.limit',
  'experiments.create.label',
  'experiments.create.hypothesisId',
  'experiments.create.confirmMultiChange',
  // Either keys or taskManagerMetric (the handler refuses neither or both, saying so).
  'runs.series.keys',
  'runs.series.fromSec',
  'runs.series.toSec',
  'runs.page.experimentId',
  'runs.page.before',
  'runs.heatmap.fromSec',
  'runs.heatmap.toSec',
  'exports.render.purpose',
  'bundles.import.fileName',
  'lab.capacity.experimentId',
  'imports.trail.beforeSeq',
  'imports.trail.limit',
  'imports.continue.title',
  'drills.start.drillId',
  'drills.start.seed',
  'drills.start.surprise',
  'drills.start.drillFile',
  'drills.start.fileName',
  'drills.save.drill',
  'drills.save.drillFile',
  'drills.save.fileName',
  'drills.readFile.fileName',
]);

/** A value of the wrong type for a field, whatever type the field has. */
function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return '42';
  if (typeof value === 'boolean') return 'true';
  if (value === null) return { nested: true };
  return 'wrong';
}

function rejection(channel: string, payload: unknown): PeelError {
  try {
    parseRequest(channel, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(PeelError);
    return error as PeelError;
  }
  throw new Error(`${channel} accepted ${JSON.stringify(payload)?.slice(0, 200)}`);
}

const fieldCases = CHANNEL_NAMES.flatMap((channel) =>
  Object.entries(VALID[channel] as Record<string, unknown>).map(([field, value]) => ({
    channel,
    field,
    value,
  })),
);

describe('parseRequest', () => {
  it('has a valid example for every channel, and accepts it unchanged', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const channel of CHANNEL_NAMES) {
      expect(parseRequest(channel, VALID[channel])).toEqual({ channel, request: VALID[channel] });
    }
  });

  it.each(['nope', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'INVESTIGATIONS.LIST'])(
    "refuses the unknown channel '%s' by name",
    (name) => {
      const error = rejection(name, {});
      expect(error.code).toBe('unknown-channel');
      expect(error.message).toBe(`There is no call named '${name}'.`);
    },
  );

  it.each(CHANNEL_NAMES)('%s: refuses a payload that is not an object', (channel) => {
    for (const payload of [null, undefined, [], 'text', 7, true]) {
      const error = rejection(channel, payload);
      expect(error.code).toBe('invalid-request');
      expect(error.message).toMatch(
        new RegExp(`^${channel.replace('.', '\\.')}: request: .*expected object`),
      );
    }
  });

  it.each(CHANNEL_NAMES)('%s: refuses an unknown field and names it', (channel) => {
    const error = rejection(channel, { ...VALID[channel], sneaky: 1 });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toBe(`${channel}: request: unknown field 'sneaky'`);
    // JSON.parse makes "__proto__" an own key: it must not slip through as a prototype.
    const rest = JSON.stringify(VALID[channel]).slice(1);
    const proto = rejection(
      channel,
      JSON.parse(`{"__proto__":{"admin":true}${rest === '}' ? '' : ','}${rest}`),
    );
    expect(proto.message).toContain("unknown field '__proto__'");
  });

  it.each(fieldCases.filter(({ channel, field }) => !OPTIONAL_FIELDS.has(`${channel}.${field}`)))(
    '$channel: refuses the request without $field and names it',
    ({ channel, field }) => {
      const payload: Record<string, unknown> = { ...VALID[channel] };
      delete payload[field];
      const error = rejection(channel, payload);
      expect(error.code).toBe('invalid-request');
      expect(error.message).toMatch(
        new RegExp(`^${channel.replace('.', '\\.')}: ${field}: this field is required`),
      );
      expect(error.details).toEqual({ issues: [expect.objectContaining({ path: [field] })] });
    },
  );

  it.each(fieldCases)(
    '$channel: refuses $field of the wrong type and names it',
    ({ channel, field, value }) => {
      const error = rejection(channel, { ...VALID[channel], [field]: wrongTypeFor(value) });
      expect(error.code).toBe('invalid-request');
      expect(error.message).toMatch(new RegExp(`^${channel.replace('.', '\\.')}: ${field}: `));
      expect(error.message).not.toContain('required');
    },
  );

  it.each([
    ['investigations.create', 'title', 'title', LIMITS.titleLength],
    ['investigations.create', 'summary', 'summary', LIMITS.summaryLength],
    ['investigations.list', 'query', 'search', LIMITS.searchLength],
    ['notes.add', 'body', 'note', LIMITS.noteLength],
    ['notes.correct', 'body', 'note', LIMITS.noteLength],
    ['hypotheses.add', 'statement', 'hypothesis', LIMITS.hypothesisLength],
    ['hypotheses.setStatus', 'reason', 'reason', LIMITS.reasonLength],
    ['hypotheses.correct', 'statement', 'hypothesis', LIMITS.hypothesisLength],
    ['audit.describe', 'body', 'description', LIMITS.eventDescriptionLength],
    ['audit.query', 'text', 'search', LIMITS.searchLength],
    ['imports.continue', 'title', 'title', LIMITS.titleLength],
  ] as const)(
    '%s: refuses an oversize %s, naming the field and the limit',
    (channel, field, label, limit) => {
      expect(() => parseRequest(channel, { ...VALID[channel], [field]: 'x'.repeat(limit) })).not.toThrow();
      const error = rejection(channel, { ...VALID[channel], [field]: 'x'.repeat(limit + 1) });
      expect(error.code).toBe('invalid-request');
      expect(error.message).toBe(
        `${channel}: ${field}: ${label} is too long: the limit is ${limit.toLocaleString('en-US')} characters`,
      );
    },
  );

  it('refuses a 10 MB note without echoing it back', () => {
    const error = rejection('notes.add', { ...VALID['notes.add'], body: 'x'.repeat(10 * 1024 * 1024) });
    expect(error.message).toBe('notes.add: body: note is too long: the limit is 100,000 characters');
    expect(JSON.stringify(error.toShape()).length).toBeLessThan(1000);
  });

  it.each([
    ['investigations.create', 'title', 'title'],
    ['notes.add', 'body', 'note'],
    ['notes.correct', 'body', 'note'],
    ['hypotheses.add', 'statement', 'hypothesis'],
    ['hypotheses.correct', 'statement', 'hypothesis'],
    ['audit.describe', 'body', 'description'],
  ] as const)('%s: refuses an empty or blank %s', (channel, field, label) => {
    for (const blank of ['', ' ', '\t\n  ']) {
      const error = rejection(channel, { ...VALID[channel], [field]: blank });
      expect(error.message).toBe(`${channel}: ${field}: ${label} must not be empty`);
    }
  });

  it('refuses empty and overlong ids, naming the field', () => {
    expect(rejection('investigations.get', { id: '' }).message).toBe(
      'investigations.get: id: must not be empty',
    );
    expect(rejection('investigations.get', { id: 'x'.repeat(LIMITS.idLength + 1) }).message).toMatch(
      /^investigations\.get: id: .*64/,
    );
  });

  it('refuses values of the right type outside their range', () => {
    const create = VALID['investigations.create'];
    expect(rejection('investigations.create', { ...create, startedAt: -1 }).message).toMatch(
      /^[^;]*: startedAt: /,
    );
    expect(rejection('investigations.create', { ...create, startedAt: 1.5 }).message).toMatch(/startedAt: /);
    expect(rejection('investigations.create', { ...create, startedAt: Number.NaN }).message).toMatch(
      /startedAt: /,
    );
    expect(rejection('audit.list', { investigationId: 'i', limit: 0 }).message).toMatch(/limit: /);
    expect(rejection('audit.list', { investigationId: 'i', limit: 1001 }).message).toMatch(/limit: /);
    expect(rejection('audit.list', { investigationId: 'i', beforeSeq: 0 }).message).toMatch(/beforeSeq: /);
    const page = VALID['runs.page'];
    expect(rejection('runs.page', { ...page, limit: 0 }).message).toMatch(/^runs\.page: limit: /);
    expect(rejection('runs.page', { ...page, limit: LIMITS.runPageSize + 1 }).message).toMatch(/limit: /);
    expect(rejection('runs.page', { ...page, limit: 2.5 }).message).toMatch(/limit: /);
    expect(rejection('runs.page', { ...page, before: 0 }).message).toMatch(/^runs\.page: before: /);
    expect(rejection('notes.add', { ...VALID['notes.add'], ruleId: 'no-such-rule' }).message).toMatch(
      /ruleId: /,
    );
    expect(
      rejection('hypotheses.setStatus', { ...VALID['hypotheses.setStatus'], status: 'maybe' }).message,
    ).toMatch(/status: /);
  });

  it('lists several problems in one message, five at most', () => {
    const error = rejection('investigations.create', { title: 1, summary: 2, startedAt: 'x', a: 1 });
    expect(error.message).toContain('title: ');
    expect(error.message).toContain('summary: ');
    expect(error.message).toContain('startedAt: ');
    expect(error.message).toContain("unknown field 'a'");
    const many = rejection('audit.list', {
      investigationId: 1,
      beforeSeq: 'x',
      limit: 'y',
      ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`extra${i}`, i])),
    });
    expect(many.message.split('; ').length).toBeLessThanOrEqual(5);
  });
});

describe('checkResponse', () => {
  const info = {
    version: '1.0.0',
    host: 'browser',
    dataDir: '/data',
    databasePath: '/data/peel.sqlite',
    user: 'tester',
    schemaVersion: 1,
  };

  it('passes a well-formed answer through', () => {
    expect(checkResponse('app.info', info)).toEqual(info);
  });

  it('drops fields the contract does not declare, so internals never leak to the UI', () => {
    expect(checkResponse('app.info', { ...info, token: 'secret' })).toEqual(info);
  });

  it('turns a malformed answer into an internal error naming the channel and the field', () => {
    let thrown: unknown;
    try {
      checkResponse('investigations.get', {
        investigation: {
          id: 'inv-1',
          title: 7,
          summary: '',
          startedAt: 0,
          createdAt: 0,
          createdBy: 'tester',
          updatedAt: 0,
          status: 'open',
          scenarioId: null,
        },
        checklist: [],
        notes: [],
        hypotheses: 'none',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PeelError);
    const error = thrown as PeelError;
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(
      /^investigations\.get: the backend produced an answer that does not match the contract/,
    );
    expect(error.message).toContain('investigation.title');
    expect(error.message).toContain('hypotheses');
  });

  it('refuses undefined where a list is promised', () => {
    expect(() => checkResponse('investigations.list', undefined)).toThrow(PeelError);
  });
});
