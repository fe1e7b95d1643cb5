import type { Page } from '@playwright/test';
import type { RunningSandbox } from '../../../sandbox/index';

/**
 * The app's history store against the sandbox's own history, once every call has ended and
 * the app has synced: the same calls, each exactly once. The app's side is read the way the
 * History screen reads it (queryHistory through the web host, page after page). Keys are the
 * app's row keys: `_id:<_id>` for a record that carries an `_id`, as every sandbox record does
 * (services/history/record-key.ts).
 */

export interface HistoryComparison {
  readonly sandbox: number;
  readonly app: number;
  readonly missing: string[];
  readonly extra: string[];
  readonly duplicates: string[];
  /** Why the comparison could not be made, if it could not. */
  readonly problem?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the sandbox plays no call any more (every record of the day is written). */
export async function untilCallsEnded(sandbox: RunningSandbox, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (sandbox.signals.activeCalls.length === 0 && sandbox.signals.ledger.activeCallIds.length === 0) return true;
    await sleep(500);
  }
  return false;
}

/** Asks the app to refresh its history and waits until a refresh that started after the ask is done. */
export async function syncAppHistory(page: Page, timeoutMs: number): Promise<string | undefined> {
  const askedAt = Date.now();
  await page.evaluate(() => window.antring.refreshHistory());
  const deadline = askedAt + timeoutMs;
  let last = 'unknown';
  while (Date.now() < deadline) {
    const state = await page.evaluate(() => window.antring.getHistorySyncState());
    if (state.ok) {
      last = state.value.kind;
      if (state.value.kind === 'idle' && state.value.lastRefreshAt !== undefined) {
        if (Date.parse(state.value.lastRefreshAt) >= askedAt - 1_000) return undefined;
      }
      if (state.value.kind === 'failed') await page.evaluate(() => window.antring.refreshHistory());
    }
    await sleep(500);
  }
  return `the app's history did not finish syncing (last state: ${last})`;
}

async function appKeys(page: Page): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const answer = await page.evaluate(
      (next) => window.antring.queryHistory({ limit: 200, ...(next === undefined ? {} : { cursor: next }) }),
      cursor,
    );
    if (!answer.ok) throw new Error(`queryHistory failed: ${answer.error.message}`);
    keys.push(...answer.value.rows.map((row) => row.key));
    cursor = answer.value.nextCursor;
    if (cursor === undefined) return keys;
  }
  throw new Error('queryHistory never reached its last page');
}

export async function compareHistory(page: Page, sandbox: RunningSandbox): Promise<HistoryComparison> {
  const sandboxKeys = sandbox.state.history.all().map((r) => `_id:${r._id}`);
  let keys: string[];
  try {
    keys = await appKeys(page);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return { sandbox: sandboxKeys.length, app: 0, missing: [], extra: [], duplicates: [], problem };
  }
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const key of keys) {
    if (seen.has(key)) duplicates.push(key);
    seen.add(key);
  }
  const wanted = new Set(sandboxKeys);
  return {
    sandbox: sandboxKeys.length,
    app: keys.length,
    missing: sandboxKeys.filter((key) => !seen.has(key)),
    extra: [...seen].filter((key) => !wanted.has(key)),
    duplicates,
  };
}
