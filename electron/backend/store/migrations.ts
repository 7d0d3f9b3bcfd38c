// Numbered SQL migrations (migrations/NNN-name.sql), each applied in its own transaction and recorded with
// PRAGMA user_version, so a database is always at a whole version and a failed step leaves it as it was.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { PeelError } from '../../../shared/contract/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{3})-([a-z0-9-]+)\.sql$/;

/** Where the .sql files sit: beside this module in the sources, beside the bundle in dist (the build copies them). */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((entry): entry is { file: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ file, match }) => ({
      version: Number(match[1]),
      name: match[2] ?? file,
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations in ${dir} must be numbered 001, 002, ... without gaps; found ${migration.version}`,
      );
    }
  });
  return migrations;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** A database from a newer Peel is never touched: this one cannot know what its later migrations meant. */
export function refuseNewerSchema(current: number, migrations: readonly Migration[], path: string): void {
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new PeelError(
      'storage',
      `The database ${path} was written by a newer Peel (schema version ${current}; this Peel knows up to ${latest}). ` +
        'It has not been changed: open it with a newer Peel, or start this one with another PEEL_DATA_DIR.',
      { path, schemaVersion: current, supportedVersion: latest },
    );
  }
}

/** Brings the database up to the latest version; returns the versions applied. */
export function migrate(db: Database.Database, migrations: readonly Migration[], path: string): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  refuseNewerSchema(current, migrations, path);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new PeelError(
        'storage',
        `Migration ${String(migration.version).padStart(3, '0')}-${migration.name} failed on ${path}: ` +
          `${error instanceof Error ? error.message : String(error)}. The database was left at version ${current + applied.length}.`,
        { path, migration: migration.version },
      );
    }
    applied.push(migration.version);
  }
  return applied;
}
