import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * Dial from anywhere, through the web host: a link delivered as the OS delivers one to the
 * desktop app (webHost.dialLink, the same main-side path), the confirmation it shows, and the
 * Ctrl+K quick-dial palette. What is dialled is read from the sandbox's own request log: the
 * click-to-call AntBuddy received, not what the app says it did.
 */

let sandbox: RunningSandbox;
let agent: SandboxAgent;
let colleague: SandboxAgent;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, calls: 300, days: 10 });
  const [first, ...others] = sandbox.state.agents;
  if (!first) throw new Error('the sandbox has no agents');
  agent = first;
  // A colleague whose name no other agent shares, with an extension to dial.
  const unique = others.find(
    (a) => a.extensions.length > 0 && sandbox.state.agents.filter((b) => b.name === a.name).length === 1,
  );
  if (!unique) throw new Error('no colleague with a unique name and an extension');
  colleague = unique;
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

const CLICK_TO_CALL = '/oapi/v1/call/click-to-call/';

/** The numbers AntBuddy was asked to click-to-call, in order. */
const clickToCalls = (): string[] =>
  sandbox.requestLog
    .filter((entry) => entry.method === 'POST' && entry.path.startsWith(CLICK_TO_CALL))
    .map((entry) => decodeURIComponent(entry.path.slice(CLICK_TO_CALL.length)));

/** Until the page has loaded and asked for the waiting prompt (the frame is up). */
async function appReady(page: Page): Promise<void> {
  await expect(page.getByRole('navigation')).toBeVisible();
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a tel: link shows the confirmation with the number normalised for Vietnam; Enter dials it', async ({
  app,
  webHost,
}) => {
  await appReady(app);
  const delivered = webHost.dialLink('tel:+84-912-345-678;phone-context=+84');
  expect(delivered).toMatchObject({ ok: true, value: { kind: 'confirm', number: { dial: '0912345678' } } });

  const dialog = app.getByRole('dialog', { name: 'Gọi số này?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('dial-prompt-number')).toHaveText('0912 345 678');
  await expect(dialog.getByRole('button', { name: 'Gọi' })).toBeFocused();
  expect(await seriousViolations(app, '[role="dialog"]')).toEqual([]);

  await app.keyboard.press('Enter');
  await expect.poll(clickToCalls).toContain('0912345678');
  // Placed: the confirmation goes away; AntBuddy was asked once.
  await expect(dialog).toBeHidden();
  expect(await app.evaluate(() => window.antring.getDialPrompt())).toEqual({ ok: true, value: null });
  expect(clickToCalls().filter((n) => n === '0912345678')).toHaveLength(1);
});

test('Esc cancels: nothing is sent; a link that is not a number says so and dials nothing', async ({
  app,
  webHost,
}) => {
  await appReady(app);
  webHost.dialLink('callto:0987654321');
  const dialog = app.getByRole('dialog', { name: 'Gọi số này?' });
  await expect(dialog.getByTestId('dial-prompt-number')).toHaveText('0987 654 321');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await app.evaluate(() => window.antring.getDialPrompt())).toEqual({ ok: true, value: null });

  // A SIP link with a password and no number: said, dialled never, and its parts never shown.
  const refused = webHost.dialLink('sip:alice:hunter2@pbx.example.vn');
  expect(refused).toMatchObject({ ok: false, error: { code: 'not_dialable' } });
  const notice = app.getByRole('dialog', { name: 'Không có số để gọi' });
  await expect(notice.getByRole('alert')).toHaveText('Liên kết không phải số điện thoại hay số máy lẻ nên không gọi.');
  await expect(notice).not.toContainText('alice');
  await app.keyboard.press('Enter');
  await expect(notice).toBeHidden();

  // A link dialled after them: once it reaches AntBuddy, anything the two above had sent would have too.
  webHost.dialLink('tel:0911222333');
  await app.getByRole('dialog', { name: 'Gọi số này?' }).getByRole('button', { name: 'Gọi' }).click();
  await expect.poll(clickToCalls).toContain('0911222333');
  expect(clickToCalls()).not.toContain('0987654321');
  expect(clickToCalls().some((n) => /alice|hunter2/.test(n))).toBe(false);
});

test('the palette (Ctrl+K) finds a colleague by name and dials their extension', async ({ app }) => {
  await appReady(app);
  // The host loads the company's agents in the background once the account is configured.
  await expect
    .poll(async () => {
      const answer = await app.evaluate(() => window.antring.getColleagues());
      return answer.ok ? answer.value.length : 0;
    })
    .toBeGreaterThan(1);
  expect(await app.evaluate(() => window.antring.saveSettings({ language: 'en' }))).toMatchObject({ ok: true });
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');

  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Quick dial' });
  const search = palette.getByRole('combobox', { name: 'Name, extension or number to call' });
  await expect(search).toBeFocused();
  // Without the accents, as agents type names.
  const typed = colleague.name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
  await search.fill(typed);
  const option = palette.getByRole('option', { name: new RegExp(colleague.name) });
  await expect(option).toHaveAttribute('aria-selected', 'true');
  expect(await seriousViolations(app, '[role="dialog"]')).toEqual([]);
  await app.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  const extension = colleague.extensions[0] ?? '';
  await expect.poll(clickToCalls).toContain(extension);
});

test('a favourite added from the palette is listed there again, and kept in the settings', async ({ app }) => {
  await appReady(app);
  expect(await app.evaluate(() => window.antring.saveSettings({ language: 'en' }))).toMatchObject({ ok: true });
  await expect(app.locator('html')).toHaveAttribute('lang', 'en');

  await app.keyboard.press('Control+k');
  const palette = app.getByRole('dialog', { name: 'Quick dial' });
  await palette.getByRole('combobox').fill('0901 234 567');
  await expect(palette.getByRole('option', { name: '0901 234 567' })).toHaveAttribute('aria-selected', 'true');
  await palette.getByRole('button', { name: 'Add 0901 234 567 to favourites' }).click();
  await expect(palette.getByRole('button', { name: 'Remove 0901 234 567 from favourites' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  await app.keyboard.press('Control+k');
  const favourites = palette.getByRole('group', { name: 'Favourites' });
  await expect(favourites.getByRole('option', { name: /0901 234 567/ })).toBeVisible();
  const settings = await app.evaluate(() => window.antring.getSettings());
  expect(settings.ok && settings.value.values.favourites).toEqual(['+84901234567']);
  await app.keyboard.press('Escape');
});

test('Settings shows the dial shortcut, and says the browser has no global shortcuts', async ({ app }) => {
  await appReady(app);
  expect(await app.evaluate(() => window.antring.saveSettings({ language: 'en' }))).toMatchObject({ ok: true });
  await app.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const setting = app.getByTestId('dial-shortcut-setting');
  await expect(setting.getByRole('textbox', { name: 'Dial shortcut' })).toHaveValue('CommandOrControl+Alt+D');
  await expect(setting.getByTestId('dial-shortcut-state')).toHaveText(
    'Global shortcuts work in the desktop app only, not in the browser.',
  );
});
