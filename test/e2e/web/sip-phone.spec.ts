import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { SandboxAgent } from '../../../sandbox/state';
import { samePhone } from '../../../src/shared/phone';
import { sipAppEnvFor, sipServerOf } from '../../support/sip-env';
import { SipCallerPage } from './sip-caller/caller-page';
import { startSipCallerServer, type SipCallerServer } from './sip-caller/serve';

/**
 * The in-app phone end to end: the renderer's JsSIP phone registers in a real Kamailio (started
 * by the sandbox) as agent A; agent B is a bare JsSIP phone in a second page (the caller
 * fixture) that calls it. Chromium's fake microphone is the audio on both sides.
 */

let sandbox: RunningSandbox;
let callerServer: SipCallerServer;
let agentA: SandboxAgent;
let agentB: SandboxAgent;

// Registration, ICE and DTLS on two cores: give each test room beyond the default minute.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  // Without the sandbox's platform phone: here agent B's bare JsSIP phone is the only far end, so
  // a click-to-call rings nothing by itself and an unknown user is 404 (platform tests live elsewhere).
  sandbox = await startSandbox({ kamailio: true, platform: false, calls: 200, days: 5 });
  const [first, second] = sandbox.state.agents;
  if (!first || !second) throw new Error('the sandbox needs two agents');
  agentA = first;
  agentB = second;
  callerServer = await startSipCallerServer();
});

test.afterAll(async () => {
  await callerServer?.close();
  await sandbox?.close();
});

test.use({
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    await use(sipAppEnvFor(sandbox, agentA));
  },
});

/** The header says registered, and Kamailio agrees. */
async function waitUntilRegistered(app: Page): Promise<void> {
  await expect(app.getByTestId('sip-status')).toHaveAttribute('data-state', 'registered', { timeout: 30_000 });
  await expect.poll(() => sandbox.kamailio?.isRegistered(agentA.sipUser), { timeout: 15_000 }).toBe(true);
}

/** Agent B's phone, registered in Kamailio, in a second page of the test's browser context. */
async function openCallerAsAgentB(app: Page): Promise<SipCallerPage> {
  const caller = await SipCallerPage.open(app.context(), callerServer.url);
  const { wsUrl, domain } = sipServerOf(sandbox);
  expect(await caller.register({ wsUrl, domain, user: agentB.sipUser, password: agentB.sipPassword })).toEqual({
    registered: true,
  });
  return caller;
}

function agentAUri(): string {
  return `sip:${agentA.sipUser}@${sipServerOf(sandbox).domain}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** B as the app may name the caller: its SIP user, its extension, or the colleague's name. */
function agentBIdentity(): RegExp {
  const names = [agentB.sipUser, ...agentB.extensions, agentB.name].filter((n) => n !== '');
  return new RegExp(names.map(escapeRegExp).join('|'));
}

test('the harness: two caller phones connect through Kamailio with audio both ways (no app involved)', async ({
  context,
}) => {
  // Agents the app never uses, so a failure here points at the harness, not at the phone.
  const [, , c, d] = sandbox.state.agents;
  if (!c || !d) throw new Error('the sandbox needs four agents');
  const { wsUrl, domain } = sipServerOf(sandbox);
  const callee = await SipCallerPage.open(context, callerServer.url);
  expect(await callee.register({ wsUrl, domain, user: d.sipUser, password: d.sipPassword, autoAnswer: true })).toEqual({
    registered: true,
  });
  const caller = await SipCallerPage.open(context, callerServer.url);
  expect(await caller.register({ wsUrl, domain, user: c.sipUser, password: c.sipPassword })).toEqual({
    registered: true,
  });
  expect(await caller.call(`sip:nobody-${c.sipUser}@${domain}`)).toMatchObject({ state: 'failed', status: 404 });
  expect(await caller.call(`sip:${d.sipUser}@${domain}`)).toEqual({ state: 'confirmed' });
  await expect
    .poll(
      async () => {
        const stats = await caller.stats();
        return Math.min(stats.inboundBytes, stats.outboundBytes);
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  await caller.hangup();
  await expect.poll(() => callee.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
  await callee.close();
});

test('the phone registers in Kamailio with the configured SIP account', async ({ app }) => {
  await waitUntilRegistered(app);
  // Only agent A's device: nobody else registered as a side effect.
  expect(await sandbox.kamailio?.isRegistered(agentB.sipUser)).toBe(false);
});

test('click-to-call from the phone screen reaches AntBuddy and succeeds once the device is registered', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const number = '0912345678';
  const clickToCall = (): { path: string; status: number | null }[] =>
    sandbox.requestLog.filter((e) => e.method === 'POST' && e.path.startsWith('/oapi/v1/call/click-to-call/'));
  expect(clickToCall()).toEqual([]);

  // The app opens on the phone screen; the nav button brings it back if that ever changes.
  await app.getByRole('navigation').getByRole('button', { name: 'Điện thoại' }).click();
  await app.getByLabel('Số điện thoại').fill(number);
  await app.getByRole('button', { name: 'Gọi', exact: true }).click();

  await expect.poll(() => clickToCall().map((e) => e.status), { timeout: 20_000 }).toEqual([200]);
  const [request] = clickToCall();
  const dialled = decodeURIComponent(request?.path.slice('/oapi/v1/call/click-to-call/'.length) ?? '');
  expect(samePhone(dialled, number)).toBe(true);
  // The answer has reached the page once the form is usable again; no error on the screen (a failure would be an alert); console errors fail the test in the fixture.
  await expect(
    app.getByRole('button', { name: 'Gọi', exact: true }),
    'the host answered the page: the form left its "dialing" state',
  ).toBeEnabled({ timeout: 10_000 });
  await expect(app.getByRole('alert')).toHaveCount(0);
});

test('an internal call rings the app; answering connects audio both ways, and hanging up ends both sides', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const caller = await openCallerAsAgentB(app);
  const outcome = caller.call(agentAUri());

  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  await expect(incoming).toContainText(agentBIdentity());
  await expect(incoming.getByRole('button', { name: 'Từ chối' })).toBeVisible();
  await incoming.getByRole('button', { name: 'Trả lời' }).click();

  const active = app.getByTestId('active-call');
  await expect(active).toBeVisible({ timeout: 20_000 });
  await expect(incoming).toHaveCount(0);
  await expect(active.getByRole('button', { name: 'Tắt tiếng' })).toBeVisible();
  expect(await outcome).toEqual({ state: 'confirmed' });

  // The app's fake microphone reaches the caller, and the caller's reaches the app.
  await expect
    .poll(
      async () => {
        const stats = await caller.stats();
        return Math.min(stats.inboundBytes, stats.outboundBytes);
      },
      { timeout: 20_000, message: 'audio bytes flow both ways on the caller side' },
    )
    .toBeGreaterThan(0);
  const stats = await caller.stats();
  expect(stats.inboundBytes, 'audio received from the app').toBeGreaterThan(0);
  expect(stats.outboundBytes, 'audio sent to the app').toBeGreaterThan(0);

  await active.getByRole('button', { name: 'Kết thúc' }).click();
  await expect(active).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
});

test('declining a ringing call answers the caller 603 Decline', async ({ app }) => {
  await waitUntilRegistered(app);
  const caller = await openCallerAsAgentB(app);
  const outcome = caller.call(agentAUri());

  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  await incoming.getByRole('button', { name: 'Từ chối' }).click();

  expect(await outcome).toMatchObject({ state: 'failed', status: 603 });
  await expect(incoming).toHaveCount(0, { timeout: 10_000 });
  await expect(app.getByTestId('active-call')).toHaveCount(0);
  await caller.close();
});

test('with do-not-disturb on, an incoming call is refused 486 Busy Here without ringing', async ({ app }) => {
  await waitUntilRegistered(app);
  expect(await app.evaluate(() => window.antring.saveSettings({ dnd: true }))).toMatchObject({
    ok: true,
    value: { values: { dnd: true } },
  });
  const caller = await openCallerAsAgentB(app);

  expect(await caller.call(agentAUri())).toMatchObject({ state: 'failed', status: 486 });
  await expect(app.getByTestId('incoming-call')).toHaveCount(0);
  await expect(app.getByTestId('active-call')).toHaveCount(0);
  await caller.close();
});

test('a call marked auto-answer, with no click-to-call of this app, rings and waits for the agent', async ({ app }) => {
  await waitUntilRegistered(app);
  const caller = await openCallerAsAgentB(app);
  const outcome = caller.call(agentAUri(), {
    extraHeaders: [
      `Call-Info: <sip:${sipServerOf(sandbox).domain}>;answer-after=0`,
      'Alert-Info: <http://127.0.0.1/>;info=intercom',
    ],
  });

  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  // A grace period in which an auto-answer would have happened (it runs at once): still ringing.
  await app.waitForTimeout(2_000);
  await expect(incoming).toBeVisible();
  await expect(app.getByTestId('active-call')).toHaveCount(0);
  expect(await caller.state()).toBe('calling');

  await incoming.getByRole('button', { name: 'Trả lời' }).click();
  expect(await outcome).toEqual({ state: 'confirmed' });
  await app.getByTestId('active-call').getByRole('button', { name: 'Kết thúc' }).click();
  await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
});

test('the call that rings right after the agent own click-to-call is answered by itself, without a marker', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const caller = await openCallerAsAgentB(app);
  await app.getByLabel('Số điện thoại').fill('0912345678');
  await app.getByRole('button', { name: 'Gọi', exact: true }).click();
  await expect(app.getByTestId('dial-placed')).toBeVisible({ timeout: 20_000 });

  // The platform's callback to this device: here agent B's phone rings it, with no marker at all.
  expect(await caller.call(agentAUri())).toEqual({ state: 'confirmed' });
  await expect(app.getByTestId('active-call')).toBeVisible({ timeout: 10_000 });
  await app.getByTestId('active-call').getByRole('button', { name: 'Kết thúc' }).click();
  await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('ended');

  // One call per request: the next call rings and waits.
  const second = caller.call(agentAUri());
  await expect(app.getByTestId('incoming-call')).toBeVisible({ timeout: 20_000 });
  await app.waitForTimeout(1_500);
  expect(await caller.state()).toBe('calling');
  await app.getByTestId('incoming-call').getByRole('button', { name: 'Từ chối' }).click();
  expect(await second).toMatchObject({ state: 'failed', status: 603 });
  await caller.close();
});

/** Another agent's bare phone, registered in Kamailio, in a page of the test's browser context. */
async function openCallerAs(
  app: Page,
  agent: SandboxAgent,
  options: { autoAnswer?: boolean; acceptTransfers?: boolean } = {},
): Promise<SipCallerPage> {
  const caller = await SipCallerPage.open(app.context(), callerServer.url);
  const { wsUrl, domain } = sipServerOf(sandbox);
  expect(
    await caller.register({ wsUrl, domain, user: agent.sipUser, password: agent.sipPassword, ...options }),
  ).toEqual({ registered: true });
  return caller;
}

function agentAt(index: number): SandboxAgent {
  const agent = sandbox.state.agents[index];
  if (!agent) throw new Error(`the sandbox needs ${index + 1} agents`);
  return agent;
}

/** Agent B calls the app and the agent answers: the call is up on both sides. */
async function answerCallFrom(app: Page, caller: SipCallerPage): Promise<void> {
  const outcome = caller.call(agentAUri());
  const incoming = app.getByTestId('incoming-call');
  await expect(incoming).toBeVisible({ timeout: 20_000 });
  await incoming.getByRole('button', { name: 'Trả lời' }).click();
  expect(await outcome).toEqual({ state: 'confirmed' });
  await expect(app.getByTestId('active-call').getByRole('timer')).toBeVisible({ timeout: 10_000 });
}

async function saveSettings(app: Page, patch: Record<string, unknown>): Promise<void> {
  expect(await app.evaluate((p) => window.antring.saveSettings(p), patch)).toMatchObject({ ok: true });
}

test('Hold puts the other side on hold with a re-INVITE; Resume takes them back', async ({ app }) => {
  await waitUntilRegistered(app);
  const caller = await openCallerAsAgentB(app);
  await answerCallFrom(app, caller);
  const active = app.getByTestId('active-call');

  await active.getByRole('button', { name: 'Giữ máy' }).click();
  await expect.poll(() => caller.heldByOtherSide(), { timeout: 10_000 }).toBe(true);
  await expect(active).toHaveAttribute('data-held', 'true');

  await active.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect.poll(() => caller.heldByOtherSide(), { timeout: 10_000 }).toBe(false);
  expect(await caller.state()).toBe('confirmed');

  await active.getByRole('button', { name: 'Kết thúc' }).click();
  await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
});

test('with DTMF by SIP INFO, keypad presses and typed digits reach the other side', async ({ app }) => {
  await waitUntilRegistered(app);
  await saveSettings(app, { dtmfMode: 'info' });
  const caller = await openCallerAsAgentB(app);
  await answerCallFrom(app, caller);
  const active = app.getByTestId('active-call');

  await active.getByRole('button', { name: 'Bàn phím' }).click();
  const keypad = active.getByRole('group', { name: 'Bàn phím' });
  for (const key of ['1', '2', '#']) await keypad.getByRole('button', { name: key, exact: true }).click();
  await app.keyboard.press('9');
  await expect.poll(() => caller.dtmfReceived(), { timeout: 15_000 }).toBe('12#9');

  await active.getByRole('button', { name: 'Kết thúc' }).click();
  await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
});

test('call waiting: a second caller rings quietly; answering holds the first; Resume swaps', async ({ app }) => {
  await waitUntilRegistered(app);
  const first = await openCallerAsAgentB(app);
  const second = await openCallerAs(app, agentAt(2));
  await answerCallFrom(app, first);

  const secondOutcome = second.call(agentAUri());
  const waiting = app.getByTestId('incoming-call');
  await expect(waiting).toBeVisible({ timeout: 20_000 });
  await expect(waiting).toHaveAttribute('data-ring-style', 'waiting');
  await expect(waiting.getByRole('heading')).toHaveText('Cuộc gọi chờ');
  await waiting.getByRole('button', { name: 'Trả lời' }).click();
  expect(await secondOutcome).toEqual({ state: 'confirmed' });
  await expect.poll(() => first.heldByOtherSide(), { timeout: 10_000 }).toBe(true);
  expect(await second.heldByOtherSide()).toBe(false);

  const held = app.locator('[data-testid="active-call"][data-held="true"]');
  await expect(held).toHaveCount(1);
  await held.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect.poll(() => second.heldByOtherSide(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => first.heldByOtherSide(), { timeout: 10_000 }).toBe(false);

  // Each hang-up turns its card into a note: always the first card left.
  const cards = app.getByTestId('active-call');
  await cards.first().getByRole('button', { name: 'Kết thúc' }).click();
  await expect(cards).toHaveCount(1, { timeout: 10_000 });
  await cards.first().getByRole('button', { name: 'Kết thúc' }).click();
  await expect(cards).toHaveCount(0, { timeout: 10_000 });
  await expect.poll(() => first.state(), { timeout: 10_000 }).toBe('ended');
  await expect.poll(() => second.state(), { timeout: 10_000 }).toBe('ended');
  await first.close();
  await second.close();
});

test('dialing over SIP calls an extension straight from the phone; an unknown number says "not found"', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  await saveSettings(app, { dialVia: 'sip' });
  const agentD = agentAt(3);
  const callee = await openCallerAs(app, agentD, { autoAnswer: true });
  await expect(app.getByTestId('dial-via')).toHaveText('Gọi trực tiếp từ điện thoại này (SIP).');

  const extension = agentD.extensions[0] ?? '';
  await app.getByLabel('Số điện thoại').fill(extension);
  await app.getByRole('button', { name: 'Gọi', exact: true }).click();
  const active = app.getByTestId('active-call');
  await expect(active.getByRole('timer')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => callee.state(), { timeout: 10_000 }).toBe('confirmed');
  await active.getByRole('button', { name: 'Kết thúc' }).click();
  await expect.poll(() => callee.state(), { timeout: 10_000 }).toBe('ended');

  await app.getByLabel('Số điện thoại').fill('0900000001');
  await app.getByRole('button', { name: 'Gọi', exact: true }).click();
  await expect(app.getByTestId('call-ended').last()).toHaveText(/không tìm thấy số/, { timeout: 20_000 });
  await callee.close();
});

test('blind transfer: the caller follows the REFER to the target, and the app lets go once it reports success', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const agentD = agentAt(3);
  const target = await openCallerAs(app, agentD, { autoAnswer: true });
  const caller = await openCallerAs(app, agentB, { acceptTransfers: true });
  await answerCallFrom(app, caller);
  const active = app.getByTestId('active-call');

  await active.getByRole('button', { name: 'Chuyển' }).click();
  await active.getByRole('combobox', { name: 'Chuyển tới' }).fill(agentD.extensions[0] ?? '');
  await active.getByRole('button', { name: 'Chuyển ngay' }).click();

  await expect(app.getByTestId('call-ended')).toHaveAttribute('data-reason', 'transferred', { timeout: 20_000 });
  await expect(active).toHaveCount(0);
  expect(await caller.transfersFollowed()).toHaveLength(1);
  await expect.poll(() => target.state(), { timeout: 10_000 }).toBe('confirmed');
  expect(await caller.state()).toBe('confirmed');

  await caller.hangup();
  await expect.poll(() => target.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
  await target.close();
});

test('attended transfer: consult holds the caller, Complete transfer connects caller and target (REFER with Replaces)', async ({
  app,
}) => {
  await waitUntilRegistered(app);
  const agentD = agentAt(3);
  const target = await openCallerAs(app, agentD, { autoAnswer: true });
  const caller = await openCallerAs(app, agentB, { acceptTransfers: true });
  await answerCallFrom(app, caller);
  const first = app.getByTestId('active-call');

  await first.getByRole('button', { name: 'Chuyển' }).click();
  await first.getByRole('combobox', { name: 'Chuyển tới' }).fill(agentD.extensions[0] ?? '');
  await first.getByRole('button', { name: 'Hỏi ý kiến' }).click();
  await expect.poll(() => caller.heldByOtherSide(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => target.state(), { timeout: 20_000 }).toBe('confirmed');

  const complete = app.getByRole('button', { name: 'Hoàn tất chuyển' });
  await expect(complete).toBeEnabled({ timeout: 10_000 });
  await complete.click();

  await expect(app.getByTestId('active-call')).toHaveCount(0, { timeout: 20_000 });
  await expect(app.locator('[data-testid="call-ended"][data-reason="transferred"]')).toHaveCount(2);
  expect(await caller.transfersFollowed()).toHaveLength(1);
  expect(await caller.state()).toBe('confirmed');
  await expect.poll(() => target.state(), { timeout: 10_000 }).toBe('confirmed');

  await caller.hangup();
  await expect.poll(() => target.state(), { timeout: 10_000 }).toBe('ended');
  await caller.close();
  await target.close();
});
