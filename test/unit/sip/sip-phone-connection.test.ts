import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegistrationState } from '../../../src/renderer/src/sip/phone-state';
import { SipPhone } from '../../../src/renderer/src/sip/sip-phone';
import { browserClock } from '../../../src/renderer/src/sip/timer-clock';
import type { SipSessionLike, SipUserAgentConfig } from '../../../src/renderer/src/sip/user-agent';
import type { SipCredentials } from '../../../src/shared/contract';
import { FakeLink } from './fake-link';
import { FakeSession, FakeUserAgent } from './fake-user-agent';

/** A user agent whose connection the watchdog can watch, as the real one (jssip-user-agent.ts). */
class LinkedUserAgent extends FakeUserAgent {
  readonly link = new FakeLink();
  constructor(config: SipUserAgentConfig) {
    super(config);
  }
  /** JsSIP's transport connected (it then sends its own REGISTER). */
  connect(): void {
    this.link.simulateOpen();
    this.emit('connected');
  }
  /** The socket closed: JsSIP reports it, then drops the registration. */
  lose(): void {
    this.link.simulateClose();
    this.emit('disconnected', { error: true });
    this.emit('unregistered');
  }
}

const CREDENTIALS: SipCredentials = {
  wsUrl: 'wss://sip.example.vn:7443',
  domain: 'agents.example.vn',
  user: '1001',
  password: 'pw-1001-secret',
  displayName: 'Lan',
  iceServers: [],
};

let agents: LinkedUserAgent[];
let states: RegistrationState[];
let online: boolean;
let sessions: { id: string; sipCallId: string | undefined }[];
let phone: SipPhone;

const ua = (): LinkedUserAgent => {
  const last = agents.at(-1);
  if (!last) throw new Error('no user agent');
  return last;
};
const shown = (): RegistrationState | undefined => states.at(-1);

beforeEach(() => {
  vi.useFakeTimers();
  agents = [];
  states = [];
  sessions = [];
  online = true;
  phone = new SipPhone({
    createUserAgent: (config) => {
      const agent = new LinkedUserAgent(config);
      agents.push(agent);
      return agent;
    },
    sink: { setRegistration: (s) => states.push(s), setCalls: () => undefined },
    remoteAudio: { play: () => undefined, stop: () => undefined },
    clock: browserClock,
    isOnline: () => online,
    onSession: (session: SipSessionLike, sipCallId) => sessions.push({ id: session.id, sipCallId }),
    microphone: () => ({ deviceId: { exact: 'mic-headset' } }),
  });
  phone.configure(CREDENTIALS);
});

afterEach(() => {
  phone.dispose();
  vi.useRealTimers();
});

describe('registration state', () => {
  it('goes registering → registered, and shows a refusal with the server reason', () => {
    expect(shown()).toEqual({ kind: 'registering' });
    ua().connect();
    expect(shown()).toEqual({ kind: 'registering' });
    ua().emit('registered');
    expect(shown()).toEqual({ kind: 'registered' });
    ua().emit('registrationFailed', {
      cause: 'Rejected',
      response: { status_code: 403, reason_phrase: 'Forbidden' },
    });
    expect(shown()).toEqual({ kind: 'failed', reason: 'Rejected', serverReply: '403 Forbidden' });
    expect(JSON.stringify(states)).not.toContain('pw-1001-secret');
  });

  it('is offline while the server cannot be reached, not "registering", and registers again when it is back', () => {
    ua().connect();
    ua().emit('registered');
    ua().lose();
    expect(shown()).toEqual({ kind: 'offline', cause: 'server-unreachable' });
    // JsSIP's REGISTER dies with the socket: a connection error, not a refusal.
    ua().emit('registrationFailed', { cause: 'Connection Error' });
    expect(shown()).toEqual({ kind: 'offline', cause: 'server-unreachable' });
    ua().connect();
    expect(shown()).toEqual({ kind: 'registering' });
    ua().emit('registered');
    expect(shown()).toEqual({ kind: 'registered' });
    // JsSIP registered by itself on connect: the phone sent no REGISTER of its own.
    expect(ua().link.registers).toBe(0);
    expect(agents).toHaveLength(1);
  });

  it('says "no network" as soon as the browser does, and reconnects the same user agent when it is back', () => {
    ua().connect();
    ua().emit('registered');
    online = false;
    phone.networkLost();
    expect(shown()).toEqual({ kind: 'offline', cause: 'no-network' });
    ua().lose();
    online = true;
    phone.reconnect();
    expect(shown()).toEqual({ kind: 'offline', cause: 'server-unreachable' });
    expect(ua().link.connectNows).toBe(1);
    expect(agents).toHaveLength(1);
  });

  it('starts offline when the browser has no network at all', () => {
    online = false;
    phone.configure({ ...CREDENTIALS, user: '1002' });
    expect(shown()).toEqual({ kind: 'offline', cause: 'no-network' });
  });
});

describe('keepalive and recovery', () => {
  it('drops a socket that stopped answering and shows offline', () => {
    ua().connect();
    ua().emit('registered');
    vi.advanceTimersByTime(15_000);
    expect(ua().link.probes).toBe(1);
    vi.advanceTimersByTime(15_000);
    expect(ua().link.drops).toBe(1);
    expect(shown()).toEqual({ kind: 'offline', cause: 'server-unreachable' });
  });

  it('keeps the socket of a live call, shows offline, and drops it once the call ended', () => {
    ua().connect();
    ua().emit('registered');
    const call = new FakeSession('c1', '0912345678');
    ua().ring(call);
    phone.answer();
    call.emit('accepted');
    vi.advanceTimersByTime(30_000);
    expect(shown()).toEqual({ kind: 'offline', cause: 'server-unreachable' });
    expect(ua().link.drops).toBe(0);
    call.emit('ended', { originator: 'remote', cause: 'Terminated' });
    vi.advanceTimersByTime(1_000);
    expect(ua().link.drops).toBe(1);
  });

  it('after sleep, checks the connection and refreshes the registration once', () => {
    ua().connect();
    ua().emit('registered');
    // The server keeps talking for 40 s, long past JsSIP's own REGISTER on connect.
    for (let i = 0; i < 4; i += 1) {
      vi.advanceTimersByTime(10_000);
      ua().link.hear();
    }
    phone.systemResumed();
    phone.systemResumed();
    expect(ua().link.registers).toBe(1);
    expect(ua().link.probes).toBeGreaterThanOrEqual(1);
  });

  it('unregisters on quit: dispose stops the user agent and its watchdog', () => {
    ua().connect();
    phone.dispose();
    expect(ua().stopped).toBe(1);
    vi.advanceTimersByTime(120_000);
    expect(ua().link.probes).toBe(0);
  });
});

describe('media hook points', () => {
  it('hands every new call to onSession with its SIP Call-ID, even one refused at once', () => {
    ua().connect();
    ua().emit('registered');
    ua().emit('newRTCSession', {
      originator: 'remote',
      session: new FakeSession('s1', '0912345678'),
      request: { call_id: 'abc@pbx', getHeader: () => undefined, getHeaders: () => [] },
    });
    ua().ring(new FakeSession('s2', '0987654321'));
    expect(sessions).toEqual([
      { id: 's1', sipCallId: 'abc@pbx' },
      { id: 's2', sipCallId: undefined },
    ]);
  });

  it('answers with the chosen microphone', () => {
    ua().connect();
    const call = new FakeSession('c1', '0912345678');
    ua().ring(call);
    phone.answer();
    expect(call.answered[0]?.mediaConstraints).toEqual({ audio: { deviceId: { exact: 'mic-headset' } }, video: false });
  });
});
