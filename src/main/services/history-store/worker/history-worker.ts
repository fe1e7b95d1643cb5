import { parentPort, workerData } from 'node:worker_threads';
import type { AppError } from '../../../../shared/errors';
import { CallReader } from '../call-reader';
import { CallWriter } from '../call-writer';
import { RecentCallsReader } from '../recent-calls';
import { openReader, openWriter, type Db } from '../database';
import { exportToFile } from '../export-file';
import { storeFailed } from '../store-errors';
import type { ExportApi, ReaderApi, WorkerInit, WorkerMessage, WorkerRequest, WriterApi } from './protocol';

/**
 * A history store thread (worker_threads): owns one better-sqlite3 connection and answers
 * WriterApi, ReaderApi or ExportApi calls from main, one at a time. better-sqlite3 is
 * synchronous; here that blocks only this thread, never main's event loop.
 */

type AnyApi = Record<string, (...args: never[]) => unknown>;

const port = parentPort;
const init = workerData as WorkerInit;

function post(message: WorkerMessage): void {
  port?.postMessage(message);
}

function open(): { api: AnyApi; recovered: boolean } | AppError {
  if (init.role === 'writer') {
    const opened = openWriter(init.file);
    if (!opened.ok) return opened.error;
    const { db } = opened.value;
    const writer = new CallWriter(db);
    const api: WriterApi = {
      commitPage: (commit) => writer.commitPage(commit),
      planSync: (request) => writer.planSync(request),
      prune: (retentionFromMs) => writer.prune(retentionFromMs),
      setDirectory: (directory) => writer.setDirectory(directory),
      meta: () => writer.meta(),
      insertSynthetic: (job) => writer.insertSynthetic(job, (name) => post({ type: 'notice', name })),
      integrityCheck: () => writer.integrityCheck(),
      close: () => closeDb(db),
    };
    return { api: api as unknown as AnyApi, recovered: opened.value.recovered };
  }
  const opened = openReader(init.file);
  if (!opened.ok) return opened.error;
  const db = opened.value;
  const reader = new CallReader(db);
  const recent = new RecentCallsReader(db, () => reader.directory);
  if (init.role === 'export') {
    const api: ExportApi = { exportFile: (job) => exportToFile(reader, job), close: () => closeDb(db) };
    return { api: api as unknown as AnyApi, recovered: false };
  }
  const api: ReaderApi = {
    query: (query) => reader.query(query),
    count: (query) => reader.count(query),
    group: (query) => reader.group(query),
    countMissed: (query) => reader.countMissed(query),
    recentCalls: (query) => recent.find(query),
    close: () => closeDb(db),
  };
  return { api: api as unknown as AnyApi, recovered: false };
}

function closeDb(db: Db): void {
  if (db.open) db.close();
}

const opened = open();
if ('code' in opened) {
  post({ type: 'failed', error: opened });
} else {
  const { api } = opened;
  const action = init.role === 'writer' ? 'write' : init.role === 'export' ? 'export' : 'read';
  port?.on('message', (request: WorkerRequest) => {
    const method = Object.hasOwn(api, request.method) ? api[request.method] : undefined;
    if (!method) {
      post({ type: 'reply', id: request.id, ok: false, error: storeFailed(action, undefined, init.file) });
      return;
    }
    try {
      const value = (method as (...args: readonly unknown[]) => unknown)(...request.args);
      post({ type: 'reply', id: request.id, ok: true, value });
    } catch (cause) {
      post({ type: 'reply', id: request.id, ok: false, error: storeFailed(action, cause, init.file) });
    }
    if (request.method === 'close') port.close();
  });
  post({ type: 'ready', recovered: opened.recovered });
}
