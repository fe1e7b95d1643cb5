import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSandbox, type CallRecord, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * The History screen end to end: the web host's history store syncs from the sandbox, and every
 * count on screen is checked against the sandbox's own records, counted here with predicates
 * written from the AntBuddy API documents (not with the app's code).
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 11, calls: 2500, days: 40, signals: { timeScale: 0.1 } });
  const first = sandbox.state.agents[0];
  if (!first) throw new Error('the sandbox has no agents');
  agent = first;
});

test.afterAll(async () => {
  await sandbox?.close();
});

test.use({
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    // The SIP password too: click-to-call carries it (the platform rings this agent's device with it).
    await use({ ...appEnvFor(sandbox, agent.sipUser), ANTRING_SIP_PASSWORD: agent.sipPassword });
  },
});

// ---- the documents' reading of a record ----

type Direction = 'inbound' | 'outbound' | 'internal';

/** `class: one_one` is internal; otherwise `direction`: `to_ab` inbound, `from_ab` outbound. */
const directionOf = (r: CallRecord): Direction =>
  r.class === 'one_one' ? 'internal' : r.direction === 'to_ab' ? 'inbound' : 'outbound';

/** The outcome classes as shared/history.ts documents them (SUCCESS answered; unanswered towards the company missed...). */
function statusOf(r: CallRecord): string {
  if (r.status_detail === 'SUCCESS') return 'answered';
  if (directionOf(r) !== 'outbound') return 'missed';
  if (r.status_detail === 'BUSY') return 'busy';
  if (r.status_detail === 'CANCELLED') return 'cancelled';
  return 'failed';
}

/** The other side: the caller of an inbound call, the callee otherwise. */
const partyOf = (r: CallRecord): string => (directionOf(r) === 'inbound' ? r.caller.number : r.callee.number);

/** Vietnamese numbers in one spelling: `+84 912…`, `84912…` and `0912…` are the same subscriber. */
function localNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (/^[a-z]/i.test(number.trim())) return number.trim().toLowerCase();
  if (digits.startsWith('84') && digits.length >= 10) return `0${digits.slice(2)}`;
  return digits;
}

const isAgentParty = (party: CallRecord['caller'], who: SandboxAgent): boolean =>
  party.number === who.sipUser ||
  who.extensions.includes(party.number) ||
  (party.type === 'user' && party.username === who.username);

/** A call of this agent: one of its parties, or the queue handed it the call. */
const isMine = (r: CallRecord, who: SandboxAgent): boolean =>
  isAgentParty(r.caller, who) || isAgentParty(r.callee, who) || r.queue_stat.some((q) => q.username === who.username);

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

const records = (): readonly CallRecord[] => sandbox.state.history.all();
/** The history's key of a record: the id the server sent (`_id` first, see shared/history's HistoryRow.key). */
const keyOf = (r: CallRecord): string => `_id:${r._id}`;
const count = (predicate: (r: CallRecord) => boolean): number => records().filter(predicate).length;

/** The local calendar day (this process and Chromium share the time zone) as the date field writes it. */
function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// ---- the screen ----

async function waitForHistory(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const state = await page.evaluate(() => window.antring.getHistorySyncState());
        return state.ok && state.value.kind === 'idle' && state.value.lastRefreshAt !== undefined;
      },
      { timeout: 45_000 },
    )
    .toBe(true);
}

async function openHistory(page: Page, language: 'en' | 'vi'): Promise<void> {
  expect(await page.evaluate((l) => window.antring.saveSettings({ language: l }), language)).toMatchObject({
    ok: true,
  });
  await page
    .getByRole('navigation')
    .getByRole('button', { name: language === 'en' ? 'History' : 'Lịch sử' })
    .click();
  await waitForHistory(page);
}

/** Types into the search box and waits until the list shows the answer for it (past the debounce). */
async function searchFor(page: Page, label: 'Search' | 'Tìm kiếm', text: string): Promise<void> {
  await page.getByRole('searchbox', { name: label }).fill(text);
  const count = page.getByTestId('history-count');
  await expect(count).toHaveAttribute('data-search', text.trim());
  await expect(count).not.toHaveAttribute('data-total', '');
}

/**
 * The groups list is virtual: a search can match more groups than fit (a colleague's number also
 * matches the customers' calls they took), so the wanted one may sit below the fold. Scroll the
 * list's body a screen at a time until it is rendered.
 */
async function scrollToGroup(page: Page, number: string): Promise<Locator> {
  const group = page.locator(`[data-testid="history-group"][data-number="${number}"]`);
  const body = page.getByTestId('history-groups').getByRole('rowgroup', { name: /^Numbers, most recent call first/ });
  await expect
    .poll(
      async () => {
        if ((await group.count()) > 0) return true;
        await body.evaluate((el) => el.scrollBy(0, el.clientHeight));
        return false;
      },
      { timeout: 15_000, intervals: [100] },
    )
    .toBe(true);
  await group.scrollIntoViewIfNeeded();
  return group;
}

async function expectTotal(page: Page, expected: number): Promise<void> {
  await expect(page.getByTestId('history-count')).toHaveAttribute('data-total', String(expected), { timeout: 15_000 });
}

test('rows appear once the store has synced; each filter and the search narrow them to what the sandbox holds', async ({
  app,
}) => {
  test.setTimeout(120_000);
  await openHistory(app, 'en');
  const all = records();
  await expectTotal(app, all.length);
  await expect(app.getByTestId('history-last-refresh')).toContainText('Up to date as of');

  // Newest first, one row per call.
  const newest = all[0];
  if (!newest) throw new Error('no calls');
  const firstRow = app.getByTestId('history-row').first();
  await expect(firstRow).toHaveAttribute('data-key', keyOf(newest));
  await expect(app.getByRole('table', { name: 'Calls' })).toHaveAttribute('aria-rowcount', String(all.length + 1));

  const direction = app.getByRole('group', { name: 'Direction' });
  for (const [label, value] of [
    ['Inbound', 'inbound'],
    ['Outbound', 'outbound'],
    ['Internal', 'internal'],
  ] as const) {
    await direction.getByRole('button', { name: label }).click();
    const expected = count((r) => directionOf(r) === value);
    await expectTotal(app, expected);
    // The new count is announced politely.
    await expect(app.getByTestId('history-count-announcement')).toHaveText(
      `${expected.toLocaleString('en-GB')} call${expected === 1 ? '' : 's'}`,
    );
    await direction.getByRole('button', { name: label }).click();
  }
  await expectTotal(app, all.length);

  const result = app.getByRole('group', { name: 'Result' });
  for (const [label, value] of [
    ['Answered', 'answered'],
    ['Missed', 'missed'],
    ['Busy', 'busy'],
    ['Cancelled', 'cancelled'],
    ['Failed', 'failed'],
  ] as const) {
    await result.getByRole('button', { name: label }).click();
    await expectTotal(
      app,
      count((r) => statusOf(r) === value),
    );
    await result.getByRole('button', { name: label }).click();
  }
  // Two chips of one group: either.
  await result.getByRole('button', { name: 'Busy' }).click();
  await result.getByRole('button', { name: 'Cancelled' }).click();
  await expectTotal(
    app,
    count((r) => ['busy', 'cancelled'].includes(statusOf(r))),
  );
  await app.getByRole('button', { name: 'Clear filters' }).click();
  await expectTotal(app, all.length);

  await app.getByLabel('Calls of').selectOption('mine');
  await expectTotal(
    app,
    count((r) => isMine(r, agent)),
  );
  await app.getByLabel('Calls of').selectOption('company');

  const queue = sandbox.state.queues[0];
  if (!queue) throw new Error('no queue');
  const queueField = app.getByLabel('Queue', { exact: true });
  if ((await queueField.evaluate((el) => el.tagName)) === 'SELECT')
    await queueField.selectOption({ label: queue.name });
  else await queueField.fill(queue.id);
  await expectTotal(
    app,
    count((r) => r.queue_stat[0]?.queue_id === queue.id),
  );
  await app.getByRole('button', { name: 'Clear filters' }).click();

  await app.getByLabel('Recording', { exact: true }).selectOption('with');
  await expectTotal(
    app,
    count((r) => r.recording !== ''),
  );
  await app.getByLabel('Recording', { exact: true }).selectOption('without');
  await expectTotal(
    app,
    count((r) => r.recording === ''),
  );
  await app.getByLabel('Recording', { exact: true }).selectOption('any');

  const from = dayOf(Date.now() - 12 * 86_400_000);
  const to = dayOf(Date.now() - 5 * 86_400_000);
  await app.getByLabel('From date', { exact: true }).fill(from);
  await app.getByLabel('To date', { exact: true }).fill(to);
  const fromMs = new Date(`${from}T00:00:00`).getTime();
  const toMs = new Date(`${to}T00:00:00`).getTime() + 86_400_000 - 1;
  await expectTotal(
    app,
    count((r) => r.unix_timestamp * 1000 >= fromMs && r.unix_timestamp * 1000 <= toMs),
  );
  await app.getByRole('button', { name: 'Clear filters' }).click();
  await expectTotal(app, all.length);

  // A customer's number, typed the international way with spaces: every call with them.
  const customer = all.find((r) => directionOf(r) === 'inbound' && /^0[1-9]\d{8,9}$/.test(r.caller.number));
  if (!customer) throw new Error('no customer call');
  const local = localNumber(customer.caller.number);
  const typed = `+84 ${local.slice(1, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
  const search = app.getByRole('searchbox', { name: 'Search' });
  await search.fill(typed);
  const withCustomer = count((r) => localNumber(r.caller.number) === local || localNumber(r.callee.number) === local);
  expect(withCustomer).toBeGreaterThan(0);
  await expectTotal(app, withCustomer);
  await expect(app.getByTestId('history-row').first()).toContainText(local.slice(-3));

  // A customer's name as the queue saw it, typed without its accents.
  const named = all.find(
    (r) =>
      directionOf(r) === 'inbound' &&
      r.queue_stat.some((q) => /\p{L}{2,} \p{L}{2,}/u.test(q.caller_id_name) && /[^\d\s+]/.test(q.caller_id_name)),
  );
  const name = named?.queue_stat.find((q) => /[^\d\s+]/.test(q.caller_id_name))?.caller_id_name ?? '';
  expect(name).not.toBe('');
  // A full name no agent shares (agent names also match, through the agents list).
  expect(sandbox.state.agents.some((a) => fold(a.name).includes(fold(name)))).toBe(false);
  await search.fill(fold(name));
  await expectTotal(
    app,
    count(
      (r) =>
        directionOf(r) === 'inbound' &&
        r.caller.type === 'realnumber' &&
        r.queue_stat.some((q) => fold(q.caller_id_name).includes(fold(name))),
    ),
  );
  await search.fill('');
  await expectTotal(app, all.length);
});

test('grouped by number: one row per party with its count, opening onto its calls', async ({ app }) => {
  test.setTimeout(90_000);
  await openHistory(app, 'en');
  const all = records();
  await expectTotal(app, all.length);
  await app.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'By number' }).click();

  const byParty = new Map<string, CallRecord[]>();
  for (const r of all) {
    const key = localNumber(partyOf(r));
    byParty.set(key, [...(byParty.get(key) ?? []), r]);
  }
  await expectTotal(app, byParty.size);

  // Most recent party first, with its number of calls and of missed calls.
  const newest = all[0];
  if (!newest) throw new Error('no calls');
  const calls = byParty.get(localNumber(partyOf(newest))) ?? [];
  const group = app.getByTestId('history-group').first();
  await expect(group.getByTestId('history-group-calls')).toHaveText(calls.length.toLocaleString('en-GB'));
  await expect(group.getByTestId('history-group-missed')).toHaveText(
    calls.filter((r) => statusOf(r) === 'missed').length.toLocaleString('en-GB'),
  );

  const search = app.getByRole('searchbox', { name: 'Search' });
  const ranked = [...byParty.entries()].sort((a, b) => b[1].length - a[1].length);

  // A customer with several calls, found by number: its group opens in place onto each of them
  // (at most 20 show before "Show all"; the sandbox's history moves with the date, so pick by count).
  const customer = ranked.find(([key, list]) => /^0\d+$/.test(key) && list.length > 1 && list.length <= 20);
  if (!customer) throw new Error('no customer party');
  const [customerNumber, customerCalls] = customer;
  expect(customerCalls.length).toBeGreaterThan(1);
  expect(customerCalls.length).toBeLessThanOrEqual(20);
  await searchFor(app, 'Search', customerNumber);
  // Groups are keyed by the party's E.164 number.
  const customerGroup = await scrollToGroup(app, `+84${customerNumber.slice(1)}`);
  await expect(customerGroup.getByTestId('history-group-calls')).toHaveText(String(customerCalls.length), {
    timeout: 15_000,
  });
  await customerGroup.getByTestId('history-expand').click();
  await expect(customerGroup.getByTestId('history-row')).toHaveCount(customerCalls.length);
  await expect(customerGroup.getByRole('button', { name: /with this number/ })).toHaveCount(0);

  // The party with the most calls (a colleague, more than an opened group shows): all of them in the list.
  const [busiestKey, busiestCalls] = ranked.find(([key]) => !/^[0+]/.test(key)) ?? ['', []];
  expect(busiestCalls.length).toBeGreaterThan(20);
  await searchFor(app, 'Search', busiestKey);
  const busiestGroup = await scrollToGroup(app, busiestKey);
  await expect(busiestGroup.getByTestId('history-group-calls')).toHaveText(String(busiestCalls.length), {
    timeout: 15_000,
  });
  await busiestGroup.getByTestId('history-expand').click();
  await expect(busiestGroup.getByTestId('history-row')).toHaveCount(20);
  await busiestGroup.getByRole('button', { name: `Show all ${busiestCalls.length} calls with this number` }).click();
  await search.fill('');
  await expect(app.getByTestId('history-number-filter')).toBeVisible();
  await expectTotal(app, busiestCalls.length);
  await expect(app.getByTestId('history-row').first()).toHaveAttribute(
    'data-key',
    keyOf(busiestCalls[0] as CallRecord),
  );
});

test('Export CSV writes exactly the calls of the view, and says where', async ({ app }) => {
  test.setTimeout(90_000);
  await openHistory(app, 'en');
  await expectTotal(app, records().length);
  await app.getByRole('group', { name: 'Direction' }).getByRole('button', { name: 'Inbound' }).click();
  await app.getByRole('group', { name: 'Result' }).getByRole('button', { name: 'Missed' }).click();
  const expected = records().filter((r) => directionOf(r) === 'inbound' && statusOf(r) === 'missed');
  await expectTotal(app, expected.length);

  await app.getByTestId('history-export').click();
  const path = (await app.getByTestId('history-export-path').textContent()) ?? '';
  expect(path).toMatch(/\.csv$/);
  await expect(app.getByTestId('history-export-done')).toContainText(
    `Exported ${expected.length.toLocaleString('en-GB')} calls to`,
  );

  const lines = readFileSync(path, 'utf8')
    .split('\r\n')
    .filter((line) => line !== '');
  const header = (lines[0] ?? '').split(',');
  const keyColumn = header.indexOf('key');
  expect(keyColumn).toBeGreaterThanOrEqual(0);
  // Keys are call ids (no commas or quotes), the last column.
  const keys = lines.slice(1).map((line) => line.split(',').at(-1));
  expect(keys.length).toBe(expected.length);
  expect(new Set(keys)).toEqual(new Set(expected.map(keyOf)));
});

test('Gọi lại places a click-to-call to the number; Sao chép copies it with a visible confirmation', async ({
  app,
  context,
}) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openHistory(app, 'vi');
  await expectTotal(app, records().length);
  const customer = records().find((r) => directionOf(r) === 'outbound' && /^0[1-9]\d{8,9}$/.test(r.callee.number));
  if (!customer) throw new Error('no outbound call to a customer');
  const number = customer.callee.number;
  await app.getByRole('searchbox', { name: 'Tìm kiếm' }).fill(number);
  await expectTotal(
    app,
    count((r) => localNumber(r.caller.number) === number || localNumber(r.callee.number) === number),
  );

  const row = app.getByTestId('history-row').first();
  await row.getByRole('button', { name: /^Gọi lại / }).click();
  await expect
    .poll(() =>
      sandbox.requestLog.some((e) => e.method === 'POST' && e.path === `/oapi/v1/call/click-to-call/${number}`),
    )
    .toBe(true);

  await row.getByRole('button', { name: /^Sao chép / }).click();
  await expect(app.getByTestId('history-copied')).toContainText('Đã sao chép');
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe(number);
});

test('a missed call to this agent raises the unseen count on History, cleared when History opens', async ({ app }) => {
  test.setTimeout(120_000);
  await openHistory(app, 'en');
  // (No exact total here: the click-to-call of the test before may still be playing out.)
  await expect(app.getByTestId('history-row').first()).toBeVisible();
  await app.getByRole('navigation').getByRole('button', { name: 'Phone' }).click();
  const badge = app.getByTestId('history-missed-badge');
  await expect(badge).toHaveCount(0);
  await expect
    .poll(async () => {
      const state = await app.evaluate(() => window.antring.getSignalState());
      return state.ok && state.value.kind === 'live';
    })
    .toBe(true);

  const customer = records().find((r) => directionOf(r) === 'inbound')?.caller.number ?? '0912345678';
  const call = sandbox.signals.startCall({
    direction: 'inbound',
    from: customer,
    to: agent.sipUser,
    ringMs: 3_000,
    outcome: 'missed',
  });
  const ended = await call.ended;
  if (ended.status !== 'completed') throw new Error('the call did not complete');
  // The store refreshes shortly after the signals' `ended`; the badge follows its revision.
  await expect(badge).toContainText('1', { timeout: 60_000 });
  await expect(
    app.getByRole('navigation').getByRole('button', { name: /1 missed call you have not seen/ }),
  ).toBeVisible();

  await app
    .getByRole('navigation')
    .getByRole('button', { name: /History/ })
    .click();
  await expect(badge).toHaveCount(0);
  const newest = app.getByTestId('history-row').first();
  await expect(newest).toHaveAttribute('data-key', keyOf(ended.record));
  await expect(newest.getByTestId('history-status')).toHaveText('Missed by you');
  await expect(newest).toHaveClass(/history-row--mine-missed/);

  // Leaving History again: nothing new, no badge.
  await app.getByRole('navigation').getByRole('button', { name: 'Phone' }).click();
  await expect(badge).toHaveCount(0);
});

test('a row’s recording player opens in place: the rows below make room, and close up again when it closes', async ({
  app,
}) => {
  test.setTimeout(90_000);
  await openHistory(app, 'vi');
  await expectTotal(app, records().length);
  // Only a row with its player open is measured; the others keep the estimated height.
  await app.getByLabel('Ghi âm', { exact: true }).selectOption('with');
  await expectTotal(
    app,
    count((r) => r.recording !== ''),
  );
  const playButton = app.getByRole('button', { name: /^Phát ghi âm cuộc gọi/ }).first();
  await expect(playButton).toBeVisible();
  // Pinned by its row index: once open, the row no longer holds a "Phát" button.
  const rowIndex = await app
    .getByTestId('history-row')
    .filter({ has: playButton })
    .first()
    .getAttribute('aria-rowindex');
  const row = app.locator(`[data-testid="history-row"][aria-rowindex="${rowIndex ?? ''}"]`);
  const item = row.locator('xpath=..');
  const next = item.locator('xpath=following-sibling::*[1]');
  const box = async (locator: Locator) => {
    const b = await locator.boundingBox();
    if (!b) throw new Error('not laid out');
    return b;
  };
  const closed = await box(item);
  expect(Math.round((await box(next)).y)).toBe(Math.round(closed.y + closed.height));

  await playButton.click();
  const closeButton = row.getByRole('button', { name: /^Đóng ghi âm cuộc gọi/ });
  await expect(closeButton).toBeVisible();
  await expect.poll(async () => (await box(item)).height).toBeGreaterThan(closed.height + 10);
  // The next row starts where the taller one ends: nothing overlaps.
  await expect
    .poll(async () => {
      const open = await box(item);
      return Math.round((await box(next)).y) - Math.round(open.y + open.height);
    })
    .toBe(0);

  await closeButton.click();
  await expect.poll(async () => Math.round((await box(item)).height)).toBe(Math.round(closed.height));
  await expect.poll(async () => Math.round((await box(next)).y)).toBe(Math.round(closed.y + closed.height));
});
