import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openHistoryStore } from '../src/main/services/history-store/history-store';

/**
 * History stores of a busy company's calls for the History screen bench: built once (a million
 * synthetic calls take minutes to insert) under bench/.cache/ and copied into each run's data
 * folder, so a run never mutates the cached file.
 */

const DAY_MS = 86_400_000;
/** The calls span the last 360 days: inside a 365-day `historyDays`, so no sync prunes them. */
const SPAN_DAYS = 360;

export function cachedStoreFile(rows: number): string {
  return join(dirname(fileURLToPath(import.meta.url)), '.cache', `history-${rows}.sqlite`);
}

/** The cached store with `rows` synthetic calls, built if missing; returns its path and the build time. */
export async function ensureCachedStore(rows: number): Promise<{ file: string; builtInMs?: number }> {
  const file = cachedStoreFile(rows);
  mkdirSync(dirname(file), { recursive: true });
  const opened = await openHistoryStore({ file });
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  try {
    const meta = await store.meta();
    if (!meta.ok) throw new Error(meta.error.message);
    if (meta.value.calls >= rows) return { file };
    const started = performance.now();
    const now = Date.now();
    const inserted = await store.insertSynthetic({
      count: rows - meta.value.calls,
      seed: 1,
      fromMs: now - SPAN_DAYS * DAY_MS,
      toMs: now - DAY_MS,
    });
    if (!inserted.ok) throw new Error(inserted.error.message);
    return { file, builtInMs: performance.now() - started };
  } finally {
    await store.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = Number(process.argv[2] ?? 100_000);
  ensureCachedStore(rows)
    .then((result) => console.log(JSON.stringify({ ...result, exists: existsSync(result.file) })))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    });
}
