import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, FIXED_START, type TestBackend } from '../test-backend';

let t: TestBackend;
let investigationId: string;

beforeEach(async () => {
  t = createTestBackend();
  investigationId = (await t.call('investigations.create', { title: 'Leak', summary: '', startedAt: 0 })).id;
});
afterEach(() => t.dispose());

function sqliteError(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected SQLite to refuse the statement');
}

const trail = async () => (await t.call('audit.list', { investigationId })).reverse();

describe('correcting a hypothesis', () => {
  async function hypothesis(statement = 'Layer 2 leaks') {
    return t.call('hypotheses.add', { investigationId, statement, ruleId: 'divide-and-conquer' });
  }

  it('shows the latest statement, marked edited, with every earlier text in its history', async () => {
    const added = await hypothesis();
    expect(added).toMatchObject({ edited: false, history: [{ id: added.id, statement: 'Layer 2 leaks' }] });
    t.advance(60_000);
    const corrected = await t.call('hypotheses.correct', {
      hypothesisId: added.id,
      statement: '  Layer 3 leaks  ',
    });
    expect(corrected).toMatchObject({
      id: added.id,
      statement: 'Layer 3 leaks',
      edited: true,
      updatedAt: FIXED_START + 60_000,
      history: [
        { id: added.id, statement: 'Layer 2 leaks', createdAt: FIXED_START, createdBy: 'tester' },
        { statement: 'Layer 3 leaks', createdAt: FIXED_START + 60_000, createdBy: 'tester' },
      ],
    });
    const detail = await t.call('investigations.get', { id: investigationId });
    expect(detail.hypotheses).toEqual([corrected]);
  });

  it('writes its own audit event, pointing at what it corrects', async () => {
    const added = await hypothesis();
    const first = await t.call('hypotheses.correct', { hypothesisId: added.id, statement: 'Layer 3 leaks' });
    const second = await t.call('hypotheses.correct', {
      hypothesisId: added.id,
      statement: 'Layer 3 leaks on restart',
    });
    const events = await trail();
    expect(events.map((event) => event.kind)).toEqual([
      'investigation.created',
      'hypothesis.added',
      'hypothesis.corrected',
      'hypothesis.corrected',
    ]);
    expect(events[2]?.payload).toEqual({
      hypothesisId: added.id,
      revisionId: first.history[1]?.id,
      correctsRevisionId: null,
      statement: 'Layer 3 leaks',
      previous: 'Layer 2 leaks',
      status: 'open',
    });
    expect(events[3]?.payload).toMatchObject({
      revisionId: second.history[2]?.id,
      correctsRevisionId: first.history[1]?.id,
      previous: 'Layer 3 leaks',
    });
    expect(events[3]?.ruleId).toBe('divide-and-conquer');
  });

  it('rewrites nothing: the original row and every revision stay as written', async () => {
    const added = await hypothesis();
    await t.call('hypotheses.correct', { hypothesisId: added.id, statement: 'Layer 3 leaks' });
    await t.call('hypotheses.correct', { hypothesisId: added.id, statement: 'Layer 3 leaks on restart' });
    const db = t.backend.store.db;
    expect(db.prepare('SELECT statement FROM hypotheses WHERE id = ?').pluck().get(added.id)).toBe(
      'Layer 2 leaks',
    );
    expect(db.prepare('SELECT statement FROM hypothesis_revisions ORDER BY rowid').pluck().all()).toEqual([
      'Layer 3 leaks',
      'Layer 3 leaks on restart',
    ]);
  });

  it('keeps deciding its fate working, and names the corrected statement when it does', async () => {
    const added = await hypothesis();
    await t.call('hypotheses.correct', { hypothesisId: added.id, statement: 'Layer 3 leaks' });
    const decided = await t.call('hypotheses.setStatus', {
      hypothesisId: added.id,
      status: 'supported',
      reason: 'run #5',
    });
    expect(decided).toMatchObject({ status: 'supported', statement: 'Layer 3 leaks', edited: true });
    expect((await trail()).at(-1)?.payload).toMatchObject({ statement: 'Layer 3 leaks', to: 'supported' });
  });

  it('writes nothing when the statement is unchanged', async () => {
    const added = await hypothesis();
    const same = await t.call('hypotheses.correct', { hypothesisId: added.id, statement: ' Layer 2 leaks ' });
    expect(same).toEqual(added);
    expect(await trail()).toHaveLength(2);
  });

  it('names an unknown hypothesis', async () => {
    const error = await t.fail('hypotheses.correct', { hypothesisId: 'nope', statement: 'x' });
    expect(error).toEqual({
      code: 'not-found',
      message: "hypotheses.correct: there is no hypothesis with id 'nope'.",
      details: { hypothesisId: 'nope' },
    });
  });

  it('is kept append-only by the database itself', async () => {
    const added = await hypothesis();
    await t.call('hypotheses.correct', { hypothesisId: added.id, statement: 'Layer 3 leaks' });
    const db = t.backend.store.db;
    const update = sqliteError(() =>
      db.prepare("UPDATE hypothesis_revisions SET statement = 'rewritten'").run(),
    );
    expect(update.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(update.message).toBe(
      'hypothesis_revisions is append-only: correct a hypothesis by adding a revision',
    );
    const remove = sqliteError(() => db.prepare('DELETE FROM hypothesis_revisions').run());
    expect(remove.message).toMatch(/hypothesis_revisions is append-only/);
    const original = sqliteError(() => db.prepare("UPDATE hypotheses SET statement = 'rewritten'").run());
    expect(original.message).toBe(
      'hypotheses.statement is kept as first written: correct a hypothesis by adding a revision',
    );
    // A fork (a second correction of the same text) is refused too: the history stays one line.
    const fork = sqliteError(() =>
      t.backend.store.hypothesisRevisions.insert({
        id: 'fork',
        hypothesisId: added.id,
        investigationId,
        statement: 'another branch',
        createdAt: 0,
        createdBy: 'tester',
        correctsId: null,
      }),
    );
    expect(fork.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect((await t.call('investigations.get', { id: investigationId })).hypotheses[0]?.statement).toBe(
      'Layer 3 leaks',
    );
  });
});

describe('describing an audit event', () => {
  async function noteEvent() {
    await t.call('notes.add', { investigationId, ruleId: 'make-it-fail', body: 'Paused the sink' });
    return (await trail()).at(-1)!;
  }

  it('adds a description, then corrections that show as edited with the history', async () => {
    const event = await noteEvent();
    const described = await t.call('audit.describe', { eventId: event.id, body: 'To see back pressure' });
    expect(described).toMatchObject({
      seq: event.seq,
      hash: event.hash,
      description: { eventId: event.id, body: 'To see back pressure', edited: false, updatedBy: 'tester' },
    });
    t.advance(1000);
    const corrected = await t.call('audit.describe', { eventId: event.id, body: 'To cause back pressure' });
    expect(corrected.description).toMatchObject({
      body: 'To cause back pressure',
      edited: true,
      updatedAt: FIXED_START + 1000,
      history: [{ body: 'To see back pressure' }, { body: 'To cause back pressure' }],
    });
    // The described event itself is untouched: descriptions sit beside the chain, never in it.
    expect(corrected.payload).toEqual(event.payload);
  });

  it('writes an event.described event for each, pointing at what it corrects', async () => {
    const event = await noteEvent();
    const first = await t.call('audit.describe', { eventId: event.id, body: 'one' });
    const second = await t.call('audit.describe', { eventId: event.id, body: 'two' });
    const [a, b] = (await trail()).slice(-2);
    expect(a).toMatchObject({
      kind: 'event.described',
      ruleId: 'make-it-fail',
      investigationId,
      payload: {
        eventId: event.id,
        eventSeq: event.seq,
        eventKind: 'note.added',
        descriptionId: first.description?.history[0]?.id,
        correctsDescriptionId: null,
        body: 'one',
      },
    });
    expect(b?.payload).toMatchObject({
      descriptionId: second.description?.history[1]?.id,
      correctsDescriptionId: first.description?.history[0]?.id,
      body: 'two',
    });
  });

  it('writes nothing when the description is unchanged', async () => {
    const event = await noteEvent();
    await t.call('audit.describe', { eventId: event.id, body: 'same' });
    await t.call('audit.describe', { eventId: event.id, body: 'same' });
    expect((await trail()).filter((each) => each.kind === 'event.described')).toHaveLength(1);
  });

  it('names an unknown event', async () => {
    const error = await t.fail('audit.describe', { eventId: 'nope', body: 'x' });
    expect(error.code).toBe('not-found');
    expect(error.message).toBe("audit.describe: there is no audit event with id 'nope'.");
  });

  it('is kept append-only by the database itself, and earlier texts stay', async () => {
    const event = await noteEvent();
    await t.call('audit.describe', { eventId: event.id, body: 'first' });
    await t.call('audit.describe', { eventId: event.id, body: 'second' });
    const db = t.backend.store.db;
    const update = sqliteError(() => db.prepare("UPDATE event_descriptions SET body = 'rewritten'").run());
    expect(update.message).toBe('event_descriptions is append-only: correct a description by adding one');
    const remove = sqliteError(() => db.prepare('DELETE FROM event_descriptions').run());
    expect(remove.message).toMatch(/event_descriptions is append-only/);
    expect(db.prepare('SELECT body FROM event_descriptions ORDER BY rowid').pluck().all()).toEqual([
      'first',
      'second',
    ]);
  });

  it('shows in the timeline, and is found by search (the latest text)', async () => {
    const event = await noteEvent();
    await t.call('audit.query', { investigationId, text: 'sink' });
    await t.call('audit.describe', { eventId: event.id, body: 'wanted upstream back pressure' });
    // Found twice: the event by its description, and the event.described event that wrote it.
    const found = await t.call('audit.query', { investigationId, text: 'upstream' });
    expect(found.events.map((each) => each.seq)).toEqual([event.seq + 1, event.seq]);
    expect(found.events[1]?.description?.body).toBe('wanted upstream back pressure');
    await t.call('audit.describe', { eventId: event.id, body: 'wanted downstream stalls' });
    // The event is found by its latest description only; the trail still holds the earlier text in its own event.
    const seqs = async (text: string) =>
      (await t.call('audit.query', { investigationId, text })).events.map((each) => each.seq);
    expect(await seqs('upstream')).toEqual([event.seq + 1]);
    expect(await seqs('downstream')).toEqual([event.seq + 2, event.seq]);
  });

  it('leaves the chain verifiable', async () => {
    const event = await noteEvent();
    await t.call('audit.describe', { eventId: event.id, body: 'first' });
    await t.call('audit.describe', { eventId: event.id, body: 'second' });
    expect(await t.call('audit.verify', {})).toMatchObject({ ok: true, events: 4, firstBad: null });
  });
});
