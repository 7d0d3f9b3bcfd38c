import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestBackend, type TestBackend } from '../../electron/backend/services/test-backend';
import type { TrailEvent } from '../../shared/contract/trail-entities';
import { installClient } from './client-ref';
import { createPeelStore } from './store';
import { createTestClient, type TestClient } from './test-client';
import { TRAIL_PAGE, trailEventAt } from './trail-slice';

let t: TestBackend;
let client: TestClient;
let store: ReturnType<typeof createPeelStore>;
let investigationId: string;

/** 1 created event, then `count` notes appended in one transaction (fast, and a real chain all the same). */
async function seedTrail(count: number) {
  investigationId = (await t.call('investigations.create', { title: 'Long', summary: '', startedAt: 0 })).id;
  const db = t.backend.store;
  db.transaction(() => {
    for (let i = 1; i <= count; i++) {
      db.audit.append({
        id: `note-event-${i}`,
        investigationId,
        at: i,
        actor: 'tester',
        kind: i % 10 === 0 ? 'checklist.ticked' : 'note.added',
        ruleId: i % 2 === 0 ? 'make-it-fail' : 'keep-an-audit-trail',
        payload:
          i % 10 === 0
            ? { itemId: 'fail.restarts', text: 'restarts' }
            : { noteId: `n-${i}`, body: `observation ${i}` },
      });
    }
  });
}

const queries = () => client.calls.filter((call) => call.channel === 'audit.query');
const loadedSeqs = () => {
  const state = store.getState();
  return Array.from({ length: state.trailTotal ?? 0 }, (_, index) => trailEventAt(state, index)?.seq);
};

beforeEach(() => {
  t = createTestBackend();
  client = createTestClient(t.backend);
  installClient(client);
  store = createPeelStore();
  // As renderer/start-app.tsx wires it.
  client.onEvent((pushed) => {
    if (pushed.name === 'audit.appended') store.getState().receiveTrailEvent(pushed.payload);
  });
});
afterEach(() => t.dispose());

describe('paging through the trail', () => {
  it('opens on the newest page with the total, and fetches other pages only when their rows are needed', async () => {
    await seedTrail(449);
    await store.getState().openTrail(investigationId);
    const state = store.getState();
    expect(state.trailTotal).toBe(450);
    expect(state.trailUpToSeq).toBe(450);
    expect(Object.keys(state.trailPages)).toEqual(['0']);
    expect(trailEventAt(state, 0)?.seq).toBe(450);
    expect(trailEventAt(state, TRAIL_PAGE)).toBeUndefined();

    // Rows 390..420 straddle pages 1 and 2; page 0 is not fetched again.
    await store.getState().loadTrailRows(390, 420);
    expect(queries().map((call) => (call.request as { offset: number }).offset)).toEqual([0, 200, 400]);
    expect(loadedSeqs()).toEqual(Array.from({ length: 450 }, (_, index) => 450 - index));
    await store.getState().loadTrailRows(0, 449);
    expect(queries()).toHaveLength(3);
  });

  it('asks once for a page that is already on its way', async () => {
    await seedTrail(449);
    await store.getState().openTrail(investigationId);
    await Promise.all([store.getState().loadTrailRows(200, 210), store.getState().loadTrailRows(205, 215)]);
    expect(queries().filter((call) => (call.request as { offset: number }).offset === 200)).toHaveLength(1);
  });

  it('reads every page as of the first, so rows do not shift while events arrive', async () => {
    await seedTrail(449);
    await store.getState().openTrail(investigationId);
    await t.call('notes.add', { investigationId, ruleId: null, body: 'new one' });
    await t.call('notes.add', { investigationId, ruleId: null, body: 'and another' });
    expect(store.getState().trailNewEvents).toBe(2);
    await store.getState().loadTrailRows(200, 201);
    expect(trailEventAt(store.getState(), 200)?.seq).toBe(250);
    expect(queries().at(-1)?.request).toMatchObject({ upToSeq: 450, offset: 200 });
    await store.getState().refreshTrail();
    expect(store.getState()).toMatchObject({ trailTotal: 452, trailUpToSeq: 452, trailNewEvents: 0 });
    expect(trailEventAt(store.getState(), 0)?.payload).toMatchObject({ body: 'and another' });
  });

  it('does not count events of other investigations as new', async () => {
    await seedTrail(3);
    await store.getState().openTrail(investigationId);
    const other = await t.call('investigations.create', { title: 'Other', summary: '', startedAt: 0 });
    await t.call('notes.add', { investigationId: other.id, ruleId: null, body: 'elsewhere' });
    expect(store.getState().trailNewEvents).toBe(0);
  });
});

describe('filters', () => {
  it('reloads from the top with the filters, and pages within them', async () => {
    await seedTrail(449);
    await store.getState().openTrail(investigationId);
    await store.getState().setTrailFilters({ categories: ['checklist'] });
    expect(store.getState().trailTotal).toBe(44);
    expect(trailEventAt(store.getState(), 0)?.kind).toBe('checklist.ticked');
    await store.getState().setTrailFilters({ ruleIds: ['make-it-fail'], text: 'observation 46' });
    // Checklist events of make-it-fail mentioning "observation 46": none; drop the category and the note is found.
    expect(store.getState().trailTotal).toBe(0);
    await store.getState().setTrailFilters({ categories: [] });
    expect(store.getState().trailTotal).toBe(1);
    expect(trailEventAt(store.getState(), 0)?.payload).toEqual({ noteId: 'n-46', body: 'observation 46' });
    expect(queries().at(-1)?.request).toEqual({
      investigationId,
      ruleIds: ['make-it-fail'],
      text: 'observation 46',
      offset: 0,
      limit: TRAIL_PAGE,
    });
  });

  it('drops pages answered for the filters it had before', async () => {
    await seedTrail(449);
    await store.getState().openTrail(investigationId);
    const release = client.holdAnswers(
      (channel, request) => channel === 'audit.query' && (request as { offset: number }).offset === 200,
    );
    const late = store.getState().loadTrailRows(200, 210);
    await store.getState().setTrailFilters({ categories: ['checklist'] });
    await release();
    await late;
    expect(store.getState().trailTotal).toBe(44);
    expect(Object.keys(store.getState().trailPages)).toEqual(['0']);
  });

  it('starts another investigation with no filters', async () => {
    await seedTrail(3);
    await store.getState().openTrail(investigationId);
    await store.getState().setTrailFilters({ text: 'observation' });
    const other = await t.call('investigations.create', { title: 'Other', summary: '', startedAt: 0 });
    await store.getState().openTrail(other.id);
    expect(store.getState().trailFilters).toEqual({ ruleIds: [], categories: [], text: '' });
    expect(store.getState().trailTotal).toBe(1);
  });
});

describe('descriptions, jumps and verification', () => {
  it('shows a description in place once saved, and "edited" once corrected', async () => {
    await seedTrail(3);
    await store.getState().openTrail(investigationId);
    const event = trailEventAt(store.getState(), 1)!;
    expect(await store.getState().describeEvent(event.id, 'first thought')).toBe(true);
    expect(await store.getState().describeEvent(event.id, 'second thought')).toBe(true);
    expect(trailEventAt(store.getState(), 1)?.description).toMatchObject({
      body: 'second thought',
      edited: true,
      history: [{ body: 'first thought' }, { body: 'second thought' }],
    });
    // Each description is an event of its own, waiting to be shown.
    expect(store.getState().trailNewEvents).toBe(2);
  });

  it('turns a refused description into a notice', async () => {
    await seedTrail(1);
    await store.getState().openTrail(investigationId);
    expect(await store.getState().describeEvent('no-such-event', 'x')).toBe(false);
    expect(store.getState().notices.at(-1)?.message).toBe(
      "audit.describe: there is no audit event with id 'no-such-event'.",
    );
  });

  it('jumps to what an event changed', async () => {
    await seedTrail(1);
    const base = trailEventFor({ kind: 'note.added', payload: { noteId: 'n-1' } });
    store.getState().jumpToEvent(base);
    expect(store.getState().view).toBe('notebook');
    expect(store.getState().focusRequest?.target).toBe('note-item:n-1');
    store
      .getState()
      .jumpToEvent(trailEventFor({ kind: 'checklist.ticked', payload: { itemId: 'plug.gc-flags' } }));
    expect(store.getState().focusedRule).toBe('check-the-plug');
    const openRunInLab = vi.fn();
    store.setState({ openRunInLab });
    store.getState().jumpToEvent(trailEventFor({ kind: 'verdict.recorded', payload: { runId: 'run-7' } }));
    expect(openRunInLab).toHaveBeenCalledWith('run-7');
  });

  it('verifies the chain and keeps the result until dismissed', async () => {
    // Written through the services, so every record shown has the event that vouches for it.
    investigationId = (await t.call('investigations.create', { title: 'Long', summary: '', startedAt: 0 }))
      .id;
    for (let i = 1; i <= 5; i++) {
      await t.call('notes.add', { investigationId, ruleId: null, body: `observation ${i}` });
    }
    await store.getState().verifyAudit();
    expect(store.getState().verifyResult).toMatchObject({ ok: true, events: 6, firstBad: null });
    expect(store.getState().verifying).toBe(false);
    store.getState().dismissVerifyResult();
    expect(store.getState().verifyResult).toBeNull();
  });
});

function trailEventFor(change: Pick<TrailEvent, 'kind' | 'payload'>): TrailEvent {
  return {
    seq: 1,
    id: 'e',
    investigationId,
    at: 0,
    actor: 'tester',
    ruleId: null,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    description: null,
    ...change,
  };
}
