import { bindPhone, initialPhoneState, phoneStoreSink, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import {
  DEFAULT_PHONE_PREFERENCES,
  type PhoneCall,
  type PhonePreferences,
} from '../../../src/renderer/src/sip/phone-state';
import type { RemoteAudioSink } from '../../../src/renderer/src/sip/remote-audio';
import { SipPhone } from '../../../src/renderer/src/sip/sip-phone';
import type { SipCredentials } from '../../../src/shared/contract';
import { FakeSession, FakeUserAgent } from './fake-user-agent';

export const CREDENTIALS: SipCredentials = {
  wsUrl: 'wss://sip.example.vn:7443',
  domain: 'agents.example.vn',
  user: '1001',
  password: 'pw-1001-secret',
  displayName: 'Lan',
  iceServers: [{ urls: 'stun:stun.example.vn:3478' }],
};

/** A SipPhone on a fake user agent, publishing into the real store, registered and ready. */
export interface PhoneHarness {
  readonly phone: SipPhone;
  readonly agents: FakeUserAgent[];
  /** What the remote-audio sink was last told: a stream, or null after stop(). */
  readonly audio: { playing: MediaStream | null; plays: number };
  ua(): FakeUserAgent;
  setPreferences(changes: Partial<PhonePreferences>): void;
  /** The call of this id as the store shows it; throws when it is not there. */
  call(id: string): PhoneCall;
  /** Rings `session` and answers it (200 OK): an established inbound call. */
  connect(session: FakeSession): void;
  dispose(): void;
}

export function createPhoneHarness(now: () => number = Date.now): PhoneHarness {
  usePhoneStore.setState(initialPhoneState);
  const agents: FakeUserAgent[] = [];
  const audio = { playing: null as MediaStream | null, plays: 0 };
  const remoteAudio: RemoteAudioSink = {
    play: (stream) => {
      audio.playing = stream;
      audio.plays += 1;
    },
    stop: () => {
      audio.playing = null;
    },
  };
  const phone = new SipPhone({
    createUserAgent: (config) => {
      const agent = new FakeUserAgent(config);
      agents.push(agent);
      return agent;
    },
    sink: phoneStoreSink,
    remoteAudio,
    now,
  });
  const unbind = bindPhone(phone);
  let preferences: PhonePreferences = DEFAULT_PHONE_PREFERENCES;
  phone.setPreferences(preferences);
  phone.configure(CREDENTIALS);
  const ua = (): FakeUserAgent => {
    const last = agents.at(-1);
    if (!last) throw new Error('no user agent was created');
    return last;
  };
  ua().emit('registered');
  return {
    phone,
    agents,
    audio,
    ua,
    setPreferences(changes) {
      preferences = { ...preferences, ...changes };
      phone.setPreferences(preferences);
    },
    call(id) {
      const found = usePhoneStore.getState().calls.find((c) => c.id === id);
      if (!found) throw new Error(`no call ${id} in the store`);
      return found;
    },
    connect(session) {
      ua().ring(session);
      usePhoneStore.getState().answer(session.id);
      session.accept();
    },
    dispose() {
      unbind();
      phone.dispose();
    },
  };
}

/** The store's state, read fresh. */
export const phoneState = () => usePhoneStore.getState();

/** Lets queued microtasks run (auto-answer waits for JsSIP to finish with the INVITE). */
export const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
