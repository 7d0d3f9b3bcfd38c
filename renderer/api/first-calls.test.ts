import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestBackend,
  FIXED_START,
  type TestBackend,
} from '../../electron/backend/services/test-backend';
import { createTestClient, type TestClient } from '../state/test-client';
import { ApiError } from './client';
import { HOME_FIRST_CALLS, withFirstCalls } from './first-calls';

let t: TestBackend;
let client: TestClient;

beforeEach(() => {
  t = createTestBackend();
  client = createTestClient(t.backend);
});
afterEach(() => t.dispose());

const create = (title: string) =>
  t.call('investigations.create', { title, summary: '', startedAt: FIXED_START });
const channelsAsked = () => client.calls.map((call) => call.channel);

describe('the first calls', () => {
  it('are sent when the client is made, once each', () => {
    withFirstCalls(client, HOME_FIRST_CALLS);
    expect(channelsAsked()).toEqual(['app.info', 'investigations.list', 'imports.marks']);
  });

  it("answer the app's first identical call without asking again", async () => {
    await create('Direct OOMs');
    const early = withFirstCalls(client, HOME_FIRST_CALLS);
    const list = await early.call('investigations.list', {});
    expect(list.map((investigation) => investigation.title)).toEqual(['Direct OOMs']);
    expect(channelsAsked()).toEqual(['app.info', 'investigations.list', 'imports.marks']);
  });

  it('answer one call only: the next identical call asks the backend and sees what changed since', async () => {
    const early = withFirstCalls(client, HOME_FIRST_CALLS);
    expect(await early.call('investigations.list', {})).toEqual([]);
    await create('Made after the start');
    const again = await early.call('investigations.list', {});
    expect(again.map((investigation) => investigation.title)).toEqual(['Made after the start']);
    expect(channelsAsked().filter((channel) => channel === 'investigations.list')).toHaveLength(2);
  });

  it('do not answer a call with another request', async () => {
    await create('Alpha leak');
    await create('Gamma');
    const early = withFirstCalls(client, HOME_FIRST_CALLS);
    const found = await early.call('investigations.list', { query: 'leak' });
    expect(found.map((investigation) => investigation.title)).toEqual(['Alpha leak']);
    expect(client.calls.at(-1)?.request).toEqual({ query: 'leak' });
  });

  it('answer nothing once closed: an answer nobody took is dropped, not served late', async () => {
    const early = withFirstCalls(client, HOME_FIRST_CALLS);
    early.closeFirstCalls();
    await create('Made after the start');
    const list = await early.call('investigations.list', {});
    expect(list.map((investigation) => investigation.title)).toEqual(['Made after the start']);
  });

  it("hand a refusal to the call that takes it, as that call's own error", async () => {
    const early = withFirstCalls(client, [{ channel: 'investigations.get', request: { id: 'nope' } }]);
    const taken = early.call('investigations.get', { id: 'nope' });
    await expect(taken).rejects.toBeInstanceOf(ApiError);
    await expect(taken).rejects.toMatchObject({ code: 'not-found' });
  });

  it('leave no unhandled rejection behind when a refused one is never taken', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const early = withFirstCalls(client, [{ channel: 'investigations.get', request: { id: 'nope' } }]);
      early.closeFirstCalls();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
