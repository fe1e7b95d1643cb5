import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * Accessibility of every screen, as an agent using a screen reader or only the keyboard meets
 * it: axe-core (WCAG 2.1 A and AA rules) finds no serious or critical violation on any screen,
 * in Vietnamese and English, with real content (history rows, the dashboard, a ringing pop);
 * Tab reaches every control with a visible focus ring.
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 13, calls: 800, days: 20 });
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
    await use(appEnvFor(sandbox, agent.sipUser));
  },
});

type Violation = { id: string; impact: string; help: string; targets: string[] };

/** Serious and critical findings of axe-core on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
}

const SCREENS = {
  vi: { phone: 'Điện thoại', history: 'Lịch sử', dashboard: 'Tổng quan', settings: 'Cài đặt' },
  en: { phone: 'Phone', history: 'History', dashboard: 'Dashboard', settings: 'Settings' },
} as const;

async function openScreen(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Waits until what a screen loads has arrived, so axe sees the real content, not a spinner. */
async function settled(page: Page, screen: keyof (typeof SCREENS)['en']): Promise<void> {
  if (screen === 'history') await expect(page.getByTestId('history-row').first()).toBeVisible({ timeout: 30_000 });
  if (screen === 'dashboard') await expect(page.getByTestId('dashboard-agents')).toBeVisible({ timeout: 30_000 });
  if (screen === 'settings')
    await expect(page.getByRole('button', { name: /Save changes|Lưu thay đổi/ })).toBeVisible();
}

for (const language of ['vi', 'en'] as const) {
  test(`every screen passes axe-core with no serious or critical violation (${language})`, async ({ app }) => {
    test.setTimeout(120_000);
    expect(await app.evaluate((l) => window.antring.saveSettings({ language: l }), language)).toMatchObject({
      ok: true,
    });
    await expect(app.locator('html')).toHaveAttribute('lang', language);
    const found: Record<string, Violation[]> = {};
    for (const [screen, label] of Object.entries(SCREENS[language]) as [keyof (typeof SCREENS)['en'], string][]) {
      await openScreen(app, label);
      await settled(app, screen);
      found[screen] = await seriousViolations(app);
    }
    expect(found).toEqual({ phone: [], history: [], dashboard: [], settings: [] });
  });
}

test('a ringing screen-pop passes axe-core, and is announced to screen readers', async ({ app }) => {
  const customer = sandbox.state.history.all().find((r) => r.direction === 'to_ab')?.caller.number ?? '0912345678';
  await expect
    .poll(
      async () => {
        const state = await app.evaluate(() => window.antring.getSignalState());
        return state.ok ? state.value.kind : 'unknown';
      },
      { timeout: 30_000 },
    )
    .toBe('live');
  // The socket subscribes right after it authenticates: leave it a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  sandbox.signals.startCall({
    direction: 'inbound',
    from: customer,
    to: agent.sipUser,
    ringMs: 20_000,
    talkMs: 1_000,
    outcome: 'answered',
  });
  const card = app.getByTestId('screenpop-card');
  await expect(card).toBeVisible({ timeout: 15_000 });
  // The pop sits in (or is) a live region, so its arrival is read out.
  expect(
    await card.evaluate(
      (el) => el.closest('[aria-live], [role="alert"], [role="status"], [role="alertdialog"]') !== null,
    ),
  ).toBe(true);
  expect(await seriousViolations(app)).toEqual([]);
});

/** Tabs through the page; every element that takes focus must show a focus ring. */
async function focusRingsAlongTab(page: Page, presses: number): Promise<{ reached: string[]; missing: string[] }> {
  const reached: string[] = [];
  const missing: string[] = [];
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!(el instanceof HTMLElement) || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        (style.boxShadow !== 'none' && style.boxShadow !== '');
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}]`;
      return { name, ring };
    });
    if (!info) continue;
    if (reached.includes(info.name)) break;
    reached.push(info.name);
    if (!info.ring) missing.push(info.name);
  }
  return { reached, missing };
}

test('Tab reaches the controls of every screen, each with a visible focus ring', async ({ app }) => {
  test.setTimeout(120_000);
  for (const [screen, label] of Object.entries(SCREENS.vi) as [keyof (typeof SCREENS)['en'], string][]) {
    await openScreen(app, label);
    await settled(app, screen);
    const { reached, missing } = await focusRingsAlongTab(app, 40);
    expect(reached.length, `${screen}: controls reached by Tab`).toBeGreaterThan(3);
    expect(missing, `${screen}: focused without a visible ring`).toEqual([]);
  }
});
