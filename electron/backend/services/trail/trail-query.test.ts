import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../test-backend';
import { ftsQuery, searchTextOf } from './search-text';
import { kindsOf } from './trail-query';

let t: TestBackend;
let investigationId: string;

/** A small trail: 1 created, 2 tick (make-it-fail), 3 note (make-it-fail), 4 tick (check-the-plug),
 *  5 note (no rule -> keep-an-audit-trail), 6 hypothesis, 7 status, 8 untick (make-it-fail). */
beforeEach(async () => {
  t = createTestBackend();
  investigationId = (
    await t.call('investigations.create', { title: 'Direct OOMs', summary: '', startedAt: 0 })
  ).id;
  await t.call('checklist.set', { investigationId, itemId: 'fail.restarts', ticked: true });
  await t.call('notes.add', {
    investigationId,
    ruleId: 'make-it-fail',
    body: 'Paused the **sink** for 10 minutes',
  });
  await t.call('checklist.set', { investigationId, itemId: 'plug.right-metric', ticked: true });
  await t.call('notes.add', { investigationId, ruleId: null, body: 'Band-aid: task off-heap raised to 5G' });
  const hypothesis = await t.call('hypotheses.add', {
    investigationId,
    statement: 'Thrift DirectByteBuffers in layer 2 leak',
    ruleId: 'divide-and-conquer',
  });
  await t.call('hypotheses.setStatus', {
    hypothesisId: hypothesis.id,
    status: 'refuted',
    reason: 'only a blip',
  });
  await t.call('checklist.set', { investigationId, itemId: 'fail.restarts', ticked: false });
});
afterEach(() => t.dispose());

const seqs = async (request: Omit<Parameters<TestBackend['call']>[1], 'investigationId'> & object) =>
  (await t.call('audit.query', { investigationId, ...request })).events.map((event) => event.seq);

describe('paging', () => {
  it('pages newest first with offset and limit, with the total of the whole timeline', async () => {
    const first = await t.call('audit.query', { investigationId, limit: 3 });
    expect(first.events.map((event) => event.seq)).toEqual([8, 7, 6]);
    expect(first).toMatchObject({ total: 8, offset: 0, upToSeq: 8 });
    expect(await seqs({ limit: 3, offset: 3 })).toEqual([5, 4, 3]);
    expect(await seqs({ limit: 3, offset: 6 })).toEqual([2, 1]);
    expect(await seqs({ limit: 3, offset: 9 })).toEqual([]);
  });

  it('keeps later pages lined up with the first while new events arrive', async () => {
    const first = await t.call('audit.query', { investigationId, limit: 4 });
    await t.call('notes.add', { investigationId, ruleId: null, body: 'arrived while paging' });
    const next = await t.call('audit.query', {
      investigationId,
      limit: 4,
      offset: 4,
      upToSeq: first.upToSeq,
    });
    expect(next.events.map((event) => event.seq)).toEqual([4, 3, 2, 1]);
    expect(next.total).toBe(8);
    // A fresh first page sees the new event.
    expect(await t.call('audit.query', { investigationId, limit: 1 })).toMatchObject({
      total: 9,
      upToSeq: 9,
    });
  });

  it("shows only this investigation's events", async () => {
    const other = await t.call('investigations.create', { title: 'Other', summary: '', startedAt: 0 });
    await t.call('notes.add', { investigationId: other.id, ruleId: null, body: 'sink elsewhere' });
    expect(await seqs({})).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(await seqs({ text: 'sink' })).toEqual([3]);
    expect((await t.call('audit.query', { investigationId: other.id })).events.map((e) => e.seq)).toEqual([
      10, 9,
    ]);
  });

  it('carries each event whole, hash and description included', async () => {
    const [listed] = await t.call('audit.list', { investigationId, limit: 1 });
    const [queried] = (await t.call('audit.query', { investigationId, limit: 1 })).events;
    expect(queried).toEqual({ ...listed, description: null });
  });
});

describe('filters', () => {
  it('filters by rule', async () => {
    expect(await seqs({ ruleIds: ['make-it-fail'] })).toEqual([8, 3, 2]);
    expect(await seqs({ ruleIds: ['make-it-fail', 'check-the-plug'] })).toEqual([8, 4, 3, 2]);
    expect((await t.call('audit.query', { investigationId, ruleIds: ['make-it-fail'] })).total).toBe(3);
  });

  it('filters by kind category', async () => {
    expect(await seqs({ categories: ['checklist'] })).toEqual([8, 4, 2]);
    expect(await seqs({ categories: ['note', 'hypothesis'] })).toEqual([7, 6, 5, 3]);
    expect(await seqs({ categories: ['run'] })).toEqual([]);
  });

  it('combines rule, category and paging', async () => {
    const page = await t.call('audit.query', {
      investigationId,
      ruleIds: ['make-it-fail'],
      categories: ['checklist'],
      limit: 1,
      offset: 1,
    });
    expect(page.events.map((event) => event.seq)).toEqual([2]);
    expect(page.total).toBe(2);
  });

  it('treats empty lists as no filter', async () => {
    expect(await seqs({ ruleIds: [], categories: [] })).toHaveLength(8);
  });

  it('maps categories to their kinds', () => {
    expect(kindsOf(['run'])).toEqual([
      'run.started',
      'run.completed',
      'run.cancelled',
      'run.failed',
      'run.data-discarded',
      'metrics.imported',
    ]);
    expect(kindsOf(['note'])).toEqual(['note.added', 'note.corrected', 'event.described']);
    expect(kindsOf([])).toBeNull();
    expect(kindsOf(undefined)).toBeNull();
  });

  it('refuses an unknown category or rule, naming the field', async () => {
    const category = await t.fail('audit.query', { investigationId, categories: ['gossip'] });
    expect(category.code).toBe('invalid-request');
    expect(category.message).toMatch(/^audit\.query: categories\.0: /);
    const rule = await t.fail('audit.query', { investigationId, ruleIds: ['no-such-rule'] });
    expect(rule.message).toMatch(/^audit\.query: ruleIds\.0: /);
    const missing = await t.fail('audit.query', { investigationId: 'nope' });
    expect(missing).toMatchObject({
      code: 'not-found',
      message: "There is no investigation with id 'nope'.",
    });
  });
});

describe('text search', () => {
  it('finds words in payloads, by prefix and in any case', async () => {
    expect(await seqs({ text: 'sink' })).toEqual([3]);
    expect(await seqs({ text: 'SIN' })).toEqual([3]);
    expect(await seqs({ text: 'directbyte' })).toEqual([7, 6]);
  });

  it('needs every word, in any order', async () => {
    expect(await seqs({ text: 'leak thrift' })).toEqual([7, 6]);
    expect(await seqs({ text: 'thrift sink' })).toEqual([]);
  });

  it('finds the kind, the one-line description, the actor and a hash prefix', async () => {
    expect(await seqs({ text: 'unticked' })).toEqual([8]);
    expect(await seqs({ text: 'refuted' })).toEqual([7]);
    expect(await seqs({ text: 'tester', limit: 2 })).toEqual([8, 7]);
    const [event] = (await t.call('audit.query', { investigationId, limit: 1, offset: 4 })).events;
    expect(await seqs({ text: event!.hash.slice(0, 10) })).toEqual([event!.seq]);
  });

  it('matches a short number against the text only, not against hash prefixes', async () => {
    await seqs({ text: 'sink' });
    // Give event 5 a hash of digits in the index: "46" is a number, "460000" a hash prefix.
    t.backend.store.trail.putSearchText(5, 'Band-aid: task off-heap raised to 5G', `46${'0'.repeat(62)}`);
    expect(await seqs({ text: '46' })).toEqual([]);
    expect(await seqs({ text: '460000' })).toEqual([5]);
  });

  it('combines with filters and pages, with the total of matches', async () => {
    const page = await t.call('audit.query', { investigationId, text: 'metric', categories: ['checklist'] });
    expect(page.events.map((event) => event.seq)).toEqual([4]);
    expect(page.total).toBe(1);
    const paged = await t.call('audit.query', { investigationId, text: 'leak', limit: 1, offset: 1 });
    expect(paged.events.map((event) => event.seq)).toEqual([6]);
    expect(paged.total).toBe(2);
  });

  it('takes punctuation and quotes without breaking the query', async () => {
    expect(await seqs({ text: 'off-heap' })).toEqual([5]);
    expect(await seqs({ text: '"sink' })).toEqual([3]);
    expect(await seqs({ text: 'AND OR NOT' })).toEqual([]);
    expect(await seqs({ text: '   ' })).toHaveLength(8);
    expect(await seqs({ text: '***' })).toHaveLength(8);
  });

  it('finds events written after the last search', async () => {
    expect(await seqs({ text: 'band' })).toEqual([5]);
    await t.call('notes.add', { investigationId, ruleId: null, body: 'The band-aid can come off' });
    expect(await seqs({ text: 'band' })).toEqual([9, 5]);
  });
});

describe('the search text of an event', () => {
  it('leaves ids out and keeps the words', () => {
    const text = searchTextOf(
      {
        seq: 3,
        id: 'e-3',
        investigationId: 'inv',
        at: 0,
        actor: 'ana',
        kind: 'note.added',
        ruleId: null,
        payload: {
          noteId: '2f89483e-52b0',
          revisionId: 'r-1',
          body: 'Paused the sink',
          nested: { runIds: ['x-9'] },
        },
        prevHash: '0'.repeat(64),
        hash: 'abc123',
      },
      'to see back pressure',
    );
    expect(text).toContain('note.added');
    expect(text).toContain('Wrote a note: Paused the sink');
    expect(text).toContain('ana');
    expect(text).not.toContain('abc123');
    expect(text).toContain('to see back pressure');
    expect(text).not.toContain('2f89483e');
    expect(text).not.toContain('x-9');
  });

  it('turns typed words into prefix terms, and nothing searchable into null', () => {
    expect(ftsQuery('thrift buf')).toBe('body : "thrift"* AND body : "buf"*');
    expect(ftsQuery('say "hi"')).toBe('body : "say"* AND body : "hi"*');
    expect(ftsQuery(' - * ')).toBeNull();
  });

  it('looks for hashes only with words that look like a hash prefix', () => {
    expect(ftsQuery('run 46')).toBe('body : "run"* AND body : "46"*');
    expect(ftsQuery('a26753b1')).toBe('{body hash} : "a26753b1"*');
  });
});
