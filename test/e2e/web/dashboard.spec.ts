import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import { buildDashboard, type Dashboard } from '../../../sandbox/dashboard';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * The Dashboard end to end: the sandbox's moving dashboard (driven by a clock the test holds)
 * reaches the screen through the web host's services, and the screen follows it as the clock
 * moves on. What the screen should show is what the sandbox's own dashboard module computes.
 */

// A Wednesday, 10:00 in Vietnam: the sandbox's busy hours, so most agents are signed in.
const START = Date.parse('2026-01-28T03:00:00.000Z');
const REFRESH_SECONDS = 5;
let clock = START;
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5, calls: 600, days: 3, now: () => clock });
});

test.afterAll(async () => {
  await sandbox?.close();
});

test.use({
  // Playwright fixtures must destructure their dependencies, even none; the values exist only after beforeAll.
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    const agent = sandbox.state.agents[0];
    if (!agent) throw new Error('the sandbox has no agents');
    await use({
      ...appEnvFor(sandbox, agent.sipUser),
      ANTRING_LANG: 'en',
      ANTRING_DASHBOARD_REFRESH_SECONDS: String(REFRESH_SECONDS),
    });
  },
});

interface ShownAgent {
  name: string;
  extension: string;
  status: string;
  since: string | null;
}

/** The agents table as the page shows it, by agent id. */
async function shownAgents(page: Page): Promise<Record<string, ShownAgent>> {
  return page.getByTestId('dashboard-agents').evaluate((table) => {
    const out: Record<string, ShownAgent> = {};
    for (const row of table.querySelectorAll('tbody tr')) {
      const cells = row.querySelectorAll('th, td');
      out[row.getAttribute('data-agent-id') ?? ''] = {
        name: cells[0]?.textContent ?? '',
        extension: cells[1]?.textContent ?? '',
        status: row.querySelector('[data-status]')?.getAttribute('data-status') ?? '',
        since: row.querySelector('time')?.getAttribute('datetime') ?? null,
      };
    }
    return out;
  });
}

/** The same table, as the sandbox's own dashboard says it should be. */
function expectedAgents(dashboard: Dashboard): Record<string, ShownAgent> {
  const out: Record<string, ShownAgent> = {};
  for (const agent of sandbox.state.agents) {
    const detail = dashboard.agent.status_details.find((d) => d.agent_id === agent.id);
    out[agent.id] = {
      name: agent.name,
      extension: agent.extensions.join(', '),
      status: detail?.status ?? 'logged_out',
      since: detail ? new Date(detail.unix_timestamp * 1000).toISOString() : null,
    };
  }
  return out;
}

async function shownCounts(page: Page): Promise<Record<string, number>> {
  return page.getByTestId('dashboard-counts').evaluate((table) => {
    const out: Record<string, number> = {};
    for (const row of table.querySelectorAll('tbody tr')) {
      out[row.getAttribute('data-status') ?? ''] = Number(row.querySelector('td')?.textContent);
    }
    return out;
  });
}

function expectedCounts(dashboard: Dashboard): Record<string, number> {
  const { status_details: _details, ...counts } = dashboard.agent;
  return counts;
}

async function openDashboard(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByTestId('dashboard-agents')).toBeVisible({ timeout: 20_000 });
}

test("the dashboard shows the sandbox's agents, counts, queue figures and queues, and follows them as time moves on", async ({
  app,
}) => {
  await openDashboard(app);
  const first = buildDashboard(sandbox.state, clock);

  await expect.poll(() => shownAgents(app)).toEqual(expectedAgents(first));
  expect(await shownCounts(app)).toEqual(expectedCounts(first));
  await expect(app.getByRole('table', { name: 'Agents by status' }).locator('tfoot td')).toHaveText(
    String(sandbox.state.agents.length),
  );

  // Queue figures: counts as numbers, durations in words.
  const stats = app.getByTestId('dashboard-queue-stats');
  await expect(stats.locator('[data-stat="offered"] td')).toHaveText(String(first.queue.offered));
  await expect(stats.locator('[data-stat="handled"] td')).toHaveText(String(first.queue.handled));
  await expect(stats.locator('[data-stat="abandoned"] td')).toHaveText(String(first.queue.abandoned));
  await expect(stats.locator('[data-stat="waitingNow"] td')).toHaveText(String(first.queue.waiting_call_logs.length));

  // Every queue with its members by name.
  for (const queue of sandbox.state.queues) {
    const card = app.locator(`[data-testid="dashboard-queue"][data-queue-key="${queue.id}"]`);
    await expect(card.getByRole('heading', { level: 3 })).toHaveText(queue.name);
    const names = queue.agentIds.map((id) => sandbox.state.agents.find((a) => a.id === id)?.name ?? id);
    await expect(card.locator('.queue-card__member-name')).toHaveText(
      [...names].sort(new Intl.Collator('vi', { sensitivity: 'base', numeric: true }).compare),
    );
    const waiting = first.queue.waiting_call_logs.filter((w) => w.queue_id === queue.id).length;
    await expect(card.locator('[data-figure="waiting"]')).toHaveText(`${waiting} waiting`);
  }

  // Fifteen minutes later every agent's rhythm (at most seven minutes) has moved on.
  clock += 15 * 60_000;
  const later = buildDashboard(sandbox.state, clock);
  expect(expectedAgents(later)).not.toEqual(expectedAgents(first));
  await expect.poll(() => shownAgents(app), { timeout: 4 * REFRESH_SECONDS * 1000 }).toEqual(expectedAgents(later));
  expect(await shownCounts(app)).toEqual(expectedCounts(later));
  await expect(app.getByTestId('dashboard-updated')).toContainText(/Updated (just now|\d+ s ago)/);
});

test('a failing API shows the error with Retry, the figures turn stale, and Retry brings them back', async ({
  app,
}) => {
  await openDashboard(app);
  await expect(app.getByTestId('dashboard-stale')).toHaveCount(0);

  // Every dashboard request fails (the client's own retries included) until the test says otherwise.
  sandbox.faults.failNext(10_000, { status: 500, path: '/oapi/v1/call/dashboard' });
  const alert = app.getByRole('alert');
  await expect(alert).toContainText('Could not load the dashboard', { timeout: 30_000 });
  await expect(alert).toContainText('HTTP 500');
  // The last good figures stay on screen, flagged once they are two refresh periods old.
  await expect(app.getByTestId('dashboard-agents')).toBeVisible();
  await expect(app.getByTestId('dashboard-stale')).toContainText('out of date', { timeout: 30_000 });

  sandbox.faults.clear();
  clock += 10 * 60_000;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(app.getByRole('alert')).toHaveCount(0, { timeout: 30_000 });
  await expect(app.getByTestId('dashboard-stale')).toHaveCount(0);
  await expect.poll(() => shownAgents(app)).toEqual(expectedAgents(buildDashboard(sandbox.state, clock)));
});
