import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../shared/domain/audit-chain';
import { hashEvent } from './audit-hash';
import type { NewAuditEvent } from './audit-store';
import { openStore, type PeelStore } from './store';

let dir: string;
let store: PeelStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-audit-'));
  store = openStore(join(dir, 'peel.sqlite'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function event(n: number, investigationId: string | null = 'inv-1'): NewAuditEvent {
  return {
    id: `event-${n}`,
    investigationId,
    at: 1_700_000_000_000 + n,
    actor: 'tester',
    kind: 'note.added',
    ruleId: n % 2 === 0 ? 'make-it-fail' : null,
    payload: { body: `note ${n}`, nested: { z: 1, a: [n, 'x'] } },
  };
}

function appendEvents(count: number, investigationId: string | null = 'inv-1') {
  return store.transaction(() =>
    Array.from({ length: count }, (_, index) => store.audit.append(event(index + 1, investigationId))),
  );
}

function addNoteRevision() {
  store.transaction(() => {
    store.investigations.insert({
      id: 'inv-1',
      title: 'Leak',
      summary: '',
      startedAt: 0,
      createdAt: 0,
      createdBy: 'tester',
      updatedAt: 0,
      status: 'open',
      scenarioId: null,
    });
    store.notes.insertRevision({
      id: 'rev-1',
      noteId: 'note-1',
      investigationId: 'inv-1',
      ruleId: null,
      body: 'first text',
      createdAt: 0,
      createdBy: 'tester',
      correctsId: null,
    });
  });
}

function sqliteError(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected SQLite to refuse the statement');
}

describe('append-only triggers', () => {
  it('refuse UPDATE of an audit event and leave it as it was', () => {
    const [first] = appendEvents(1);
    const error = sqliteError(() => store.db.prepare("UPDATE audit_events SET actor = 'mallory'").run());
    expect(error.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(error.message).toBe('audit_events is append-only: an event cannot be changed');
    expect(store.audit.listForInvestigation('inv-1')).toEqual([first]);
  });

  it('refuse DELETE of an audit event, even inside a transaction', () => {
    appendEvents(2);
    const error = sqliteError(() =>
      store.transaction(() => store.db.prepare('DELETE FROM audit_events WHERE seq = 1').run()),
    );
    expect(error.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(error.message).toBe('audit_events is append-only: an event cannot be deleted');
    expect(store.audit.countForInvestigation('inv-1')).toBe(2);
  });

  it('refuse UPDATE and DELETE of a note revision', () => {
    addNoteRevision();
    const update = sqliteError(() => store.db.prepare("UPDATE note_revisions SET body = 'rewritten'").run());
    expect(update.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(update.message).toMatch(/note_revisions is append-only/);
    const remove = sqliteError(() => store.db.prepare('DELETE FROM note_revisions').run());
    expect(remove.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(remove.message).toMatch(/note_revisions is append-only/);
    expect(store.notes.getNote('note-1')?.note.body).toBe('first text');
  });

  it('refuse a second correction of the same revision, so the history of a note stays one chain', () => {
    addNoteRevision();
    const revision = (id: string) => ({
      id,
      noteId: 'note-1',
      investigationId: 'inv-1',
      ruleId: null,
      body: id,
      createdAt: 1,
      createdBy: 'tester',
      correctsId: 'rev-1',
    });
    store.notes.insertRevision(revision('rev-2'));
    const error = sqliteError(() => store.notes.insertRevision(revision('rev-3')));
    expect(error.code).toMatch(/^SQLITE_CONSTRAINT/);
  });
});

describe('appending', () => {
  it('throws outside a transaction and writes nothing', () => {
    expect(() => store.audit.append(event(1))).toThrow(/inside the transaction/);
    expect(store.audit.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('is undone with the transaction it belongs to', () => {
    expect(() =>
      store.transaction(() => {
        store.audit.append(event(1));
        throw new Error('the change failed');
      }),
    ).toThrow('the change failed');
    expect(store.audit.countForInvestigation('inv-1')).toBe(0);
    expect(store.audit.head().seq).toBe(0);
  });
});

describe('the hash chain', () => {
  it('links every event to the one before, starting from 64 zeros', () => {
    appendEvents(3, 'inv-1');
    // Events of another investigation share the one chain of the database.
    store.transaction(() => store.audit.append({ ...event(4, 'inv-2'), id: 'other-4' }));
    store.transaction(() => store.audit.append({ ...event(5, null), id: 'global-5' }));
    const chain = store.db
      .prepare<[], { seq: number; hash: string; prev_hash: string }>(
        'SELECT seq, hash, prev_hash FROM audit_events ORDER BY seq',
      )
      .all();
    expect(chain.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prev_hash).toBe(chain[i - 1]?.hash);
    expect(store.audit.head()).toEqual({ seq: 5, hash: chain[4]?.hash });
  });

  it('stores hashes that recomputing from the stored events reproduces', () => {
    appendEvents(4);
    const stored = store.audit.listForInvestigation('inv-1').reverse();
    expect(stored).toHaveLength(4);
    let prev = GENESIS_HASH;
    for (const row of stored) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.prevHash).toBe(prev);
      expect(hashEvent(prev, row)).toBe(row.hash);
      prev = row.hash;
    }
  });

  it('returns from append exactly what is stored', () => {
    const appended = appendEvents(2);
    expect(store.audit.listForInvestigation('inv-1').reverse()).toEqual(appended);
  });

  it('gives a different hash when any covered field changes', () => {
    const [stored] = appendEvents(1);
    if (!stored) throw new Error('no event');
    expect(hashEvent(GENESIS_HASH, { ...stored, actor: 'mallory' })).not.toBe(stored.hash);
    expect(hashEvent(GENESIS_HASH, { ...stored, payload: { ...stored.payload, body: 'edited' } })).not.toBe(
      stored.hash,
    );
    expect(hashEvent(GENESIS_HASH, { ...stored, seq: 2 })).not.toBe(stored.hash);
    expect(hashEvent('1'.repeat(64), stored)).not.toBe(stored.hash);
    // Key order in the payload does not matter: the content is canonical JSON.
    expect(
      hashEvent(GENESIS_HASH, { ...stored, payload: { nested: { a: [1, 'x'], z: 1 }, body: 'note 1' } }),
    ).toBe(stored.hash);
  });

  it('continues the chain after the database is closed and reopened', () => {
    appendEvents(2);
    const head = store.audit.head();
    store.close();
    store = openStore(join(dir, 'peel.sqlite'));
    expect(store.audit.head()).toEqual(head);
    const next = store.transaction(() => store.audit.append({ ...event(3), id: 'after-reopen' }));
    expect(next.seq).toBe(3);
    expect(next.prevHash).toBe(head.hash);
  });

  it('pages newest first with beforeSeq and limit', () => {
    appendEvents(5);
    expect(store.audit.listForInvestigation('inv-1', undefined, 2).map((e) => e.seq)).toEqual([5, 4]);
    expect(store.audit.listForInvestigation('inv-1', 4, 2).map((e) => e.seq)).toEqual([3, 2]);
    expect(store.audit.listForInvestigation('inv-1', 2).map((e) => e.seq)).toEqual([1]);
    expect(store.audit.listForInvestigation('inv-2')).toEqual([]);
  });
});
