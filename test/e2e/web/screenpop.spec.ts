import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { startSandbox, type RunningSandbox } from '../../../sandbox';
import type { CallRecord, SandboxAgent } from '../../../sandbox/state';
import { formatForDisplay, samePhone } from '../../../src/shared/phone';
import { appEnvFor } from '../../support/sandbox-env';

/**
 * Screen-pop end to end: the sandbox plays an inbound call through its Blackhole-compatible
 * signals; the web host (same services as the Electron app) pops it; Chromium shows it.
 */

let sandbox: RunningSandbox;
let crm: Server;
let crmUrl = '';
const crmRequests: string[] = [];
let agent: SandboxAgent;

test.beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7, calls: 3000, days: 40 });
  const first = sandbox.state.agents[0];
  if (!first) throw new Error('the sandbox has no agents');
  agent = first;
  // A stand-in CRM: records what the page opened.
  crm = createServer((req, res) => {
    crmRequests.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>CRM</title><p>CRM</p>');
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
  crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => (crm ? crm.close(() => resolve()) : resolve()));
});

test.use({
  // Playwright fixtures must destructure their dependencies, even none; the values exist only after beforeAll.
  // eslint-disable-next-line no-empty-pattern
  hostEnv: async ({}, use) => {
    await use(appEnvFor(sandbox, agent.sipUser));
  },
});

/**
 * A customer with several calls in the last 30 days whose queue statistics carry a real name,
 * and every call with them the app's history store holds (the sandbox's 40 days are within its
 * default 90): the pop's earlier calls come from that store.
 */
function customerWithHistory(): { number: string; name: string; calls: CallRecord[] } {
  const since = Date.now() / 1000 - 30 * 86_400;
  const recent = sandbox.state.history.all().filter((r) => r.unix_timestamp >= since);
  const byNumber = new Map<string, CallRecord[]>();
  for (const r of recent) {
    if (r.direction !== 'to_ab') continue;
    const list = byNumber.get(r.caller.number) ?? [];
    list.push(r);
    byNumber.set(r.caller.number, list);
  }
  for (const [number, list] of byNumber) {
    const named = list.flatMap((r) => r.queue_stat.map((q) => ({ at: r.unix_timestamp, name: q.caller_id_name })));
    const latest = named.sort((a, b) => b.at - a.at)[0];
    if (list.length >= 2 && latest && /[a-zà-ỹ]/i.test(latest.name)) {
      const calls = sandbox.state.history
        .all()
        .filter((r) => samePhone(r.caller.number, number) || samePhone(r.callee.number, number));
      return { number, name: latest.name, calls };
    }
  }
  throw new Error('no customer with named history in the sandbox');
}

/** The host has loaded history and agents and holds a live signals socket. */
async function waitUntilReady(): Promise<void> {
  await expect
    .poll(
      () => {
        const log = sandbox.requestLog;
        const history = log.filter((e) => e.path === '/oapi/v1/call/histories');
        const agents = log.filter((e) => e.path === '/oapi/v1/agents' && e.status === 200);
        const settled =
          history.length > 0 &&
          history.every((e) => e.status !== null) &&
          Date.now() - Math.max(...history.map((e) => e.time)) > 300;
        return settled && agents.length > 0 && sandbox.signals.connections > 0;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  // The socket subscribes right after it authenticates: leave it a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

test('an inbound call pops with the caller, DID, queue and recent calls, opens the CRM, and closes when it ends', async ({
  app,
}) => {
  const customer = customerWithHistory();
  const queue = sandbox.state.queues.find((q) => q.agentIds.includes(agent.id)) ?? sandbox.state.queues[0];
  const did = sandbox.state.dids[1] ?? sandbox.state.dids[0];
  if (!queue || !did) throw new Error('the sandbox has no queue or DID');

  const template = `${crmUrl}/customer?phone={number_local}&e164={number_e164}&call={callId}&did={did}&queue={queue}&agent={agent}`;
  expect(
    await app.evaluate((t) => window.antring.saveSettings({ crmUrlTemplate: t, language: 'en' }), template),
  ).toMatchObject({ ok: true });
  await waitUntilReady();

  const call = sandbox.signals.startCall({
    direction: 'inbound',
    from: customer.number,
    to: agent.sipUser,
    did,
    queue: queue.id,
    ringMs: 4_000,
    talkMs: 2_000,
    outcome: 'answered',
  });

  const card = app.getByTestId('screenpop-card');
  await expect(card.getByTestId('screenpop-number')).toHaveText(formatForDisplay(customer.number));
  await expect(card.getByTestId('screenpop-name')).toHaveText(customer.name);
  await expect(card.getByTestId('screenpop-did')).toHaveText(formatForDisplay(did));
  await expect(card.getByTestId('screenpop-queue')).toHaveText(queue.name);
  await expect(card.getByTestId('screenpop-state')).toHaveText('Incoming call');
  await expect(card.getByTestId('screenpop-recent').locator('tbody tr')).toHaveCount(
    Math.min(5, customer.calls.length),
  );

  const national = formatForDisplay(customer.number).replace(/\s/g, '');
  const e164 = `+84${national.slice(1)}`;
  const expectedPath =
    `/customer?phone=${national}&e164=${encodeURIComponent(e164)}&call=${encodeURIComponent(call.callId)}` +
    `&did=${formatForDisplay(did).replace(/\s/g, '')}&queue=${encodeURIComponent(queue.name)}&agent=${agent.sipUser}`;
  const popup = app.waitForEvent('popup');
  await card.getByRole('button', { name: 'Open in CRM' }).click();
  const crmPage = await popup;
  await crmPage.waitForLoadState();
  expect(crmPage.url()).toBe(`${crmUrl}${expectedPath}`);
  expect(crmRequests).toContain(expectedPath);
  await crmPage.close();

  // The agent answers (the sandbox answers on the agent's leg), then the call ends: the pop goes.
  await expect(card.getByTestId('screenpop-state')).toHaveText('On the call', { timeout: 10_000 });
  await call.ended;
  await expect(app.getByTestId('screenpop-card')).toHaveCount(0, { timeout: 10_000 });
});

test("a call ringing another agent does not pop; an internal call pops with the colleague's name and closes when it ends", async ({
  app,
}) => {
  const customer = customerWithHistory();
  const colleague = sandbox.state.agents[1];
  if (!colleague) throw new Error('the sandbox needs two agents');
  await waitUntilReady();

  const other = sandbox.signals.startCall({
    direction: 'inbound',
    from: customer.number,
    to: colleague.sipUser,
    ringMs: 1_500,
    outcome: 'missed',
  });
  const mine = sandbox.signals.startCall({
    direction: 'internal',
    from: colleague.sipUser,
    to: agent.sipUser,
    ringMs: 1_500,
    outcome: 'missed',
  });
  const card = app.getByTestId('screenpop-card');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('screenpop-name')).toHaveText(colleague.name);
  await expect(card.getByTestId('screenpop-number')).toHaveText(colleague.extensions[0] ?? '');
  await Promise.all([other.ended, mine.ended]);
  await expect(card).toHaveCount(0, { timeout: 10_000 });
});
