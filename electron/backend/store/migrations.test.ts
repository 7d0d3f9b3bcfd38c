import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PeelError } from '../../../shared/contract/errors';
import { openDatabase } from './database';
import { defaultMigrationsDir, latestVersion, loadMigrations, migrate } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'peel-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function migrationsDir(files: Record<string, string>): string {
  const migrations = mkdtempSync(join(dir, 'migrations-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(migrations, name), sql);
  return migrations;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function caught(work: () => unknown): PeelError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PeelError);
    return error as PeelError;
  }
  throw new Error('expected a PeelError');
}

const FIRST = "CREATE TABLE kept (value TEXT NOT NULL); INSERT INTO kept VALUES ('from 001');";

describe('loading migrations', () => {
  it("ships numbered migrations starting at 001, sorted, with the file's name", () => {
    const shipped = loadMigrations(defaultMigrationsDir());
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.map((m) => m.version)).toEqual(shipped.map((_, index) => index + 1));
    expect(shipped[0]?.name).toBe('notebook');
  });

  it('sorts by number whatever order the folder lists them in', () => {
    const migrations = migrationsDir({
      '002-second.sql': 'SELECT 2;',
      '010-tenth.sql': 'SELECT 10;',
      '001-first.sql': FIRST,
      ...Object.fromEntries([3, 4, 5, 6, 7, 8, 9].map((n) => [`00${n}-step.sql`, 'SELECT 0;'])),
    });
    expect(loadMigrations(migrations).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(latestVersion(loadMigrations(migrations))).toBe(10);
  });

  it('refuses a gap in the numbering, naming the folder and the number', () => {
    const gap = migrationsDir({ '001-first.sql': FIRST, '003-third.sql': 'SELECT 1;' });
    expect(() => loadMigrations(gap)).toThrow(
      `Migrations in ${gap} must be numbered 001, 002, ... without gaps; found 3`,
    );
  });

  it('refuses a folder that does not start at 001', () => {
    expect(() => loadMigrations(migrationsDir({ '002-second.sql': 'SELECT 1;' }))).toThrow(/found 2/);
  });

  it('ignores files that are not numbered migrations', () => {
    const migrations = migrationsDir({
      '001-first.sql': FIRST,
      'README.md': '# notes',
      '2-bad-name.sql': 'x',
    });
    expect(loadMigrations(migrations).map((m) => [m.version, m.name])).toEqual([[1, 'first']]);
  });

  it('has no version for an empty folder', () => {
    expect(latestVersion(loadMigrations(migrationsDir({})))).toBe(0);
  });
});

describe('migrate', () => {
  it('applies every pending migration once and records the version', () => {
    const migrations = loadMigrations(
      migrationsDir({ '001-first.sql': FIRST, '002-second.sql': "INSERT INTO kept VALUES ('from 002');" }),
    );
    const db = new Database(join(dir, 'x.sqlite'));
    try {
      expect(migrate(db, migrations, 'x.sqlite')).toEqual([1, 2]);
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(migrate(db, migrations, 'x.sqlite')).toEqual([]);
      expect(db.prepare('SELECT value FROM kept ORDER BY rowid').pluck().all()).toEqual([
        'from 001',
        'from 002',
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses a database newer than the migrations it knows, changing nothing', () => {
    const db = new Database(join(dir, 'x.sqlite'));
    try {
      db.pragma('user_version = 7');
      const error = caught(() =>
        migrate(db, loadMigrations(migrationsDir({ '001-first.sql': FIRST })), 'x.sqlite'),
      );
      expect(error.code).toBe('storage');
      expect(error.message).toContain('x.sqlite');
      expect(error.message).toContain('schema version 7; this Peel knows up to 1');
      expect(db.pragma('user_version', { simple: true })).toBe(7);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'kept'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('applies a failing migration in one transaction: the database stays at the previous version', () => {
    const path = join(dir, 'peel.sqlite');
    openDatabase(path, { migrationsDir: migrationsDir({ '001-first.sql': FIRST }) }).close();
    const before = sha256(path);

    const broken = migrationsDir({
      '001-first.sql': FIRST,
      // The first statements succeed and the last fails, so all of 002 must be rolled back.
      '002-broken.sql':
        "CREATE TABLE half (x INTEGER); INSERT INTO kept VALUES ('from 002'); INSERT INTO no_such_table VALUES (1);",
    });
    const error = caught(() => openDatabase(path, { migrationsDir: broken }));
    expect(error.code).toBe('storage');
    expect(error.message).toContain(path);
    expect(error.message).toContain('002-broken');
    expect(error.message).toContain('no_such_table');
    expect(error.message).toContain('left at version 1');
    expect(error.details).toMatchObject({ path, migration: 2 });

    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
      expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
      expect(raw.prepare('SELECT value FROM kept').pluck().all()).toEqual(['from 001']);
    } finally {
      raw.close();
    }
    expect(sha256(path)).toBe(before);
  });

  it('keeps the migrations that succeeded before a later one fails', () => {
    const path = join(dir, 'peel.sqlite');
    const error = caught(() =>
      openDatabase(path, {
        migrationsDir: migrationsDir({
          '001-first.sql': FIRST,
          '002-second.sql': "INSERT INTO kept VALUES ('from 002');",
          '003-broken.sql': 'THIS IS NOT SQL;',
        }),
      }),
    );
    expect(error.message).toContain('003-broken');
    expect(error.message).toContain('left at version 2');
    const raw = new Database(path, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(2);
      expect(raw.prepare('SELECT value FROM kept ORDER BY rowid').pluck().all()).toEqual([
        'from 001',
        'from 002',
      ]);
    } finally {
      raw.close();
    }
  });

  it('brings an older Peel database up to date on open, keeping its rows', () => {
    const path = join(dir, 'peel.sqlite');
    openDatabase(path, { migrationsDir: migrationsDir({ '001-first.sql': FIRST }) }).close();
    const db = openDatabase(path, {
      migrationsDir: migrationsDir({
        '001-first.sql': FIRST,
        '002-second.sql': "INSERT INTO kept VALUES ('from 002');",
        '003-third.sql': 'ALTER TABLE kept ADD COLUMN extra TEXT;',
      }),
    });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare('SELECT value FROM kept ORDER BY rowid').pluck().all()).toEqual([
        'from 001',
        'from 002',
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses to open with a gap in the numbering, as a storage error naming the file', () => {
    const path = join(dir, 'peel.sqlite');
    const error = caught(() =>
      openDatabase(path, {
        migrationsDir: migrationsDir({ '001-first.sql': FIRST, '003-third.sql': 'SELECT 1;' }),
      }),
    );
    expect(error.code).toBe('storage');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/without gaps/);
  });
});
