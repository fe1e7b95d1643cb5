// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { followPhoneCommands, reportPhoneCalls } from '../../../src/renderer/src/sip/phone-relay';
import { bindPhone, initialPhoneState, phoneStoreSink, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import { SipPhone } from '../../../src/renderer/src/sip/sip-phone';
import type { AntringApi, PhoneCallSummary, PhoneCommand, SipCredentials } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import { FakeSession, FakeUserAgent } from './fake-user-agent';

const CREDENTIALS: SipCredentials = {
  wsUrl: 'wss://sip.example.vn:7443',
  domain: 'agents.example.vn',
  user: '1001',
  password: 'pw-1001-secret',
  displayName: 'Lan',
  iceServers: [],
};

let agents: FakeUserAgent[];
let phone: SipPhone;
let reports: PhoneCallSummary[];
let command: ((command: PhoneCommand) => void) | undefined;
let stops: (() => void)[];

const ua = (): FakeUserAgent => {
  const last = agents.at(-1);
  if (!last) throw new Error('no user agent was created');
  return last;
};

beforeEach(() => {
  usePhoneStore.setState(initialPhoneState);
  agents = [];
  reports = [];
  const api = {
    reportPhoneCall: async (summary: PhoneCallSummary) => {
      reports.push(summary);
      return ok(undefined);
    },
    on: {
      phoneCommandRequested: (listener: (command: PhoneCommand) => void) => {
        command = listener;
        return () => (command = undefined);
      },
    },
  };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
  phone = new SipPhone({
    createUserAgent: (config) => {
      const agent = new FakeUserAgent(config);
      agents.push(agent);
      return agent;
    },
    sink: phoneStoreSink,
    remoteAudio: { play: () => undefined, stop: () => undefined },
  });
  stops = [bindPhone(phone), reportPhoneCalls(), followPhoneCommands()];
  phone.configure(CREDENTIALS);
  ua().emit('registered');
});

afterEach(() => {
  for (const stop of stops) stop();
  phone.dispose();
});

describe('the phone and the other windows', () => {
  it('reports what rings, and nothing once the call is answered', () => {
    ua().ring(new FakeSession('s1', '0912345678', 'Mai'));
    command?.({ action: 'answer', callId: 's1' });
    // Each distinct ringing value in turn (registration changes report too).
    const ringing = reports.map((r) => r.ringing).filter((r, i, all) => i === 0 || r?.id !== all[i - 1]?.id);
    expect(ringing).toEqual([null, { id: 's1', number: '0912345678' }, null]);
    expect(reports.at(-1)).toMatchObject({ registration: { kind: 'registered' }, inCall: true });
  });

  it('reports the registration and whether the agent is on a call, for main (the tray, Test connection)', () => {
    expect(reports.at(-1)).toEqual({ ringing: null, registration: { kind: 'registered' }, inCall: false });
    ua().emit('registrationFailed', { cause: 'Authentication Error' });
    expect(reports.at(-1)?.registration).toMatchObject({ kind: 'failed' });
  });

  it('answers its ringing call when another window asks, and ignores another call id', () => {
    const session = new FakeSession('s1', '0912345678');
    ua().ring(session);
    command?.({ action: 'answer', callId: 's0-stale' });
    command?.({ action: 'decline', callId: 's0-stale' });
    expect(session.answered).toHaveLength(0);
    expect(session.terminated).toHaveLength(0);
    expect(usePhoneStore.getState().calls.map((c) => c.status.kind)).toEqual(['ringing']);

    command?.({ action: 'answer', callId: 's1' });
    expect(session.answered).toHaveLength(1);
    expect(usePhoneStore.getState().calls).toMatchObject([{ id: 's1', status: { kind: 'answering' } }]);
  });

  it('declines with 603 when asked for its ringing call, and a late click does nothing more', () => {
    const session = new FakeSession('s1', '0912345678');
    ua().ring(session);
    command?.({ action: 'decline', callId: 's1' });
    expect(session.terminated).toEqual([{ status_code: 603, reason_phrase: 'Decline' }]);
    command?.({ action: 'answer', callId: 's1' });
    expect(session.answered).toHaveLength(0);
    expect(usePhoneStore.getState().calls).toMatchObject([{ id: 's1', status: { kind: 'ended', reason: 'declined' } }]);
  });

  it('answers a waiting call from another window, holding the call the agent is on', () => {
    const live = new FakeSession('s1', '0912345678');
    ua().ring(live);
    command?.({ action: 'answer', callId: 's1' });
    live.accept();
    const waiting = new FakeSession('s2', '0987654321');
    ua().ring(waiting);
    expect(reports.at(-1)).toMatchObject({ ringing: { id: 's2', number: '0987654321' }, inCall: true });
    command?.({ action: 'answer', callId: 's2' });
    expect(live.holds).toEqual(['hold']);
    expect(waiting.answered).toHaveLength(1);
    expect(reports.at(-1)).toMatchObject({ ringing: null, inCall: true });
  });

  it('stops listening and reports nothing ringing when the phone goes away', () => {
    const session = new FakeSession('s1', '0912345678');
    ua().ring(session);
    for (const stop of stops.splice(0)) stop();
    expect(reports.at(-1)).toMatchObject({ ringing: null, inCall: false });
    expect(command).toBeUndefined();
  });
});
