import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend } from '../backend/backend';
import { runCli } from './run-cli.test-support';

const work = mkdtempSync(join(tmpdir(), 'peel-verify-cli-'));
const dbPath = join(work, 'peel.sqlite');

const verify = (args: string[]) => runCli('verify', args, { PEEL_DATA_DIR: work });

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Runs SQL on the closed database with the audit triggers dropped, then puts them back as they were. */
function tamper(sql: string): void {
  const db = new Database(dbPath);
  try {
    const triggers = db
      .prepare<[], { name: string; sql: string }>(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'",
      )
      .all();
    for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
    db.exec(sql);
    for (const trigger of triggers) db.exec(trigger.sql);
  } finally {
    db.close();
  }
}

let head: { seq: number; hash: string };

beforeAll(async () => {
  const backend = openBackend({ dataDir: work, host: 'browser', version: 'test', user: 'tester' });
  const call = async (channel: string, request: unknown) => {
    const result = await backend.dispatch(channel, request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { id: string };
  };
  const inv = await call('investigations.create', { title: 'Leak', summary: '', startedAt: 0 });
  for (let i = 0; i < 5; i++)
    await call('notes.add', { investigationId: inv.id, ruleId: 'make-it-fail', body: `observation ${i}` });
  head = backend.store.audit.head();
  backend.close();
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run verify', () => {
  it('says the default database (PEEL_DATA_DIR) is intact, prints its head, and does not change the file', async () => {
    const before = fileHash(dbPath);
    const { code, stdout } = await verify([]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Database: ${dbPath}`);
    expect(stdout).toContain('Chain:    intact: 6 events');
    expect(stdout).toContain(`Head:     6 events, #6 ${head.hash}`);
    expect(stdout).toContain('Result:   INTACT');
    expect(fileHash(dbPath)).toBe(before);
  });

  it('checks against the head an export printed, in JSON too', async () => {
    const ok = await verify(['--db', dbPath, '--expect-count', '6', '--expect-head', head.hash, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, events: 6, headHash: head.hash, firstBad: null });
    const longer = await verify(['--db', dbPath, '--expect-count', '9']);
    expect(longer.code).toBe(1);
    expect(longer.stdout).toContain('BROKEN at event #7 (truncated)');
  });

  it('names the first edited event and exits 1', async () => {
    tamper(
      "UPDATE audit_events SET payload = replace(payload, 'observation 2', 'observation two') WHERE seq = 4",
    );
    const { code, stdout } = await verify(['--db', dbPath]);
    expect(code).toBe(1);
    expect(stdout).toContain('Chain:    BROKEN at event #4 (edited): Event #4 (note.added) was edited');
    expect(stdout).toContain('Result:   TAMPERED');
  });

  it('names a missing trigger', async () => {
    const db = new Database(dbPath);
    db.exec('DROP TRIGGER note_revisions_no_delete');
    db.close();
    const { code, stdout } = await verify(['--db', dbPath]);
    expect(code).toBe(1);
    expect(stdout).toContain('Triggers: NOT AS CREATED (missing: note_revisions_no_delete)');
  });

  it('exits 2 on bad arguments, naming the argument', async () => {
    const unknown = await verify(['--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("verify: unknown argument '--frobnicate'");
    const count = await verify(['--expect-count', 'ten']);
    expect(count.code).toBe(2);
    expect(count.stderr).toContain("--expect-count: 'ten' is not a positive whole number");
    const missing = await verify(['--db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--db: expects a value');
  });

  it('exits 2 on a file that is not a Peel database, or is not there', async () => {
    const notSqlite = join(work, 'notes.txt');
    writeFileSync(notSqlite, 'just some text, not a database at all');
    const wrong = await verify(['--db', notSqlite]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('it is not a SQLite database');
    expect(readFileSync(notSqlite, 'utf8')).toBe('just some text, not a database at all');
    const absent = await verify(['--db', join(work, 'absent.sqlite')]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain('it does not exist');
  });
});
