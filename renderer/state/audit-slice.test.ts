import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestBackend,
  FIXED_START,
  type TestBackend,
} from '../../electron/backend/services/test-backend';
import type { AuditEvent } from '../../shared/contract/entities';
import { mergeNewestFirst } from './audit-slice';
import type { createPeelStore } from './store';
import type { TestClient } from './test-client';
import { wireStore } from './wire-store.test-support';

function event(seq: number, investigationId: string | null = 'inv-1', body = `event ${seq}`): AuditEvent {
  return {
    seq,
    id: `id-${seq}`,
    investigationId,
    at: FIXED_START + seq,
    actor: 'tester',
    kind: 'note.added',
    ruleId: null,
    payload: { body },
    prevHash: '0'.repeat(64),
    hash: String(seq).padStart(64, '0'),
  };
}

const seqs = (events: readonly AuditEvent[]) => events.map((each) => each.seq);

describe('mergeNewestFirst', () => {
  it('merges overlapping pages without duplicates, newest first', () => {
    const merged = mergeNewestFirst([event(5), event(3), event(2)], [event(4), event(3), event(1), event(5)]);
    expect(seqs(merged)).toEqual([5, 4, 3, 2, 1]);
  });

  it('keeps one copy when the same event is pushed twice', () => {
    expect(seqs(mergeNewestFirst(mergeNewestFirst([], [event(1)]), [event(1)]))).toEqual([1]);
  });

  it('sorts whatever order the input is in', () => {
    expect(seqs(mergeNewestFirst([event(1), event(9)], [event(3), event(7)]))).toEqual([9, 7, 3, 1]);
  });

  it('leaves its inputs alone', () => {
    const existing = [event(2)];
    const incoming = [event(1)];
    mergeNewestFirst(existing, incoming);
    expect(seqs(existing)).toEqual([2]);
    expect(seqs(incoming)).toEqual([1]);
  });

  it('handles empty inputs', () => {
    expect(mergeNewestFirst([], [])).toEqual([]);
    expect(seqs(mergeNewestFirst([event(1)], []))).toEqual([1]);
  });
});

describe('the audit slice against a real backend', () => {
  let t: TestBackend;
  let client: TestClient;
  let store: ReturnType<typeof createPeelStore>;

  beforeEach(() => {
    t = createTestBackend();
    ({ client, store } = wireStore(t));
  });
  afterEach(() => t.dispose());

  it('ignores events of other investigations', async () => {
    const shown = await t.call('investigations.create', { title: 'Shown', summary: '', startedAt: 0 });
    await store.getState().loadAudit(shown.id);
    const other = await t.call('investigations.create', { title: 'Other', summary: '', startedAt: 0 });
    await t.call('notes.add', { investigationId: other.id, ruleId: null, body: 'elsewhere' });
    store.getState().receiveAuditEvent(event(999, null));
    expect(store.getState().auditEvents.map((each) => each.investigationId)).toEqual([shown.id]);
  });

  it('merges pushed events of the shown investigation as they happen', async () => {
    const shown = await t.call('investigations.create', { title: 'Shown', summary: '', startedAt: 0 });
    await store.getState().loadAudit(shown.id);
    await t.call('notes.add', { investigationId: shown.id, ruleId: null, body: 'one' });
    await t.call('checklist.set', { investigationId: shown.id, itemId: 'fail.restarts', ticked: true });
    expect(store.getState().auditEvents.map((each) => each.kind)).toEqual([
      'checklist.ticked',
      'note.added',
      'investigation.created',
    ]);
    // A reload that overlaps what was pushed adds nothing twice.
    await store.getState().loadAudit(shown.id);
    expect(seqs(store.getState().auditEvents)).toEqual([3, 2, 1]);
  });

  it('drops an answer for an investigation that is no longer shown', async () => {
    const first = await t.call('investigations.create', { title: 'First', summary: '', startedAt: 0 });
    const second = await t.call('investigations.create', { title: 'Second', summary: '', startedAt: 0 });
    const release = client.holdAnswers(
      (channel, request) =>
        channel === 'audit.list' && (request as { investigationId: string }).investigationId === first.id,
    );
    const late = store.getState().loadAudit(first.id);
    await store.getState().loadAudit(second.id);
    await release();
    await late;
    expect(store.getState().auditEvents.map((each) => each.investigationId)).toEqual([second.id]);
  });

  it('forgets the trail when cleared, and then ignores pushes', async () => {
    const shown = await t.call('investigations.create', { title: 'Shown', summary: '', startedAt: 0 });
    await store.getState().loadAudit(shown.id);
    store.getState().clearAudit();
    await t.call('notes.add', { investigationId: shown.id, ruleId: null, body: 'after' });
    expect(store.getState().auditEvents).toEqual([]);
    expect(store.getState().auditInvestigationId).toBeNull();
  });

  it('turns a failed load into an error notice', async () => {
    await store.getState().loadAudit('missing-inv');
    expect(store.getState().notices).toHaveLength(1);
    expect(store.getState().notices[0]?.message).toBe("There is no investigation with id 'missing-inv'.");
    expect(store.getState().auditEvents).toEqual([]);
  });
});
