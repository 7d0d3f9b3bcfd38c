import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTestBackend,
  FIXED_START,
  type TestBackend,
} from '../../electron/backend/services/test-backend';
import type { createPeelStore } from './store';
import { settle, type TestClient } from './test-client';
import { wireStore } from './wire-store.test-support';

let t: TestBackend;
let client: TestClient;
let store: ReturnType<typeof createPeelStore>;

beforeEach(() => {
  t = createTestBackend();
  ({ client, store } = wireStore(t));
});
afterEach(() => t.dispose());

const titles = () => store.getState().investigations.map((investigation) => investigation.title);

async function seed(...names: string[]) {
  for (const title of names) {
    await t.call('investigations.create', { title, summary: `${title} summary`, startedAt: FIXED_START });
    t.advance(1000);
  }
}

describe('creating an investigation', () => {
  it('navigates to it and loads its detail and audit trail', async () => {
    const created = await store
      .getState()
      .createInvestigation({ title: 'Direct OOMs', summary: 'Tasks fail', startedAt: FIXED_START });
    expect(created?.title).toBe('Direct OOMs');
    expect(store.getState().route).toEqual({ name: 'investigation', id: created?.id });
    await vi.waitFor(() => expect(store.getState().auditEvents).toHaveLength(1));
    const state = store.getState();
    expect(state.detail?.investigation).toEqual(created);
    expect(state.detailLoading).toBe(false);
    expect(state.auditInvestigationId).toBe(created?.id);
    expect(state.auditEvents[0]).toMatchObject({
      kind: 'investigation.created',
      investigationId: created?.id,
    });
    expect(state.notices).toEqual([]);
    // It is stored, not only shown.
    expect((await t.call('investigations.list', {})).map((i) => i.id)).toEqual([created?.id]);
  });

  it("shows the backend's message when it is refused, and stays home", async () => {
    const created = await store.getState().createInvestigation({ title: '   ', summary: '', startedAt: 0 });
    expect(created).toBeUndefined();
    expect(store.getState().route).toEqual({ name: 'home' });
    expect(store.getState().notices).toEqual([
      expect.objectContaining({
        tone: 'error',
        message: 'investigations.create: title: title must not be empty',
      }),
    ]);
    expect(await t.call('investigations.list', {})).toEqual([]);
  });
});

describe('the list', () => {
  it('asks for the import marks beside the list, not after its answer', async () => {
    await seed('First');
    const release = client.holdAnswers((channel) => channel === 'investigations.list');
    const loading = store.getState().loadInvestigations();
    await settle();
    expect(client.calls.map((call) => [call.channel, call.answered])).toEqual([
      ['imports.marks', expect.any(Boolean)],
      ['investigations.list', false],
    ]);
    await release();
    await loading;
    expect(titles()).toEqual(['First']);
  });

  it('loads newest first and marks itself loaded', async () => {
    await seed('First', 'Second');
    expect(store.getState().investigationsLoaded).toBe(false);
    await store.getState().loadInvestigations();
    expect(titles()).toEqual(['Second', 'First']);
    expect(store.getState().investigationsLoaded).toBe(true);
  });

  it('searches with the trimmed query, and lists everything for a blank one', async () => {
    await seed('Alpha leak', 'Beta leak', 'Gamma');
    store.getState().setQuery('  leak ');
    await vi.waitFor(() => expect(titles()).toEqual(['Beta leak', 'Alpha leak']));
    const lastList = () => client.calls.filter((call) => call.channel === 'investigations.list').at(-1);
    expect(lastList()?.request).toEqual({ query: 'leak' });
    store.getState().setQuery('   ');
    await vi.waitFor(() => expect(titles()).toHaveLength(3));
    expect(lastList()?.request).toEqual({});
  });

  it('does not let a late answer to an older search replace a newer one', async () => {
    await seed('Alpha leak', 'Beta leak');
    const release = client.holdAnswers(
      (channel, request) =>
        channel === 'investigations.list' && (request as { query?: string }).query === 'alpha',
    );
    store.getState().setQuery('alpha');
    store.getState().setQuery('beta');
    await vi.waitFor(() => expect(titles()).toEqual(['Beta leak']));
    await release();
    const alpha = client.calls.find((call) => (call.request as { query?: string }).query === 'alpha');
    expect(alpha?.answered).toBe(true);
    expect(titles()).toEqual(['Beta leak']);
    expect(store.getState().query).toBe('beta');
  });

  it('turns a refused search into an error notice and keeps the last list', async () => {
    await seed('Alpha');
    await store.getState().loadInvestigations();
    store.getState().setQuery('x'.repeat(201));
    await vi.waitFor(() => expect(store.getState().notices).toHaveLength(1));
    expect(store.getState().notices[0]?.message).toBe(
      'investigations.list: query: search is too long: the limit is 200 characters',
    );
    expect(titles()).toEqual(['Alpha']);
  });

  it('reloads the list when going home, with the new counts', async () => {
    const created = await store.getState().createInvestigation({ title: 'Leak', summary: '', startedAt: 0 });
    await vi.waitFor(() => expect(store.getState().detail).not.toBeNull());
    await store.getState().setChecklistItem('fail.restarts', true);
    store.getState().navigate({ name: 'home' });
    expect(store.getState().detail).toBeNull();
    expect(store.getState().auditEvents).toEqual([]);
    await vi.waitFor(() => expect(store.getState().investigations).toHaveLength(1));
    expect(store.getState().investigations[0]).toMatchObject({
      id: created?.id,
      checklistDone: 1,
      eventCount: 2,
    });
  });
});

describe('app info', () => {
  it('loads what the host says about itself', async () => {
    await store.getState().loadInfo();
    expect(store.getState().info).toMatchObject({ host: 'browser', user: 'tester', dataDir: t.dataDir });
  });
});

describe('notices', () => {
  it('keeps the five newest and can be dismissed', () => {
    for (let i = 0; i < 7; i++) store.getState().notify('error', `problem ${i}`);
    const notices = store.getState().notices;
    expect(notices.map((notice) => notice.message)).toEqual([
      'problem 2',
      'problem 3',
      'problem 4',
      'problem 5',
      'problem 6',
    ]);
    store.getState().dismissNotice(notices[0]!.id);
    expect(store.getState().notices).toHaveLength(4);
  });
});
