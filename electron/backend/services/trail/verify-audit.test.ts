import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainInput, GENESIS_HASH } from '../../../../shared/domain/audit-chain';
import { canonicalJson } from '../../../../shared/domain/canonical-json';
import { hashEvent } from '../../store/audit-hash';
import type { PeelStore } from '../../store/store';
import { createTestBackend, type TestBackend } from '../test-backend';
import { storedChainInput } from './stored-chain-input';
import { verifyDatabase } from './verify-audit';

let t: TestBackend;
let store: PeelStore;

beforeEach(async () => {
  t = createTestBackend();
  store = t.backend.store;
  // Eight events of the kinds a notebook writes: 1 created, 2-3 ticks, 4-5 notes, 6 hypothesis, 7 status, 8 tick.
  const inv = await t.call('investigations.create', {
    title: 'Direct OOMs',
    summary: 'ads job',
    startedAt: 0,
  });
  await t.call('checklist.set', { investigationId: inv.id, itemId: 'fail.restarts', ticked: true });
  await t.call('checklist.set', { investigationId: inv.id, itemId: 'plug.right-metric', ticked: true });
  await t.call('notes.add', { investigationId: inv.id, ruleId: 'make-it-fail', body: 'Paused the **sink**' });
  await t.call('notes.add', { investigationId: inv.id, ruleId: null, body: 'Band-aid: 5G off-heap' });
  const hypothesis = await t.call('hypotheses.add', {
    investigationId: inv.id,
    statement: 'Layer 3 leaks',
    ruleId: null,
  });
  await t.call('hypotheses.setStatus', {
    hypothesisId: hypothesis.id,
    status: 'supported',
    reason: 'run #5',
  });
  await t.call('checklist.set', { investigationId: inv.id, itemId: 'fail.restarts', ticked: false });
});
afterEach(() => t.dispose());

interface Row {
  seq: number;
  id: string;
  payload: string;
  prev_hash: string;
  hash: string;
}
const row = (seq: number) =>
  store.db.prepare<[number], Row>('SELECT * FROM audit_events WHERE seq = ?').get(seq)!;

/** Changes stored events the way someone with the file and a SQLite shell could: triggers off, rows changed,
 *  triggers put back exactly as they were, so only the chain can tell. */
function tamper(work: () => void): void {
  const triggers = store.db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'",
    )
    .all();
  for (const trigger of triggers) store.db.exec(`DROP TRIGGER ${trigger.name}`);
  work();
  for (const trigger of triggers) store.db.exec(trigger.sql);
}

const verify = (expected?: { count?: number; hash?: string }) =>
  verifyDatabase(store, expected ? { expected } : {});

describe('an untouched trail', () => {
  it('verifies, with the head an export would print', () => {
    const result = verify();
    expect(result.ok).toBe(true);
    expect(result.firstBad).toBeNull();
    expect(result.events).toBe(8);
    expect(result.headSeq).toBe(8);
    expect(result.headHash).toBe(row(8).hash);
    expect(result.triggers).toEqual({
      ok: true,
      expected: expect.arrayContaining([
        'audit_events_no_delete',
        'audit_events_no_update',
        'note_revisions_no_delete',
        'note_revisions_no_update',
        'event_descriptions_no_update',
        'hypothesis_revisions_no_delete',
        'hypotheses_statement_kept',
      ]),
      missing: [],
      altered: [],
      unexpected: [],
    });
  });

  it('verifies against the head it printed, and against an earlier head (the trail grew since)', () => {
    expect(verify({ count: 8, hash: row(8).hash }).ok).toBe(true);
    expect(verify({ count: 5, hash: row(5).hash }).ok).toBe(true);
    expect(verify({ hash: row(6).hash }).ok).toBe(true);
  });

  it('verifies an empty database', () => {
    const fresh = createTestBackend();
    try {
      const result = verifyDatabase(fresh.backend.store);
      expect(result).toMatchObject({
        ok: true,
        events: 0,
        headSeq: 0,
        headHash: GENESIS_HASH,
        firstBad: null,
      });
    } finally {
      fresh.dispose();
    }
  });

  it('stores payloads as canonical JSON, so the stored text is what the hash covers', () => {
    const stored = row(4);
    expect(stored.payload).toBe(canonicalJson(JSON.parse(stored.payload)));
  });

  it('refuses a payload stored in any form but canonical JSON, even one that parses to the hashed value', () => {
    const last = row(8);
    const payload = { zebra: 1, body: 'written by an older Peel', alpha: { y: 2, b: [1, 'x'] } };
    const event = {
      seq: 9,
      id: 'legacy-9',
      investigationId: null,
      at: 1,
      actor: 'tester',
      kind: 'note.added',
      ruleId: null,
      payload,
    };
    store.db
      .prepare(
        `INSERT INTO audit_events (seq, id, investigation_id, at, actor, kind, rule_id, payload, prev_hash, hash)
         VALUES (9, 'legacy-9', NULL, 1, 'tester', 'note.added', NULL, ?, ?, ?)`,
      )
      .run(JSON.stringify(payload), last.hash, hashEvent(last.hash, event));
    expect(verify()).toMatchObject({ ok: false, events: 9, firstBad: { seq: 9, problem: 'edited' } });
  });

  it('names a repeated key in a payload: the hash covers one reading, a reader could take the other', () => {
    const last = row(8);
    const event = {
      seq: 9,
      id: 'dup-9',
      investigationId: null,
      at: 1,
      actor: 'tester',
      kind: 'note.added',
      ruleId: null,
      payload: { body: 'original', noteId: 'n' },
    };
    store.db
      .prepare(
        `INSERT INTO audit_events (seq, id, investigation_id, at, actor, kind, rule_id, payload, prev_hash, hash)
         VALUES (9, 'dup-9', NULL, 1, 'tester', 'note.added', NULL, ?, ?, ?)`,
      )
      .run('{"body":"FORGED","noteId":"n","body":"original"}', last.hash, hashEvent(last.hash, event));
    const result = verify();
    expect(result).toMatchObject({ ok: false, firstBad: { seq: 9, problem: 'edited' } });
    expect(result.firstBad?.message).toContain('the key "body" appears twice');
  });
});

describe('tampering', () => {
  it('finds an edited payload', () => {
    tamper(() =>
      store.db
        .prepare("UPDATE audit_events SET payload = replace(payload, 'sink', 'source') WHERE seq = 4")
        .run(),
    );
    const result = verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toEqual({
      seq: 4,
      id: row(4).id,
      problem: 'edited',
      message: 'Event #4 (note.added) was edited: its content no longer hashes to its stored hash.',
    });
    expect(result.triggers.ok).toBe(true);
  });

  it('finds an edited actor or time, not only payloads', () => {
    tamper(() => store.db.prepare("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2").run());
    expect(verify().firstBad).toMatchObject({ seq: 2, problem: 'edited' });
  });

  it('finds an edited hash', () => {
    tamper(() =>
      store.db
        // Flip the first hex digit: always a different hash (replacing it with a fixed digit is no change when the
        // hash already starts with that digit, one time in sixteen).
        .prepare(
          "UPDATE audit_events SET hash = (CASE WHEN substr(hash, 1, 1) = '0' THEN '1' ELSE '0' END) || substr(hash, 2) WHERE seq = 5",
        )
        .run(),
    );
    expect(verify().firstBad).toMatchObject({ seq: 5, problem: 'edited' });
  });

  it('finds an edited link back, naming the event whose link was changed', () => {
    tamper(() =>
      store.db.prepare(`UPDATE audit_events SET prev_hash = '${'a'.repeat(64)}' WHERE seq = 6`).run(),
    );
    expect(verify().firstBad).toMatchObject({
      seq: 6,
      problem: 'edited',
      message: expect.stringContaining('stored previous hash was changed'),
    });
  });

  it('finds an event rewritten with its hash recomputed (the next event still links to the old hash)', () => {
    tamper(() => {
      const victim = row(3);
      const payload = { itemId: 'plug.right-metric', text: 'never happened' };
      const forged = hashEvent(victim.prev_hash, {
        seq: 3,
        id: victim.id,
        investigationId: store.db
          .prepare('SELECT investigation_id FROM audit_events WHERE seq = 3')
          .pluck()
          .get() as string,
        at: store.db.prepare('SELECT at FROM audit_events WHERE seq = 3').pluck().get() as number,
        actor: 'tester',
        kind: 'checklist.ticked',
        ruleId: 'check-the-plug',
        payload,
      });
      store.db
        .prepare('UPDATE audit_events SET payload = ?, hash = ? WHERE seq = 3')
        .run(canonicalJson(payload), forged);
    });
    expect(verify().firstBad).toMatchObject({
      seq: 3,
      problem: 'edited',
      message: expect.stringContaining('was rewritten'),
    });
  });

  it('finds a deleted event by the gap it leaves', () => {
    const fourth = row(4);
    tamper(() => store.db.prepare('DELETE FROM audit_events WHERE seq = 3').run());
    expect(verify().firstBad).toEqual({
      seq: 4,
      id: fourth.id,
      problem: 'deleted',
      message: 'Events were deleted before #4 (note.added): #3 is missing.',
    });
  });

  it('finds deleted events at the start, and several in a row', () => {
    tamper(() => store.db.prepare('DELETE FROM audit_events WHERE seq <= 2').run());
    expect(verify().firstBad).toMatchObject({
      seq: 3,
      problem: 'deleted',
      message: expect.stringContaining('#1–#2 are missing'),
    });
  });

  it('finds a deletion hidden by renumbering the events after it', () => {
    tamper(() => {
      store.db.prepare('DELETE FROM audit_events WHERE seq = 3').run();
      for (let seq = 4; seq <= 8; seq++)
        store.db.prepare('UPDATE audit_events SET seq = seq - 1 WHERE seq = ?').run(seq);
    });
    expect(verify().firstBad).toMatchObject({
      seq: 3,
      problem: 'deleted',
      message: expect.stringContaining('renumbered to hide the gap: it was stored as #4'),
    });
  });

  it('finds two events swapped', () => {
    tamper(() => {
      const columns = 'id, investigation_id, at, actor, kind, rule_id, payload, prev_hash, hash';
      const a = store.db.prepare(`SELECT ${columns} FROM audit_events WHERE seq = 4`).get() as Record<
        string,
        unknown
      >;
      const b = store.db.prepare(`SELECT ${columns} FROM audit_events WHERE seq = 5`).get() as Record<
        string,
        unknown
      >;
      const put = store.db.prepare(
        `UPDATE audit_events SET id = @id, investigation_id = @investigation_id, at = @at, actor = @actor, kind = @kind,
           rule_id = @rule_id, payload = @payload, prev_hash = @prev_hash, hash = @hash WHERE seq = @seq`,
      );
      put.run({ ...a, id: 'swapping', seq: 4 });
      put.run({ ...a, seq: 5 });
      put.run({ ...b, seq: 4 });
    });
    expect(verify().firstBad).toMatchObject({
      seq: 4,
      problem: 'reordered',
      message: expect.stringContaining('links back to event #5, which is stored after it'),
    });
  });

  it('finds a dropped trigger, even with the chain intact', () => {
    store.db.exec('DROP TRIGGER audit_events_no_delete');
    const result = verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toBeNull();
    expect(result.triggers).toMatchObject({
      ok: false,
      missing: ['audit_events_no_delete'],
      altered: [],
      unexpected: [],
    });
  });

  it('finds a trigger redefined under its own name', () => {
    store.db.exec('DROP TRIGGER note_revisions_no_update');
    store.db.exec(
      'CREATE TRIGGER note_revisions_no_update BEFORE UPDATE ON note_revisions BEGIN SELECT 1; END',
    );
    expect(verify().triggers).toMatchObject({
      ok: false,
      missing: [],
      altered: ['note_revisions_no_update'],
    });
  });

  it('finds a trigger no migration created (one that silently drops audit writes)', () => {
    store.db.exec('CREATE TRIGGER quiet BEFORE INSERT ON audit_events BEGIN SELECT RAISE(IGNORE); END');
    expect(verify()).toMatchObject({ ok: false, triggers: { ok: false, unexpected: ['quiet'] } });
  });

  it('finds a cut tail only against the head an export printed', () => {
    const head = row(8);
    tamper(() => store.db.prepare('DELETE FROM audit_events WHERE seq > 6').run());
    // The chain alone cannot tell: what is left is a valid, shorter chain. The records the cut events recorded
    // are no longer vouched for, though, and the state check names the first of them.
    const alone = verify();
    expect(alone).toMatchObject({ events: 6, headSeq: 6, firstBad: null, ok: false });
    expect(alone.state.firstMismatch?.message).toMatch(/recorded|no event/);
    expect(verify({ count: 8, hash: head.hash }).firstBad).toEqual({
      seq: 7,
      id: null,
      problem: 'truncated',
      message:
        'The trail was cut: the head you expect has 8 events, this database ends at #6 (#7–#8 missing).',
    });
    expect(verify({ hash: head.hash }).firstBad).toMatchObject({ problem: 'head-mismatch' });
  });

  it('finds a tail rewritten with a valid chain, against the printed head', () => {
    const head = row(8);
    tamper(() => {
      store.db.prepare('DELETE FROM audit_events WHERE seq = 8').run();
      store.transaction(() =>
        store.audit.append({
          id: 'forged-8',
          investigationId: null,
          at: 0,
          actor: 'mallory',
          kind: 'note.added',
          ruleId: null,
          payload: { body: 'all fine' },
        }),
      );
    });
    // The chain holds; the record the deleted event vouched for does not.
    expect(verify()).toMatchObject({ firstBad: null, ok: false });
    expect(verify({ count: 8, hash: head.hash }).firstBad).toMatchObject({
      seq: 8,
      id: 'forged-8',
      problem: 'head-mismatch',
    });
  });
});

describe('the stored chain input', () => {
  const text = fc.string({ maxLength: 20 });
  const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<unknown>;
  it('equals the canonical chain input of the parsed event, for any event', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: 2 ** 40 }),
          id: text,
          investigationId: fc.option(text, { nil: null }),
          at: fc.integer({ min: 0, max: 2 ** 47 }),
          actor: text,
          kind: text,
          ruleId: fc.option(text, { nil: null }),
          payload: fc.dictionary(text, json),
        }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (event, prev) => {
          // JSON cannot hold -0 faithfully; canonical JSON writes it as 0, as the store does.
          const payload = JSON.parse(canonicalJson(event.payload)) as Record<string, unknown>;
          const stored = storedChainInput(
            prev,
            event.seq,
            event.id,
            event.investigationId,
            event.at,
            event.actor,
            event.kind,
            event.ruleId,
            canonicalJson(payload),
          );
          expect(stored).toBe(chainInput(prev, { ...event, payload }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
