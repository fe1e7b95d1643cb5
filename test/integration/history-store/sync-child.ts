/**
 * A sync in a process of its own, for crash-safety tests: it syncs the API in ANTRING_API_URL
 * into the store file ANTRING_STORE_FILE and prints one JSON line per committed page. The
 * test kills it with SIGKILL at a moment it picks and restarts the sync in its own process.
 */
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import { openHistoryStore, runSyncPass, type HistoryStore } from '../../../src/main/services/history-store';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const opened = await openHistoryStore({ file: env('ANTRING_STORE_FILE') });
if (!opened.ok) throw new Error(opened.error.message);
const store = opened.value;
const reporting: HistoryStore = {
  ...store,
  async commitPage(commit) {
    const committed = await store.commitPage(commit);
    if (committed.ok) {
      const line = { windowId: commit.windowId, pagesDone: commit.pagesDone, records: commit.records.length };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return committed;
  },
};
const client = createAntBuddyClient({
  baseUrl: env('ANTRING_API_URL'),
  appId: env('ANTRING_APP_ID'),
  appSecret: env('ANTRING_APP_SECRET'),
  domain: 'unused.example',
  email: 'unused@example.com',
});
const result = await runSyncPass({
  store: reporting,
  source: client,
  now: () => Number(env('ANTRING_NOW')),
  historyDays: 90,
  overlapMs: 3_600_000,
});
process.stdout.write(`${JSON.stringify({ done: result.ok ? result.value : result.error.code })}\n`);
await store.close();
