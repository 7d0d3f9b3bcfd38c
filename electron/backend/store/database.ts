// Opens Peel's SQLite file with the pragmas that make acknowledged writes durable, refuses files that are not
// Peel databases (or are corrupt, or newer) without touching them, and migrates the rest.
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PeelError } from '../../../shared/contract/errors';
import { latestVersion, loadMigrations, migrate, refuseNewerSchema } from './migrations';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  /** Open without writing anything (export, verify): no byte of the file changes and no -wal/-shm is left. */
  readonly?: boolean;
  migrationsDir?: string;
  /** The user asked to start a new database in place of an empty (0-byte) file. */
  startFresh?: boolean;
}

/** SQLite's side files of a WAL database: the log and its shared-memory index. */
const SIDE_FILES = ['-wal', '-shm'] as const;

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

/** Checks the file before SQLite touches it: an existing file must carry SQLite's header. */
function checkExistingFile(path: string, startFresh: boolean): void {
  if (!existsSync(path)) return;
  const stats = statSync(path);
  if (!stats.isFile()) refuse(path, 'it is not a regular file');
  if (stats.size === 0) {
    // Peel never leaves an empty database (its first transaction writes the schema): an empty file is someone
    // else's, or a copy cut short. Only the user may decide to start over in its place.
    if (startFresh) return;
    refuse(
      path,
      'it is empty (0 bytes), so it is not a database Peel wrote; move it away, or start Peel with --start-fresh ' +
        '(PEEL_START_FRESH=1) to make a new database in its place',
    );
  }
  if (readHeader(path) !== SQLITE_HEADER) refuse(path, 'it is not a SQLite database (its header is wrong)');
}

const sideFilesOf = (path: string) => SIDE_FILES.map((suffix) => `${path}${suffix}`);

/**
 * Runs `decide` on a connection that cannot change the file or its side files: a read-only connection when there
 * is no -wal/-shm (any it creates are removed after), otherwise a private copy of the file and its log in a temp
 * folder (a reader of a WAL database writes to its -shm, and recovering a leftover log rewrites it). Whatever
 * `decide` concludes, every byte Peel found is as it was.
 */
function inspectUntouched(path: string, decide: (db: Database.Database) => void): void {
  const present = sideFilesOf(path).filter((side) => existsSync(side));
  if (present.length === 0) {
    const db = openConnection(path, { readonly: true, fileMustExist: true });
    try {
      decide(db);
    } finally {
      db.close();
      removeCreatedSideFiles(path, []);
    }
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'peel-inspect-'));
  try {
    const copy = join(dir, 'peel.sqlite');
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const db = openConnection(copy, { readonly: false, fileMustExist: true }, path);
    try {
      decide(db);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Removes the -wal/-shm a read-only connection created beside a file that had none (`existed`: those it had). */
function removeCreatedSideFiles(path: string, existed: readonly string[]): void {
  for (const side of sideFilesOf(path)) {
    if (existed.includes(side) || !existsSync(side)) continue;
    // A read-only connection writes no log frames: a -wal it created is empty, and only such a file is removed.
    if (side.endsWith('-wal') && statSync(side).size > 0) continue;
    try {
      unlinkSync(side);
    } catch {
      // Another process may have taken it over; leaving it is harmless.
    }
  }
}

function openConnection(
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
  shownPath = path,
): Database.Database {
  try {
    return new Database(path, options);
  } catch (error) {
    return refuse(shownPath, error instanceof Error ? error.message : String(error));
  }
}

/** SQLite's page cache per connection, KiB (a negative cache_size is a size in KiB, not a page count). */
export const PAGE_CACHE_KIB = 4096;

/** Connection settings only: nothing here writes to the file. */
function applyConnectionPragmas(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection, which a long session fills page by page
  // from the main thread's allocator: a memory soak read it as the server's resident memory growing for ~600 runs.
  // Peel's hot reads (run lists, the lab state) are kept in memory above SQLite, and the rest (series blobs,
  // events, exports) are read once per view, from the OS's file cache when the pages are not here.
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
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

/** Every check that decides whether Peel may use the file, on a connection that changes nothing. */
function decideOwnership(
  db: Database.Database,
  path: string,
  options: OpenOptions,
  migrations: ReturnType<typeof loadMigrations>,
): void {
  try {
    applyConnectionPragmas(db);
    checkIntegrity(db, path);
    checkOwnership(db, path);
    const version = db.pragma('user_version', { simple: true }) as number;
    refuseNewerSchema(version, migrations, path);
    if (options.readonly && version !== latestVersion(migrations)) {
      refuse(path, `its schema version is ${version}, this Peel reads version ${latestVersion(migrations)}`);
    }
  } catch (error) {
    if (error instanceof PeelError) throw error;
    const code = (error as { code?: string }).code;
    refuse(path, `${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`);
  }
}

export function openDatabase(path: string, options: OpenOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  checkExistingFile(path, options.startFresh ?? false);
  if (readonly && !existsSync(path)) refuse(path, 'it does not exist');
  let migrations: ReturnType<typeof loadMigrations>;
  try {
    migrations = loadMigrations(options.migrationsDir);
  } catch (error) {
    refuse(path, error instanceof Error ? error.message : String(error));
  }
  // First decide, touching nothing; only a file Peel may use is then opened for use (and, read-write, migrated).
  if (existsSync(path) && statSync(path).size > 0) {
    inspectUntouched(path, (db) => decideOwnership(db, path, options, migrations));
  }
  if (readonly) {
    const existed = sideFilesOf(path).filter((side) => existsSync(side));
    const db = openConnection(path, { readonly: true, fileMustExist: true });
    applyConnectionPragmas(db);
    // A read-only tool leaves the folder as it found it: no -wal/-shm of its own behind.
    const close = db.close.bind(db);
    db.close = () => {
      close();
      removeCreatedSideFiles(path, existed);
      return db;
    };
    return db;
  }
  const db = openConnection(path, { readonly: false, fileMustExist: false });
  try {
    applyConnectionPragmas(db);
    applyWritePragmas(db);
    migrate(db, migrations, path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof PeelError) throw error;
    const code = (error as { code?: string }).code;
    refuse(path, `${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}`);
  }
}
