import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeelError } from '../../../shared/contract/errors';
import { openDatabase, PAGE_CACHE_KIB } from './database';
import { latestVersion, loadMigrations } from './migrations';
import { openStore } from './store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LATEST = latestVersion(loadMigrations());

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Everything in the folder with its hash, so a refused open that leaves a -wal, -shm or -journal behind shows up. */
function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, sha256(join(folder, name))]));
}

function openError(path: string, options: Parameters<typeof openDatabase>[1] = {}): PeelError {
  try {
    openDatabase(path, options).close();
  } catch (error) {
    expect(error).toBeInstanceOf(PeelError);
    return error as PeelError;
  }
  throw new Error(`opening ${path} was expected to fail`);
}

/** A real Peel database with a few rows in it, closed, so its bytes are settled on disk. */
function makePeelDatabase(path: string): void {
  const store = openStore(path);
  store.transaction(() => {
    for (let i = 0; i < 40; i++) {
      store.investigations.insert({
        id: `inv-${i}`,
        title: `Investigation ${i} ${'x'.repeat(200)}`,
        summary: 'y'.repeat(2000),
        startedAt: i,
        createdAt: i,
        createdBy: 'tester',
        updatedAt: i,
        status: 'open',
        scenarioId: null,
      });
    }
  });
  store.close();
}

describe('opening a new database', () => {
  it('creates the file and migrates it to the latest version with durable pragmas', () => {
    const path = join(dir, 'peel.sqlite');
    const db = openDatabase(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(LATEST).toBeGreaterThanOrEqual(1);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL: every commit syncs the WAL.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // The page cache is bounded below better-sqlite3's 16 MB default (a long session's memory stays level).
      expect(db.pragma('cache_size', { simple: true })).toBe(-PAGE_CACHE_KIB);
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining([
          'audit_events',
          'checklist_ticks',
          'hypotheses',
          'investigations',
          'note_revisions',
        ]),
      );
    } finally {
      db.close();
    }
  });

  it('refuses an empty (0-byte) file like any file Peel did not write, unless the user asks to start fresh', () => {
    const path = join(dir, 'peel.sqlite');
    writeFileSync(path, '');
    const before = snapshot(dir);
    expect(() => openDatabase(path)).toThrow(/it is empty \(0 bytes\).*--start-fresh/);
    expect(snapshot(dir)).toEqual(before);
    const db = openDatabase(path, { startFresh: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    db.close();
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(join(dir, 'peel.sqlite'));
    try {
      expect(() =>
        db
          .prepare(
            `INSERT INTO hypotheses (id, investigation_id, statement, status, created_at, created_by, updated_at)
             VALUES ('h', 'no-such-investigation', 's', 'open', 0, 'u', 0)`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('keeps its data across a close and reopen, without applying migrations again', () => {
    const path = join(dir, 'peel.sqlite');
    makePeelDatabase(path);
    const store = openStore(path);
    try {
      expect(store.schemaVersion()).toBe(LATEST);
      expect(store.investigations.list()).toHaveLength(40);
      expect(store.investigations.get('inv-7')?.summary).toBe('y'.repeat(2000));
    } finally {
      store.close();
    }
  });
});

describe('refusing files that are not healthy Peel databases, without changing them', () => {
  function expectRefusedUnchanged(
    path: string,
    why: RegExp,
    options: Parameters<typeof openDatabase>[1] = {},
  ) {
    const before = snapshot(dir);
    const error = openError(path, options);
    expect(error.code).toBe('storage');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(why);
    expect((error.details as { path?: string }).path).toBe(path);
    expect(snapshot(dir)).toEqual(before);
    return error;
  }

  it('refuses a file of random bytes', () => {
    const path = join(dir, 'peel.sqlite');
    writeFileSync(path, randomBytes(8192));
    expectRefusedUnchanged(path, /not a SQLite database/);
  });

  it('refuses a text file', () => {
    const path = join(dir, 'peel.sqlite');
    writeFileSync(path, 'These are my notes, not a database.\n'.repeat(100));
    expectRefusedUnchanged(path, /not a SQLite database/);
  });

  it('refuses a directory', () => {
    expectRefusedUnchanged(dir, /not a regular file/);
  });

  it('refuses a truncated SQLite file', () => {
    const path = join(dir, 'peel.sqlite');
    makePeelDatabase(path);
    truncateSync(path, 4096 + 1000);
    expectRefusedUnchanged(path, /corrupt|malformed/i);
  });

  it('refuses a SQLite file whose pages were overwritten', () => {
    const path = join(dir, 'peel.sqlite');
    makePeelDatabase(path);
    const bytes = readFileSync(path);
    randomBytes(bytes.length - 4096).copy(bytes, 4096);
    writeFileSync(path, bytes);
    expectRefusedUnchanged(path, /corrupt|malformed/i);
  });

  it("refuses someone else's SQLite database (tables but no Peel schema version)", () => {
    const path = join(dir, 'peel.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');");
    other.close();
    expectRefusedUnchanged(path, /Peel did not create/);
  });

  it('refuses a database written by a newer Peel', () => {
    const path = join(dir, 'peel.sqlite');
    makePeelDatabase(path);
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST + 5}`);
    raw.close();
    const error = expectRefusedUnchanged(path, /newer Peel/);
    expect(error.message).toContain(`schema version ${LATEST + 5}`);
    expect(error.details).toMatchObject({ schemaVersion: LATEST + 5, supportedVersion: LATEST });
  });

  it('refuses a newer database that uses a rollback journal, leaving its journal mode alone', () => {
    const path = join(dir, 'peel.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    expectRefusedUnchanged(path, /newer Peel/);
  });

  it('refuses to open a missing file read-only, and does not create it', () => {
    const path = join(dir, 'missing.sqlite');
    expectRefusedUnchanged(path, /does not exist/, { readonly: true });
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a read-only open of an older schema instead of migrating it', () => {
    const path = join(dir, 'peel.sqlite');
    const raw = new Database(path);
    raw.pragma('user_version = 1');
    raw.close();
    expectRefusedUnchanged(path, new RegExp(`schema version is 1, this Peel reads version ${LATEST}`), {
      readonly: true,
    });
  });

  it('refuses an empty (0-byte) file read-only too', () => {
    const path = join(dir, 'peel.sqlite');
    writeFileSync(path, '');
    expectRefusedUnchanged(path, /it is empty \(0 bytes\)/, { readonly: true });
  });

  /** A Peel database left by a crash: its last commits still in the -wal beside it, with its -shm. */
  function crashedWithLog(path: string, lastCommit: (db: Database.Database) => void): void {
    makePeelDatabase(path);
    // A second process keeps the log from being checkpointed and removed when the writer closes: like a crash.
    const writer = new Database(path);
    writer.pragma('wal_autocheckpoint = 0');
    lastCommit(writer);
    const files = snapshot(dir);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['peel.sqlite-wal', 'peel.sqlite-shm']));
    // Copy the three files as they are at this instant, as a crash would leave them, then let the writer go.
    const saved = Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(join(dir, name))]));
    writer.close();
    for (const name of readdirSync(dir)) rmSync(join(dir, name));
    for (const [name, bytes] of Object.entries(saved)) writeFileSync(join(dir, name), bytes);
  }

  it('refuses a newer database whose last commits are still in a leftover -wal, keeping main, -wal and -shm byte for byte', () => {
    const path = join(dir, 'peel.sqlite');
    crashedWithLog(path, (db) => db.pragma(`user_version = ${LATEST + 3}`));
    const before = snapshot(dir);
    expect(Object.keys(before).sort()).toEqual(['peel.sqlite', 'peel.sqlite-shm', 'peel.sqlite-wal']);
    expectRefusedUnchanged(path, /newer Peel/);
    expectRefusedUnchanged(path, /newer Peel/, { readonly: true });
    expect(snapshot(dir)).toEqual(before);
  });

  it('opens a database with a leftover -wal and keeps its last commits (the log is recovered, not lost)', () => {
    const path = join(dir, 'peel.sqlite');
    crashedWithLog(path, (db) => db.exec("UPDATE investigations SET title = 'kept' WHERE id = 'inv-1'"));
    const db = openDatabase(path);
    try {
      expect(db.prepare("SELECT title FROM investigations WHERE id = 'inv-1'").pluck().get()).toBe('kept');
    } finally {
      db.close();
    }
  });

  it('a read-only open leaves no -wal or -shm behind', () => {
    const path = join(dir, 'peel.sqlite');
    makePeelDatabase(path);
    expect(readdirSync(dir)).toEqual(['peel.sqlite']);
    const db = openDatabase(path, { readonly: true });
    db.prepare('SELECT count(*) FROM investigations').get();
    db.close();
    expect(readdirSync(dir)).toEqual(['peel.sqlite']);
  });

  it('opens a current database read-only without writing to it', () => {
    const path = join(dir, 'peel.sqlite');
    makePeelDatabase(path);
    const before = sha256(path);
    const db = openDatabase(path, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM investigations').pluck().get()).toBe(40);
      expect(() => db.exec("DELETE FROM investigations WHERE id = 'inv-1'")).toThrow(/readonly/);
    } finally {
      db.close();
    }
    expect(sha256(path)).toBe(before);
    // A read-only connection may leave SQLite's WAL index behind, but never log pages that would change the data.
    if (existsSync(`${path}-wal`)) expect(readFileSync(`${path}-wal`)).toHaveLength(0);
  });
});
