import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/index';
import { createAntBuddyClient } from '../../../src/main/services/api/client';
import {
  createHistoryService,
  type HistoryAccount,
  type HistoryService,
} from '../../../src/main/services/history-store';
import type { HistorySyncState } from '../../../src/shared/history';
import { fakeClock } from '../../support/fake-clock';
import { tempDataDir } from './fixtures';
import { historyRequests, sandboxCall } from './sandbox-support';

const data = tempDataDir('history-service');
let first: RunningSandbox;
let second: RunningSandbox;
let service: HistoryService;
const clock = fakeClock(Date.now());
const states: HistorySyncState[] = [];
let account: HistoryAccount;
let apiFor: RunningSandbox;

beforeAll(async () => {
  [first, second] = await Promise.all([
    startSandbox({ seed: 51, calls: 400, days: 40 }),
    startSandbox({ seed: 52, calls: 300, days: 40, appId: '5550001112223', appSecret: 'second-secret' }),
  ]);
  apiFor = first;
  account = { appId: first.appId, companyDomain: first.domain, historyDays: 31 };
  // The client reads the current sandbox on every request, as the app's client reads settings.
  const api = createAntBuddyClient(
    () => ({
      baseUrl: apiFor.apiUrl,
      appId: apiFor.appId,
      appSecret: apiFor.appSecret,
      domain: apiFor.domain,
      email: apiFor.email,
    }),
    { sleep: async () => undefined },
  );
  const agent = first.state.agents[0];
  service = createHistoryService({
    dataDir: data.dir,
    api,
    account: () => account,
    me: () => (agent ? [agent.sipUser, agent.username, ...agent.extensions] : []),
    clock,
  });
  service.onState((state) => states.push(state));
  await service.idle();
});

afterAll(async () => {
  await service.dispose();
  await Promise.all([first.close(), second.close()]);
  data.remove();
});

async function total(search = '', mine = false): Promise<number> {
  const page = await service.query({ search, filters: mine ? { mine: true } : {} });
  if (!page.ok) throw new Error(page.error.message);
  return page.value.total ?? Number.NaN;
}

describe('history service', () => {
  it('syncs the configured account at start and reports progress, then idle with the time', async () => {
    expect(await total()).toBe(first.state.history.query(clock.now() - 31 * 86_400_000, clock.now()).length);
    expect(states.some((s) => s.kind === 'syncing')).toBe(true);
    const last = service.state();
    expect(last).toMatchObject({ kind: 'idle', lastRefreshAt: new Date(clock.now()).toISOString() });
    expect(last.kind === 'idle' && last.revision).toBeGreaterThan(0);
    expect(service.storeFile?.startsWith(join(data.dir, 'history'))).toBe(true);
  });

  it('"my calls" and the missed badge use this agent\'s identities', async () => {
    const agent = first.state.agents[0]!;
    const mine = first.state.history
      .query(clock.now() - 31 * 86_400_000, clock.now())
      .filter((r) => [r.caller, r.callee].some((p) => p.type === 'user' && p.username === agent.username));
    expect(mine.length).toBeGreaterThan(0);
    expect(await total('', true)).toBe(mine.length);
    const missed = await service.countMissed(0);
    expect(missed.ok && missed.value).toBeGreaterThanOrEqual(0);
  });

  it('a call that ended is fetched after the debounce, without waiting for the periodic refresh', async () => {
    const before = await total();
    const nowS = Math.floor(clock.now() / 1000);
    first.state.history.append(sandboxCall(nowS - 30, '0933000111'));
    first.requestLog.length = 0;
    service.handleCallEvent({
      type: 'ended',
      callId: 'x',
      direction: 'inbound',
      from: { number: '0933000111' },
      to: { number: '8001' },
      at: new Date(clock.now()).toISOString(),
      durationSeconds: 30,
    });
    clock.advance(14_000);
    await service.idle();
    expect(historyRequests(first)).toEqual([]);
    clock.advance(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    await service.idle();
    expect(await total()).toBe(before + 1);
    expect(await total('0933 000 111')).toBe(1);
  });

  it('exports to a new file under the data folder, readable by this user only', async () => {
    const exported = await service.exportHistory({ filters: { statuses: ['missed'] } });
    if (!exported.ok) throw new Error(exported.error.message);
    expect(dirname(exported.value.path)).toBe(join(data.dir, 'exports'));
    expect(exported.value.format).toBe('csv');
    expect(statSync(exported.value.path).mode & 0o777).toBe(0o600);
    const missed = await service.query({ filters: { statuses: ['missed'] } });
    expect(missed.ok && exported.value.rows).toBe(missed.ok && missed.value.total);
  });

  it('another account opens its own file: calls never mix, and the first is still there (offline) after switching back', async () => {
    const firstFile = service.storeFile;
    const firstTotal = await total();
    apiFor = second;
    account = { appId: second.appId, companyDomain: second.domain, historyDays: 31 };
    service.settingsChanged();
    await service.idle();
    expect(service.storeFile).not.toBe(firstFile);
    const secondExpected = second.state.history.query(clock.now() - 31 * 86_400_000, clock.now()).length;
    expect(await total()).toBe(secondExpected);
    const secondIds = new Set(second.state.history.all().map((r) => r._id));
    const page = await service.query({ limit: 200 });
    expect(page.ok && page.value.rows.every((r) => secondIds.has(r.key.replace(/^_id:/, '')))).toBe(true);

    // Back to the first account with its API unreachable: its stored calls answer at once.
    await first.close();
    apiFor = first;
    account = { appId: first.appId, companyDomain: first.domain, historyDays: 31 };
    service.settingsChanged();
    expect(service.storeFile).toBe(firstFile);
    expect(await total()).toBe(firstTotal);
    await service.idle();
    expect(service.state().kind).toBe('failed');
    expect(await total()).toBe(firstTotal);
  });

  it('no app id: no store, queries say the account is missing', async () => {
    account = { appId: '', companyDomain: '', historyDays: 90 };
    service.settingsChanged();
    expect(service.state()).toEqual({ kind: 'off' });
    const page = await service.query({});
    expect(page.ok).toBe(false);
    if (!page.ok) expect(page.error.code).toBe('not_configured');
  });
});
