// Opens Peel's SQLite file with the pragmas that make acknowledged writes durable, refuses files that are not
// Peel databases (or are corrupt, or newer) without touching them, and migrates the rest.
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { PeelError } from '../../../shared/contract/errors';
import { latestVersion, loadMigrations, migrate, refuseNewerSchema } from './migrations';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Open without writing anything (export, verify). */
  readonly?: boolean;
  migrationsDir?: string;
}

function readHeader(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

function refuse(path: string, why: string, details?: Record<string, unknown>): never {
  throw new PeelError('storage', `Cannot open the database ${path}: ${why}. The file has not been changed.`, {
    path,
    ...details,
  });
}

/** Checks the file before SQLite touches it: an existing non-empty file must carry SQLite's header. */
function checkExistingFile(path: string): void {
  if (!existsSync(path)) return;
  const stats = statSync(path);
  if (!stats.isFile()) refuse(path, 'it is not a regular file');
  if (stats.size === 0) return;
  if (readHeader(path) !== SQLITE_HEADER) refuse(path, 'it is not a SQLite database (its header is wrong)');
}

/** Connection settings only: nothing here writes to the file. */
function applyConnectionPragmas(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Writes the journal mode into the file's header, so it runs only once the file is known to be ours. */
function applyWritePragmas(db: Database.Database): void {
  // WAL lets readers run beside the single writer; synchronous=FULL syncs the WAL on every commit, so an
  // acknowledged action survives a power loss or OS crash, not only an application crash (NORMAL would not).
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
}

function checkIntegrity(db: Database.Database, path: string): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  if (problems.length > 0) {
    refuse(path, `SQLite reports it corrupt (${problems.slice(0, 3).join('; ')})`, {
      problems: problems.slice(0, 20),
    });
  }
}

/** A SQLite file that has tables but no Peel schema version belongs to someone else. */
function checkOwnership(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== 0) return;
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
    n: number;
  };
  if (tables.n > 0)
    refuse(path, 'it is a SQLite database that Peel did not create (it has tables but no Peel schema)');
}

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  checkExistingFile(path);
  if (readonly && !existsSync(path)) refuse(path, 'it does not exist');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    refuse(path, error instanceof Error ? error.message : String(error));
  }
  try {
    // Every check runs before anything is written: a refused file keeps its bytes, journal mode included.
    applyConnectionPragmas(db);
    checkIntegrity(db, path);
    checkOwnership(db, path);
    const migrations = loadMigrations(options.migrationsDir);
    const version = db.pragma('user_version', { simple: true }) as number;
    refuseNewerSchema(version, migrations, path);
    if (readonly) {
      if (version !== latestVersion(migrations)) {
        refuse(
          path,
          `its schema version is ${version}, this Peel reads version ${latestVersion(migrations)}`,
        );
      }
    } else {
      applyWritePragmas(db);
      migrate(db, migrations, path);
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof PeelError) throw error;
    const code = (error as { code?: string }).code;
    refuse(path, `${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`);
  }
}
