import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { err, ok } from '../../../../shared/result';
import { appError, type AppResult } from '../../../../shared/errors';

/**
 * Where the store's thread code is. Built (electron-vite, see electron.vite.config.ts):
 * `out/main/history-worker.js`, an entry of its own next to index.js, found relative to this
 * module whether it was bundled into an entry (`./`) or a shared chunk (`../`). From source
 * (Vitest, tsx): the TypeScript entry, loaded through a small bootstrap that registers tsx.
 */
export interface WorkerScript {
  readonly url: URL;
  /** Set when `url` is the source bootstrap: the TypeScript entry it imports. */
  readonly entry?: string;
}

export const BUILT_WORKER_FILE = 'history-worker.js';

// Built from a variable, not a literal: bundlers rewrite `new URL('literal', import.meta.url)`.
const near = (relative: string): URL => new URL(relative, import.meta.url);
const exists = (url: URL): boolean => existsSync(fileURLToPath(url));

export function defaultWorkerScript(): AppResult<WorkerScript> {
  for (const candidate of [`./${BUILT_WORKER_FILE}`, `../${BUILT_WORKER_FILE}`]) {
    const url = near(candidate);
    if (exists(url)) return ok({ url });
  }
  const entry = near('./history-worker.ts');
  const bootstrap = near('./from-source.mjs');
  if (exists(entry) && exists(bootstrap)) return ok({ url: bootstrap, entry: entry.href });
  return err(
    appError(
      'internal',
      'The call history worker is missing from this build',
      'Bản dựng này thiếu tiến trình xử lý lịch sử cuộc gọi',
    ),
  );
}
