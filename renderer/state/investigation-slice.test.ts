import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTestBackend,
  FIXED_START,
  type TestBackend,
} from '../../electron/backend/services/test-backend';
import type { Investigation } from '../../shared/contract/entities';
import type { createPeelStore } from './store';
import type { TestClient } from './test-client';
import { wireStore } from './wire-store.test-support';

let t: TestBackend;
let client: TestClient;
let store: ReturnType<typeof createPeelStore>;

beforeEach(() => {
  t = createTestBackend();
  ({ client, store } = wireStore(t));
});
afterEach(() => t.dispose());

const state = () => store.getState();
const tick = (itemId: string) => state().detail?.checklist.find((each) => each.itemId === itemId);

async function createInvestigation(title = 'Direct OOMs'): Promise<Investigation> {
  return t.call('investigations.create', { title, summary: '', startedAt: FIXED_START });
}

async function open(investigation: Investigation): Promise<void> {
  await state().openInvestigation(investigation.id);
  expect(state().detail?.investigation.id).toBe(investigation.id);
}

/** Makes the database refuse a kind of write, as a full disk would; a TEMP trigger leaves the file's schema alone. */
function refuseWrites(table: string, message = 'disk is full'): void {
  t.backend.store.db.exec(
    `CREATE TEMP TRIGGER refuse_${table} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;
     CREATE TEMP TRIGGER refuse_${table}_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;`,
  );
}

describe('opening an investigation', () => {
  it('loads its detail and its trail, newest first', async () => {
    const inv = await createInvestigation();
    await t.call('notes.add', { investigationId: inv.id, ruleId: null, body: 'seen it' });
    await open(inv);
    expect(state().detail?.notes.map((note) => note.body)).toEqual(['seen it']);
    expect(state().auditEvents.map((event) => event.kind)).toEqual(['note.added', 'investigation.created']);
    expect(state().detailLoading).toBe(false);
  });

  it('turns an unknown id into an error notice naming it', async () => {
    state().navigate({ name: 'investigation', id: 'missing-inv' });
    await vi.waitFor(() => expect(state().detailLoading).toBe(false));
    expect(state().detail).toBeNull();
    expect(state().notices.map((notice) => notice.message)).toEqual([
      "There is no investigation with id 'missing-inv'.",
    ]);
  });

  it('shows the investigation opened last when an earlier answer arrives late', async () => {
    const first = await createInvestigation('First');
    const second = await createInvestigation('Second');
    const release = client.holdAnswers(
      (channel, request) => channel === 'investigations.get' && (request as { id: string }).id === first.id,
    );
    state().navigate({ name: 'investigation', id: first.id });
    state().navigate({ name: 'investigation', id: second.id });
    await vi.waitFor(() => expect(state().detail?.investigation.id).toBe(second.id));
    await release();
    expect(state().route).toEqual({ name: 'investigation', id: second.id });
    expect(state().detail?.investigation.title).toBe('Second');
    expect(state().auditEvents.map((event) => event.investigationId)).toEqual([second.id]);
  });

  it("does not mix one investigation's trail into the next one opened", async () => {
    const first = await createInvestigation('First');
    const second = await createInvestigation('Second');
    await open(first);
    expect(state().auditEvents.map((event) => event.investigationId)).toEqual([first.id]);
    // Straight from one to the other (the palette's "Open: …"), without going home in between.
    state().navigate({ name: 'investigation', id: second.id });
    await vi.waitFor(() => expect(state().detail?.investigation.id).toBe(second.id));
    await vi.waitFor(() =>
      expect(state().auditEvents.some((event) => event.investigationId === second.id)).toBe(true),
    );
    expect(state().auditEvents.map((event) => event.investigationId)).toEqual([second.id]);
  });
});

describe('ticking the checklist', () => {
  it('shows the tick at once, then the stored one, and persists it', async () => {
    const inv = await createInvestigation();
    await open(inv);
    const pending = state().setChecklistItem('plug.memory-settings', true);
    expect(tick('plug.memory-settings')).toMatchObject({ ticked: true, ruleId: 'check-the-plug' });
    await pending;
    expect(tick('plug.memory-settings')).toEqual({
      itemId: 'plug.memory-settings',
      ruleId: 'check-the-plug',
      ticked: true,
      at: FIXED_START,
      by: 'tester',
    });
    const stored = await t.call('investigations.get', { id: inv.id });
    expect(stored.checklist).toEqual([tick('plug.memory-settings')]);
    // The pushed audit event reaches the trail without a reload.
    expect(state().auditEvents[0]).toMatchObject({
      kind: 'checklist.ticked',
      payload: { itemId: 'plug.memory-settings' },
    });
  });

  it('unticks and keeps one entry per item', async () => {
    const inv = await createInvestigation();
    await open(inv);
    await state().setChecklistItem('fail.restarts', true);
    await state().setChecklistItem('fail.restarts', false);
    expect(state().detail?.checklist.filter((each) => each.itemId === 'fail.restarts')).toHaveLength(1);
    expect(tick('fail.restarts')?.ticked).toBe(false);
    expect((await t.call('investigations.get', { id: inv.id })).checklist[0]?.ticked).toBe(false);
  });

  it('reverts a tick the backend refuses, with its message', async () => {
    const inv = await createInvestigation();
    await open(inv);
    refuseWrites('checklist_ticks');
    const pending = state().setChecklistItem('fail.restarts', true);
    expect(tick('fail.restarts')?.ticked).toBe(true);
    await pending;
    expect(tick('fail.restarts')?.ticked).toBe(false);
    expect(state().notices).toEqual([
      expect.objectContaining({ tone: 'error', message: expect.stringMatching(/disk is full/) }),
    ]);
    expect((await t.call('investigations.get', { id: inv.id })).checklist).toEqual([]);
  });

  it('reverts a refused untick to the stored tick', async () => {
    const inv = await createInvestigation();
    await open(inv);
    await state().setChecklistItem('fail.restarts', true);
    const before = tick('fail.restarts');
    refuseWrites('checklist_ticks');
    await state().setChecklistItem('fail.restarts', false);
    expect(tick('fail.restarts')).toEqual(before);
    expect((await t.call('investigations.get', { id: inv.id })).checklist[0]?.ticked).toBe(true);
  });

  it('does nothing without an open investigation', async () => {
    await state().setChecklistItem('fail.restarts', true);
    expect(client.calls).toEqual([]);
  });
});

describe('notes', () => {
  it('adds a note to a rule and to the investigation, and stores them', async () => {
    const inv = await createInvestigation();
    await open(inv);
    expect(await state().addNote('make-it-fail', 'Paused the **sink**')).toBe(true);
    expect(await state().addNote(null, 'Paged twice')).toBe(true);
    expect(state().detail?.notes.map((note) => [note.ruleId, note.body])).toEqual([
      ['make-it-fail', 'Paused the **sink**'],
      [null, 'Paged twice'],
    ]);
    expect((await t.call('investigations.get', { id: inv.id })).notes).toEqual(state().detail?.notes);
  });

  it('corrects a note in place, keeping the history', async () => {
    const inv = await createInvestigation();
    await open(inv);
    await state().addNote(null, 'first');
    const noteId = state().detail!.notes[0]!.id;
    expect(await state().correctNote(noteId, 'second')).toBe(true);
    const [note] = state().detail!.notes;
    expect(note).toMatchObject({ id: noteId, body: 'second', edited: true });
    expect(note?.history.map((revision) => revision.body)).toEqual(['first', 'second']);
    expect(state().detail?.notes).toHaveLength(1);
  });

  it('refuses an empty or 10 MB note with a notice, storing nothing', async () => {
    const inv = await createInvestigation();
    await open(inv);
    expect(await state().addNote(null, '  ')).toBe(false);
    expect(await state().addNote(null, 'x'.repeat(10 * 1024 * 1024))).toBe(false);
    expect(state().notices.map((notice) => notice.message)).toEqual([
      'notes.add: body: note must not be empty',
      'notes.add: body: note is too long: the limit is 100,000 characters',
    ]);
    expect(state().detail?.notes).toEqual([]);
    expect((await t.call('investigations.get', { id: inv.id })).notes).toEqual([]);
  });

  it("does not put a note into another investigation's view when the answer comes after switching", async () => {
    const first = await createInvestigation('First');
    const second = await createInvestigation('Second');
    await open(first);
    const release = client.holdAnswers((channel) => channel === 'notes.add');
    const adding = state().addNote(null, 'written in First');
    await open(second);
    await release();
    await adding;
    expect(state().detail?.investigation.id).toBe(second.id);
    expect(state().detail?.notes).toEqual([]);
    expect((await t.call('investigations.get', { id: first.id })).notes.map((note) => note.body)).toEqual([
      'written in First',
    ]);
  });
});

describe('hypotheses', () => {
  it('adds one and decides it with a reason', async () => {
    const inv = await createInvestigation();
    await open(inv);
    expect(await state().addHypothesis('Layer 2 leaks', 'divide-and-conquer')).toBe(true);
    const hypothesis = state().detail!.hypotheses[0]!;
    expect(hypothesis).toMatchObject({ statement: 'Layer 2 leaks', status: 'open' });
    expect(await state().setHypothesisStatus(hypothesis.id, 'refuted', 'Only a blip')).toBe(true);
    expect(state().detail?.hypotheses).toEqual([
      expect.objectContaining({ id: hypothesis.id, status: 'refuted', reason: 'Only a blip' }),
    ]);
    expect((await t.call('investigations.get', { id: inv.id })).hypotheses).toEqual(
      state().detail?.hypotheses,
    );
  });

  it('keeps the hypothesis open when the reason is missing, and says why', async () => {
    const inv = await createInvestigation();
    await open(inv);
    await state().addHypothesis('Layer 2 leaks', null);
    const hypothesis = state().detail!.hypotheses[0]!;
    expect(await state().setHypothesisStatus(hypothesis.id, 'supported', ' ')).toBe(false);
    expect(state().detail?.hypotheses[0]?.status).toBe('open');
    expect(state().notices[0]?.message).toMatch(/^hypotheses\.setStatus: reason: /);
  });

  it("does not put a hypothesis into another investigation's view when the answer comes after switching", async () => {
    const first = await createInvestigation('First');
    const second = await createInvestigation('Second');
    await open(first);
    const release = client.holdAnswers((channel) => channel === 'hypotheses.add');
    const adding = state().addHypothesis('about First', null);
    await open(second);
    await release();
    await adding;
    expect(state().detail?.hypotheses).toEqual([]);
  });
});
