import type { PlatformCallView, RunningSandbox } from '../../../sandbox/index';
import type { SandboxAgent } from '../../../sandbox/state';
import { NodePhone, type NodePhoneOptions } from '../../../sandbox/telephony/node-phone';
import { loadWebRtc, type WebRtcRuntime } from '../../../sandbox/telephony/webrtc';
import { SignalClient, eventData, isObject, issueToken, type JsonObject } from '../sandbox-signals/helpers';

/** Shared by the telephony tests: WebRTC under Node and Node phones registered in the sandbox's Kamailio. */

export async function webRtc(): Promise<WebRtcRuntime> {
  const loaded = await loadWebRtc();
  if (!loaded.ok) throw new Error(loaded.message);
  return loaded.runtime;
}

export function agentAt(sandbox: RunningSandbox, index: number): SandboxAgent {
  const agent = sandbox.state.agents[index];
  if (!agent) throw new Error(`the sandbox has no agent #${index}`);
  return agent;
}

/** A Node phone registered as `agent`'s device (or any user), checked in Kamailio too. */
export async function devicePhone(
  sandbox: RunningSandbox,
  user: string,
  options: Partial<Omit<NodePhoneOptions, 'runtime' | 'wsUrl' | 'domain' | 'user'>> = {},
): Promise<NodePhone> {
  if (sandbox.sipWsUrl === undefined || sandbox.sipDomain === undefined || !sandbox.kamailio)
    throw new Error('the sandbox runs without Kamailio');
  const started = await NodePhone.start({
    runtime: await webRtc(),
    wsUrl: sandbox.sipWsUrl,
    domain: sandbox.sipDomain,
    user,
    ...options,
  });
  if (!started.ok) throw new Error(started.message);
  // JsSIP reports "registered" on Kamailio's 200 OK: the location table has the contact by then.
  if (!(await sandbox.kamailio.isRegistered(user))) throw new Error(`${user} registered but Kamailio has no contact`);
  return started.phone;
}

export async function control(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sandbox.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

/** A Blackhole client bound to every call event of the sandbox's account. */
export async function signalsListener(sandbox: RunningSandbox): Promise<SignalClient> {
  const client = await SignalClient.connect(sandbox.signalsUrl);
  const reply = await client.subscribe(sandbox.accountId, 'call.*.*', await issueToken(sandbox));
  if (reply['status'] !== 'success') throw new Error('could not subscribe to call events');
  return client;
}

/**
 * The events of one call in arrival order, as "<leg> <EVENT>": A is leg A (`aCallId`), the other
 * legs (every leg names A as its bridge) B1, B2... in the order they appeared.
 */
export function legTimeline(client: SignalClient, aCallId: string): string[] {
  const labels = new Map<string, string>([[aCallId, 'A']]);
  const lines: string[] = [];
  for (const event of client.events()) {
    const data = eventData(event);
    const callId = String(data['call_id']);
    const vars = isObject(data['custom_channel_vars']) ? data['custom_channel_vars'] : {};
    if (callId !== aCallId && vars['bridge_id'] !== aCallId) continue;
    if (!labels.has(callId)) labels.set(callId, `B${labels.size}`);
    lines.push(`${labels.get(callId) ?? '?'} ${String(event['name'])}`);
  }
  return lines;
}

/** The data of the first `name` event of leg `callId`. */
export function eventOf(client: SignalClient, callId: string, name: string): JsonObject | undefined {
  const found = client.events().find((e) => e['name'] === name && eventData(e)['call_id'] === callId);
  return found ? eventData(found) : undefined;
}

export async function platformCalls(sandbox: RunningSandbox): Promise<PlatformCallView[]> {
  const answer = await control(sandbox, 'GET', '/platform/calls');
  if (answer.status !== 200) throw new Error(`GET /platform/calls answered ${answer.status}`);
  return (answer.body as { calls: PlatformCallView[] }).calls;
}

/** What the platform saw on the SIP call with this Call-ID. */
export async function platformCall(sandbox: RunningSandbox, sipCallId: string): Promise<PlatformCallView | undefined> {
  return (await platformCalls(sandbox)).find((call) => call.callId === sipCallId);
}

export async function setPlatform(sandbox: RunningSandbox, settings: Record<string, unknown>): Promise<void> {
  const answer = await control(sandbox, 'POST', '/platform/settings', settings);
  if (answer.status !== 200) throw new Error(`POST /platform/settings answered ${answer.status}`);
}
