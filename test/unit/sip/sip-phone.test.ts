import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bindPhone, initialPhoneState, phoneStoreSink, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import type { RemoteAudioSink } from '../../../src/renderer/src/sip/remote-audio';
import { DEFAULT_PHONE_PREFERENCES, type CallStatus } from '../../../src/renderer/src/sip/phone-state';
import { SipPhone } from '../../../src/renderer/src/sip/sip-phone';
import type { SipCredentials } from '../../../src/shared/contract';
import { FakeSession, FakeUserAgent } from './fake-user-agent';

const CREDENTIALS: SipCredentials = {
  wsUrl: 'wss://sip.example.vn:7443',
  domain: 'agents.example.vn',
  user: '1001',
  password: 'pw-1001-secret',
  displayName: 'Lan',
  iceServers: [{ urls: 'stun:stun.example.vn:3478' }],
};

let agents: FakeUserAgent[];
let phone: SipPhone;
let unbind: () => void;
let clock: number;

const ua = (): FakeUserAgent => {
  const last = agents.at(-1);
  if (!last) throw new Error('no user agent was created');
  return last;
};
const state = () => usePhoneStore.getState();
/** The status of call `id` as the store shows it (undefined when it is not listed). */
const statusOf = (id: string): CallStatus | undefined => state().calls.find((c) => c.id === id)?.status;
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

beforeEach(() => {
  usePhoneStore.setState(initialPhoneState);
  agents = [];
  clock = 1_000_000;
  const audio: RemoteAudioSink = { play: () => undefined, stop: () => undefined };
  phone = new SipPhone({
    createUserAgent: (config) => {
      const agent = new FakeUserAgent(config);
      agents.push(agent);
      return agent;
    },
    sink: phoneStoreSink,
    remoteAudio: audio,
    now: () => clock,
  });
  unbind = bindPhone(phone);
});

afterEach(() => {
  unbind();
  phone.dispose();
});

describe('SipPhone registration', () => {
  it('stays unconfigured, without a user agent, while the credentials are incomplete', () => {
    phone.configure({ ...CREDENTIALS, password: '' });
    expect(agents).toHaveLength(0);
    expect(state().registration).toEqual({ kind: 'unconfigured' });
  });

  it('registers as sip:user@domain and follows JsSIP registration events', () => {
    phone.configure(CREDENTIALS);
    expect(ua().config).toEqual({
      wsUrl: 'wss://sip.example.vn:7443',
      uri: 'sip:1001@agents.example.vn',
      password: 'pw-1001-secret',
      displayName: 'Lan',
    });
    expect(ua().started).toBe(1);
    expect(state().registration).toEqual({ kind: 'registering' });

    ua().emit('registered');
    expect(state().registration).toEqual({ kind: 'registered' });

    ua().emit('registrationFailed', { cause: 'Authentication Error' });
    expect(state().registration).toEqual({ kind: 'failed', reason: 'Authentication Error' });
    expect(JSON.stringify(state())).not.toContain('pw-1001-secret');

    // A lost connection is offline (the phone reconnects by itself), not a refusal.
    ua().emit('disconnected', { error: true });
    expect(state().registration).toEqual({ kind: 'offline', cause: 'server-unreachable' });
  });

  it('registers again with new credentials and ignores the old user agent from then on', () => {
    phone.configure(CREDENTIALS);
    const first = ua();
    phone.configure(CREDENTIALS);
    expect(agents).toHaveLength(1);

    phone.configure({ ...CREDENTIALS, user: '1002' });
    expect(agents).toHaveLength(2);
    expect(first.stopped).toBe(1);
    expect(ua().config.uri).toBe('sip:1002@agents.example.vn');
    first.emit('registered');
    expect(state().registration).toEqual({ kind: 'registering' });
  });

  it('starts over when the network comes back, but not under a live call', () => {
    phone.configure(CREDENTIALS);
    phone.reconnect();
    expect(agents).toHaveLength(2);
    ua().ring(new FakeSession('c1', '0912345678'));
    phone.reconnect();
    expect(agents).toHaveLength(2);
  });

  it('turns a user agent that refuses the configuration into a failure without details', () => {
    const failing = new SipPhone({
      createUserAgent: () => {
        throw new Error('Invalid value "pw-1001-secret" for parameter "password"');
      },
      sink: phoneStoreSink,
      remoteAudio: { play: () => undefined, stop: () => undefined },
    });
    failing.configure(CREDENTIALS);
    expect(state().registration).toEqual({ kind: 'failed', reason: 'Configuration Error' });
  });
});

describe('SipPhone incoming calls', () => {
  beforeEach(() => {
    phone.configure(CREDENTIALS);
    ua().emit('registered');
  });

  it('rings with the caller, then answers with audio only and the ICE servers', () => {
    const session = new FakeSession('c1', '0912345678', 'Lê Thị Mai');
    ua().ring(session);
    expect(state().calls).toEqual([
      {
        id: 'c1',
        direction: 'inbound',
        remote: { number: '0912345678', name: 'Lê Thị Mai' },
        status: { kind: 'ringing', autoAnswer: false, ringStyle: 'full' },
      },
    ]);
    expect(state().focusedId).toBe('c1');
    expect(session.answered).toEqual([]);

    state().answer();
    expect(statusOf('c1')?.kind).toBe('answering');
    expect(session.answered).toEqual([
      {
        mediaConstraints: { audio: true, video: false },
        pcConfig: { iceServers: [{ urls: 'stun:stun.example.vn:3478' }] },
      },
    ]);

    session.emit('accepted');
    expect(state().calls).toEqual([
      {
        id: 'c1',
        direction: 'inbound',
        remote: { number: '0912345678', name: 'Lê Thị Mai' },
        status: { kind: 'in-call', since: clock, muted: false, held: false, remoteHeld: false },
      },
    ]);

    state().toggleMute();
    expect(statusOf('c1')).toMatchObject({ kind: 'in-call', muted: true });
    state().toggleMute();
    expect(statusOf('c1')).toMatchObject({ kind: 'in-call', muted: false });
    expect(session.mutes).toEqual(['mute', 'unmute']);

    session.emit('hold', { originator: 'remote' });
    expect(statusOf('c1')).toMatchObject({ kind: 'in-call', held: false, remoteHeld: true });
    session.emit('unhold', { originator: 'remote' });
    expect(statusOf('c1')).toMatchObject({ kind: 'in-call', remoteHeld: false });

    session.emit('ended', { originator: 'remote', cause: 'Terminated' });
    expect(statusOf('c1')).toEqual({ kind: 'ended', reason: 'remote-hangup' });
  });

  it('declines with 603 Decline', () => {
    const session = new FakeSession('c1', '0912345678');
    ua().ring(session);
    state().decline();
    expect(session.terminated).toEqual([{ status_code: 603, reason_phrase: 'Decline' }]);
    expect(session.answered).toEqual([]);
    expect(statusOf('c1')).toEqual({ kind: 'ended', reason: 'declined' });
  });

  it('hangs up a call in progress', () => {
    const session = new FakeSession('c1', '0912345678');
    ua().ring(session);
    state().answer();
    session.emit('accepted');
    state().hangup();
    expect(session.terminated).toEqual([undefined]);
    expect(statusOf('c1')).toEqual({ kind: 'ended', reason: 'local-hangup' });
  });

  it('reports a caller who gives up before the answer', () => {
    const session = new FakeSession('c1', '0912345678');
    ua().ring(session);
    session.emit('failed', { originator: 'remote', cause: 'Canceled' });
    expect(statusOf('c1')).toEqual({ kind: 'ended', reason: 'canceled' });
  });

  it('rejects a second call with 486 Busy Here while the first still rings, and keeps the first', () => {
    const first = new FakeSession('c1', '0912345678');
    const second = new FakeSession('c2', '0987654321');
    ua().ring(first);
    ua().ring(second);
    expect(second.terminated).toEqual([{ status_code: 486, reason_phrase: 'Busy Here' }]);
    expect(first.terminated).toEqual([]);
    expect(state().calls.map((c) => [c.id, c.status.kind])).toEqual([['c1', 'ringing']]);
  });

  it('takes a new call once the previous one ended', () => {
    const first = new FakeSession('c1', '0912345678');
    ua().ring(first);
    first.emit('failed', { originator: 'remote', cause: 'Canceled' });
    const second = new FakeSession('c2', '0987654321');
    ua().ring(second);
    expect(second.terminated).toEqual([]);
    expect(state().calls.map((c) => [c.id, c.status.kind])).toEqual([['c2', 'ringing']]);
    expect(statusOf('c2')).toMatchObject({ ringStyle: 'full' });
  });

  it('rejects every call with 486 while do-not-disturb is on', () => {
    phone.setPreferences({ ...DEFAULT_PHONE_PREFERENCES, dnd: true });
    const session = new FakeSession('c1', '0912345678');
    ua().ring(session);
    expect(session.terminated).toEqual([{ status_code: 486, reason_phrase: 'Busy Here' }]);
    expect(state().calls).toEqual([]);
  });

  it('a call marked auto-answer, without a click-to-call of this app, rings and waits for the agent', async () => {
    const markers: Record<string, string[]>[] = [
      { 'Call-Info': ['<sip:agents.example.vn>;answer-after=0'] },
      { 'Alert-Info': ['<http://x>;info=alert-autoanswer;auto-answer'] },
      { 'X-AntBuddy-ClickToCall': ['1'] },
    ];
    for (const headers of markers) {
      const session = new FakeSession(`marked-${Object.keys(headers)[0]}`, '0912345678');
      ua().ring(session, headers);
      await flush();
      expect(session.answered, JSON.stringify(headers)).toEqual([]);
      expect(statusOf(session.id)).toMatchObject({ kind: 'ringing', autoAnswer: false });
      phone.decline();
    }
  });

  it('answers the callback of its own click-to-call by itself, with or without a marker, once per request', async () => {
    phone.expectClickToCallCallback();
    const callback = new FakeSession('c1', '0912345678');
    ua().ring(callback);
    expect(statusOf('c1')).toMatchObject({ kind: 'ringing', autoAnswer: true });
    await flush();
    expect(callback.answered).toHaveLength(1);
    expect(statusOf('c1')?.kind).toBe('answering');
    callback.emit('ended', { originator: 'remote', cause: 'Terminated' });

    const next = new FakeSession('c2', '0912345678');
    ua().ring(next, { 'Call-Info': ['<sip:x>;answer-after=0'] });
    await flush();
    expect(next.answered, 'the request was used up by the first call').toEqual([]);
  });

  it('waits no longer than 30 s for the callback', async () => {
    phone.expectClickToCallCallback();
    clock += 30_001;
    const late = new FakeSession('c1', '0912345678');
    ua().ring(late, { 'X-AntBuddy-ClickToCall': ['1'] });
    await flush();
    expect(late.answered).toEqual([]);
  });

  it('a click-to-call request that failed expects no callback', async () => {
    const ticket = phone.expectClickToCallCallback();
    phone.cancelClickToCallCallback(ticket);
    const session = new FakeSession('c1', '0912345678');
    ua().ring(session);
    await flush();
    expect(session.answered).toEqual([]);
  });

  it('never answers by itself while another call rings', async () => {
    const first = new FakeSession('c1', '0912345678');
    ua().ring(first);
    phone.expectClickToCallCallback();
    const second = new FakeSession('c2', '0987654321');
    ua().ring(second);
    await flush();
    expect(second.answered).toEqual([]);
    expect(second.terminated).toEqual([{ status_code: 486, reason_phrase: 'Busy Here' }]);
    expect(first.answered).toEqual([]);
  });

  it('lets the agent answer the callback by hand when auto-answer is switched off', async () => {
    phone.setPreferences({ ...DEFAULT_PHONE_PREFERENCES, autoAnswerClickToCall: false });
    phone.expectClickToCallCallback();
    const session = new FakeSession('c1', '0912345678');
    ua().ring(session);
    await flush();
    expect(session.answered).toEqual([]);
    expect(statusOf('c1')).toMatchObject({ kind: 'ringing', autoAnswer: false });
  });

  it('answers intercom calls by themselves only with the intercom setting on', async () => {
    phone.setPreferences({ ...DEFAULT_PHONE_PREFERENCES, autoAnswerIntercom: true });
    const page = new FakeSession('c1', '8002');
    ua().ring(page, { 'Alert-Info': ['<uri>;info=intercom'] });
    await flush();
    expect(page.answered).toHaveLength(1);
  });

  it('lets the callback of a click-to-call the agent just placed through do-not-disturb', async () => {
    phone.setPreferences({ ...DEFAULT_PHONE_PREFERENCES, dnd: true });
    phone.expectClickToCallCallback();
    const callback = new FakeSession('c1', '0912345678');
    ua().ring(callback);
    await flush();
    expect(callback.terminated).toEqual([]);
    expect(callback.answered).toHaveLength(1);

    callback.emit('ended', { originator: 'remote', cause: 'Terminated' });
    clock += 1000;
    const later = new FakeSession('c2', '0912345678');
    ua().ring(later, { 'Alert-Info': ['auto-answer'] });
    expect(later.terminated).toEqual([{ status_code: 486, reason_phrase: 'Busy Here' }]);
  });
});
