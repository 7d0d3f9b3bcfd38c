import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKLIST_ITEM_COUNT } from '../../../../shared/domain/rules';
import { createTestBackend, FIXED_START, type TestBackend } from '../test-backend';

let t: TestBackend;
beforeEach(() => {
  t = createTestBackend();
});
afterEach(() => t.dispose());

async function newInvestigation(title = 'Direct OOMs in ads-metrics') {
  return t.call('investigations.create', {
    title,
    summary: 'Tasks fail with `Cannot reserve ... bytes of direct buffer memory`.',
    startedAt: FIXED_START - 3_600_000,
  });
}

describe('investigations', () => {
  it('creates an investigation with an audit event in the same transaction', async () => {
    const created = await newInvestigation();
    expect(created).toMatchObject({
      title: 'Direct OOMs in ads-metrics',
      createdBy: 'tester',
      status: 'open',
    });
    expect(created.createdAt).toBe(FIXED_START);
    const trail = await t.call('audit.list', { investigationId: created.id });
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      kind: 'investigation.created',
      actor: 'tester',
      at: FIXED_START,
      seq: 1,
    });
    expect(t.events.map((event) => event.name)).toEqual(['audit.appended']);
  });

  it('lists newest first and searches title and summary', async () => {
    await newInvestigation('First incident');
    t.advance(1000);
    await newInvestigation('Second incident');
    t.advance(1000);
    await t.call('investigations.create', { title: '50% packet loss', summary: 'net', startedAt: 0 });
    const all = await t.call('investigations.list', {});
    expect(all.map((i) => i.title)).toEqual(['50% packet loss', 'Second incident', 'First incident']);
    expect(all[0]?.checklistTotal).toBe(CHECKLIST_ITEM_COUNT);
    expect((await t.call('investigations.list', { query: 'second' })).map((i) => i.title)).toEqual([
      'Second incident',
    ]);
    expect((await t.call('investigations.list', { query: 'direct buffer' })).length).toBe(2);
    // LIKE wildcards in the query are literal
    expect((await t.call('investigations.list', { query: '50%' })).map((i) => i.title)).toEqual([
      '50% packet loss',
    ]);
    expect(await t.call('investigations.list', { query: '%' })).toHaveLength(1);
  });

  it('reports an unknown id as not-found and writes nothing', async () => {
    const error = await t.fail('investigations.get', { id: 'nope' });
    expect(error.code).toBe('not-found');
    expect(error.message).toContain("'nope'");
  });
});

describe('checklist', () => {
  it('ticks and unticks with one event per change, none for no-ops', async () => {
    const inv = await newInvestigation();
    await t.call('checklist.set', { investigationId: inv.id, itemId: 'plug.memory-settings', ticked: true });
    await t.call('checklist.set', { investigationId: inv.id, itemId: 'plug.memory-settings', ticked: true });
    await t.call('checklist.set', { investigationId: inv.id, itemId: 'plug.memory-settings', ticked: false });
    await t.call('checklist.set', { investigationId: inv.id, itemId: 'fail.restarts', ticked: false });
    const detail = await t.call('investigations.get', { id: inv.id });
    expect(detail.checklist).toEqual([
      expect.objectContaining({ itemId: 'plug.memory-settings', ruleId: 'check-the-plug', ticked: false }),
    ]);
    const kinds = (await t.call('audit.list', { investigationId: inv.id })).map((e) => [e.kind, e.ruleId]);
    expect(kinds).toEqual([
      ['checklist.unticked', 'check-the-plug'],
      ['checklist.ticked', 'check-the-plug'],
      ['investigation.created', 'keep-an-audit-trail'],
    ]);
  });

  it('refuses an unknown checklist item', async () => {
    const inv = await newInvestigation();
    const error = await t.fail('checklist.set', {
      investigationId: inv.id,
      itemId: 'plug.nope',
      ticked: true,
    });
    expect(error).toMatchObject({ code: 'invalid-request' });
    expect(error.message).toContain('plug.nope');
  });
});

describe('notes', () => {
  it('adds notes per rule and for the investigation, and corrects without erasing', async () => {
    const inv = await newInvestigation();
    const note = await t.call('notes.add', {
      investigationId: inv.id,
      ruleId: 'make-it-fail',
      body: 'Paused the **sink**',
    });
    await t.call('notes.add', { investigationId: inv.id, ruleId: null, body: 'Paged twice overnight' });
    t.advance(5000);
    const corrected = await t.call('notes.correct', { noteId: note.id, body: 'Paused the sink for 10 min' });
    expect(corrected).toMatchObject({
      body: 'Paused the sink for 10 min',
      edited: true,
      updatedAt: FIXED_START + 5000,
    });
    expect(corrected.history.map((revision) => revision.body)).toEqual([
      'Paused the **sink**',
      'Paused the sink for 10 min',
    ]);
    const detail = await t.call('investigations.get', { id: inv.id });
    expect(detail.notes.map((n) => [n.ruleId, n.body])).toEqual([
      ['make-it-fail', 'Paused the sink for 10 min'],
      [null, 'Paged twice overnight'],
    ]);
    const trail = await t.call('audit.list', { investigationId: inv.id });
    expect(trail[0]).toMatchObject({ kind: 'note.corrected', ruleId: 'make-it-fail' });
  });

  it('refuses a 10 MB note with a message naming the field and the limit, and stores nothing', async () => {
    const inv = await newInvestigation();
    const error = await t.fail('notes.add', {
      investigationId: inv.id,
      ruleId: null,
      body: 'x'.repeat(10 * 1024 * 1024),
    });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/notes\.add: body: note is too long: the limit is 100,000 characters/);
    expect((await t.call('investigations.get', { id: inv.id })).notes).toHaveLength(0);
    expect(await t.call('audit.list', { investigationId: inv.id })).toHaveLength(1);
  });
});

describe('hypotheses', () => {
  it('records a hypothesis and refutes it with a reason', async () => {
    const inv = await newInvestigation();
    const hypothesis = await t.call('hypotheses.add', {
      investigationId: inv.id,
      statement: 'Thrift RPC buffers in layer 2 leak',
      ruleId: 'divide-and-conquer',
    });
    expect(hypothesis.status).toBe('open');
    const refuted = await t.call('hypotheses.setStatus', {
      hypothesisId: hypothesis.id,
      status: 'refuted',
      reason: 'Removing layer 3 left only a blip',
    });
    expect(refuted).toMatchObject({ status: 'refuted', reason: 'Removing layer 3 left only a blip' });
    const trail = await t.call('audit.list', { investigationId: inv.id });
    expect(trail[0]?.payload).toMatchObject({ from: 'open', to: 'refuted' });
  });

  it('requires a reason to decide a hypothesis', async () => {
    const inv = await newInvestigation();
    const hypothesis = await t.call('hypotheses.add', {
      investigationId: inv.id,
      statement: 'x',
      ruleId: null,
    });
    const error = await t.fail('hypotheses.setStatus', {
      hypothesisId: hypothesis.id,
      status: 'supported',
      reason: ' ',
    });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toContain('reason');
  });
});

describe('durability across restarts', () => {
  it('keeps everything after the database is closed and reopened', async () => {
    const inv = await newInvestigation();
    await t.call('checklist.set', { investigationId: inv.id, itemId: 'fail.restarts', ticked: true });
    await t.call('notes.add', { investigationId: inv.id, ruleId: 'make-it-fail', body: 'note' });
    t = t.reopen();
    const detail = await t.call('investigations.get', { id: inv.id });
    expect(detail.checklist).toHaveLength(1);
    expect(detail.notes).toHaveLength(1);
    expect(await t.call('audit.list', { investigationId: inv.id })).toHaveLength(3);
  });
});
