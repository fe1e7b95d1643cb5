import { closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { MIGRATIONS, SCHEMA_VERSION, type Db, type Migration } from './migrations';
import { storeFailed, storeNewerThanApp } from './store-errors';

export type { Db } from './migrations';

/**
 * Opening a store file. The writer owns the schema: it creates the file (readable by this
 * user only), switches it to WAL (readers never wait behind a write; a killed process loses
 * at most the transaction it was in, never the file) and applies the migrations. Readers
 * open the same file afterwards, read-only by pragma.
 */

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the steps after the database's user_version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, file = ''): Result<number, AppError> {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) return err(storeNewerThanApp(file, current));
  for (const step of migrations) {
    if (step.version <= current) continue;
    db.transaction(() => {
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    })();
  }
  return ok(schemaVersion(db));
}

function tune(db: Db): void {
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  // 32 MB of page cache: the indexes of a year of calls stay warm.
  db.pragma('cache_size = -32000');
}

/** A file SQLite refuses as a database is moved aside (the server still has every call). */
function isUnreadableFile(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

function moveAside(file: string, nowMs: number): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, `${file}.unreadable-${nowMs}${suffix}`);
  }
}

export interface OpenedWriter {
  readonly db: Db;
  /** The unreadable file was moved aside and a new one started. */
  readonly recovered: boolean;
}

function openWriterOnce(file: string): Result<Db, AppError> {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    tune(db);
    const migrated = migrate(db, MIGRATIONS, file);
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
    return ok(db);
  } catch (cause) {
    db.close();
    throw cause;
  }
}

export function openWriter(file: string, nowMs = Date.now()): Result<OpenedWriter, AppError> {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  } catch (cause) {
    return err(storeFailed('open', cause, file));
  }
  try {
    const opened = openWriterOnce(file);
    return opened.ok ? ok({ db: opened.value, recovered: false }) : opened;
  } catch (cause) {
    if (!isUnreadableFile(cause)) return err(storeFailed('open', cause, file));
  }
  try {
    moveAside(file, nowMs);
    const opened = openWriterOnce(file);
    return opened.ok ? ok({ db: opened.value, recovered: true }) : opened;
  } catch (cause) {
    return err(storeFailed('open', cause, file));
  }
}

export function openReader(file: string): Result<Db, AppError> {
  try {
    const db = new Database(file, { fileMustExist: true });
    tune(db);
    db.pragma('query_only = ON');
    const version = schemaVersion(db);
    if (version !== SCHEMA_VERSION) {
      db.close();
      return err(storeNewerThanApp(file, version));
    }
    return ok(db);
  } catch (cause) {
    return err(storeFailed('open', cause, file));
  }
}
