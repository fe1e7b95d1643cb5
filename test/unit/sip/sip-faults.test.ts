import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEDIA_LOST_AFTER_MS } from '../../../src/renderer/src/sip/media-path-watch';
import { guardOwnTerminate } from '../../../src/renderer/src/sip/session-actions';
import { createPhoneHarness, phoneState, type PhoneHarness } from './phone-harness';
import { FakeSession } from './fake-user-agent';

/**
 * The soak test's findings in the phone (issue 11): actions on a session JsSIP had already
 * terminated threw INVALID_STATE_ERROR into the page, and a call whose far end hung up while
 * the SIP connection was away stayed "on the call" forever.
 */

/** What JsSIP throws for any action on a terminated RTCSession (lib/Exceptions.js). */
function invalidStatus8(): Error {
  return Object.assign(new Error('Invalid status: 8'), { name: 'INVALID_STATE_ERROR', code: 2, status: 8 });
}

/**
 * A session JsSIP terminates behind the phone's back (a BYE or CANCEL crossing the agent's
 * click, before its event was handled): once `gone`, every action throws, and isEnded() was not
 * asked in time. The worst case: only the exception tells.
 */
class TerminatedSession extends FakeSession {
  gone = false;
  /** Actions attempted after JsSIP had terminated the session. */
  attempts: string[] = [];
  private refuse(action: string): void {
    if (!this.gone) return;
    this.attempts.push(action);
    throw invalidStatus8();
  }
  override terminate(options?: Parameters<FakeSession['terminate']>[0]): void {
    this.refuse('terminate');
    super.terminate(options);
  }
  override answer(options: Parameters<FakeSession['answer']>[0]): void {
    this.refuse('answer');
    super.answer(options);
  }
  override hold(): boolean {
    this.refuse('hold');
    return super.hold();
  }
  override unhold(): boolean {
    this.refuse('unhold');
    return super.unhold();
  }
  override mute(): void {
    this.refuse('mute');
    super.mute();
  }
  override unmute(): void {
    this.refuse('unmute');
    super.unmute();
  }
  override refer(target: string): unknown {
    this.refuse('refer');
    return super.refer(target);
  }
}

/** Just enough RTCPeerConnection for the media-path watch: its two states and their events. */
class FakePeerConnection extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'connected';
  connectionState: RTCPeerConnectionState = 'connected';
  getReceivers(): RTCRtpReceiver[] {
    return [];
  }
  getSenders(): RTCRtpSender[] {
    return [];
  }
  /** The browser reports a new ICE (and peer) state. */
  ice(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
    this.connectionState =
      state === 'completed' || state === 'checking' ? 'connected' : (state as RTCPeerConnectionState);
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

let harness: PhoneHarness;

beforeEach(() => {
  vi.useFakeTimers();
  harness = createPhoneHarness();
});

afterEach(() => {
  harness.dispose();
  vi.useRealTimers();
});

/** An inbound call answered here, with its peer connection, established (ACK received). */
function establishedCall(session: FakeSession): FakePeerConnection {
  const pc = new FakePeerConnection();
  harness.ua().ring(session);
  harness.phone.answer(session.id);
  session.connection = pc as unknown as RTCPeerConnection;
  session.emit('peerconnection', { peerconnection: pc });
  session.accept();
  expect(harness.call(session.id).status.kind).toBe('in-call');
  return pc;
}

function endReason(id: string): string | undefined {
  const status = harness.call(id).status;
  return status.kind === 'ended' ? status.reason : undefined;
}

describe('actions on a session JsSIP already terminated (INVALID_STATE_ERROR: Invalid status: 8)', () => {
  it('decline: nothing is thrown, and the call ends as declined', () => {
    const session = new TerminatedSession('in-1', '0901000001');
    harness.ua().ring(session);
    session.gone = true;
    expect(() => harness.phone.decline('in-1')).not.toThrow();
    expect(session.attempts).toEqual(['terminate']);
    expect(endReason('in-1')).toBe('declined');
  });

  it('hang up a live call: nothing is thrown, and the call ends', () => {
    const session = new TerminatedSession('in-2', '0901000002');
    harness.ua().ring(session);
    harness.phone.answer('in-2');
    session.accept();
    session.gone = true;
    expect(() => harness.phone.hangup('in-2')).not.toThrow();
    expect(session.attempts).toEqual(['terminate']);
    expect(endReason('in-2')).toBe('local-hangup');
  });

  it('answer: nothing is thrown, and the call ends as failed instead of "answering" for good', () => {
    const session = new TerminatedSession('in-3', '0901000003');
    harness.ua().ring(session);
    session.gone = true;
    expect(() => harness.phone.answer('in-3')).not.toThrow();
    expect(endReason('in-3')).toBe('failed');
  });

  it('hold, mute and transfer: nothing is thrown, the call stays as it was', () => {
    const session = new TerminatedSession('in-4', '0901000004');
    harness.ua().ring(session);
    harness.phone.answer('in-4');
    session.accept();
    session.gone = true;
    expect(() => harness.phone.toggleHold('in-4')).not.toThrow();
    expect(() => harness.phone.toggleMute('in-4')).not.toThrow();
    expect(harness.call('in-4').status).toMatchObject({ kind: 'in-call', held: false, muted: false });
    expect(harness.phone.blindTransfer('1002', 'in-4')).toEqual({ ok: false, error: 'not-possible' });
    expect(harness.call('in-4').transfer).toBeUndefined();
    expect(session.attempts).toEqual(['hold', 'mute', 'refer']);
  });

  it('the phone stops (terminateAll, e.g. the SIP account removed): nothing is thrown, every call ends', () => {
    const first = new TerminatedSession('in-5', '0901000005');
    const second = new TerminatedSession('in-6', '0901000006');
    harness.ua().ring(first);
    harness.phone.answer('in-5');
    first.accept();
    harness.ua().ring(second);
    first.gone = true;
    second.gone = true;
    expect(() => harness.phone.configure(null)).not.toThrow();
    expect([first.attempts, second.attempts]).toEqual([['terminate'], ['terminate']]);
    // The phone without an account shows no calls; none is left open behind the scenes either.
    expect(phoneState().calls.filter((c) => c.status.kind !== 'ended')).toEqual([]);
  });

  it('a transfer accepted after the far end had ended the session (handOver): nothing is thrown, the call ends transferred', () => {
    const session = new FakeSession('in-7', '0901000007');
    harness.ua().ring(session);
    harness.phone.answer('in-7');
    session.accept();
    expect(harness.phone.blindTransfer('1002', 'in-7').ok).toBe(true);
    const { subscriber } = session.lastRefer();
    session.terminate = () => {
      throw invalidStatus8();
    };
    expect(() => subscriber.notify(200)).not.toThrow();
    expect(endReason('in-7')).toBe('transferred');
  });

  it('a third call refused busy whose session already ended: nothing is thrown', () => {
    harness.setPreferences({ callWaiting: false });
    establishedCall(new FakeSession('in-8', '0901000008'));
    const third = new TerminatedSession('in-9', '0901000009');
    third.gone = true;
    expect(() => harness.ua().ring(third)).not.toThrow();
    expect(third.attempts).toEqual(['terminate']);
    expect(phoneState().calls.map((c) => c.id)).toEqual(['in-8']);
  });

  it('a session JsSIP reports ended (isEnded) is not acted on at all', () => {
    const session = new FakeSession('in-10', '0901000010');
    harness.ua().ring(session);
    session.ended = true;
    harness.phone.decline('in-10');
    expect(session.terminated).toEqual([]);
    expect(endReason('in-10')).toBe('declined');
  });
});

describe('the media path of a call is lost', () => {
  it('ICE failed: the call ends as connection lost, and its session is terminated', () => {
    const session = new FakeSession('in-20', '0901000020');
    const pc = establishedCall(session);
    pc.ice('failed');
    expect(endReason('in-20')).toBe('connection-lost');
    expect(session.terminated).toHaveLength(1);
    expect(harness.phone.liveConnection()).toBeNull();
  });

  it('disconnected for longer than the grace: the call ends as connection lost, not a moment before', () => {
    const session = new FakeSession('in-21', '0901000021');
    const pc = establishedCall(session);
    pc.ice('disconnected');
    vi.advanceTimersByTime(MEDIA_LOST_AFTER_MS - 1);
    expect(harness.call('in-21').status.kind).toBe('in-call');
    vi.advanceTimersByTime(1);
    expect(endReason('in-21')).toBe('connection-lost');
    expect(session.terminated).toHaveLength(1);
  });

  it('a short blip (disconnected, then connected again) does not end the call', () => {
    const session = new FakeSession('in-22', '0901000022');
    const pc = establishedCall(session);
    pc.ice('disconnected');
    vi.advanceTimersByTime(MEDIA_LOST_AFTER_MS / 2);
    pc.ice('connected');
    vi.advanceTimersByTime(MEDIA_LOST_AFTER_MS * 3);
    expect(harness.call('in-22').status.kind).toBe('in-call');
    expect(session.terminated).toEqual([]);
  });

  it('lost while JsSIP had already terminated the session: nothing is thrown, the call ends', () => {
    const session = new TerminatedSession('in-23', '0901000023');
    const pc = establishedCall(session);
    session.gone = true;
    expect(() => pc.ice('failed')).not.toThrow();
    expect(session.attempts).toEqual(['terminate']);
    expect(endReason('in-23')).toBe('connection-lost');
  });

  it('a call already over is left alone when its connection closes afterwards', () => {
    const session = new FakeSession('in-24', '0901000024');
    const pc = establishedCall(session);
    session.emit('ended', { originator: 'remote', cause: 'Terminated' });
    pc.ice('disconnected');
    vi.advanceTimersByTime(MEDIA_LOST_AFTER_MS * 2);
    expect(endReason('in-24')).toBe('remote-hangup');
  });
});

describe('the signalling connection drops under a call (Kamailio restarted)', () => {
  it('an established call stays up: the media never passed through the SIP server', () => {
    const session = new FakeSession('in-30', '0901000030');
    establishedCall(session);
    harness.ua().emit('disconnected', { error: true });
    harness.ua().emit('registered');
    vi.advanceTimersByTime(MEDIA_LOST_AFTER_MS * 3);
    expect(harness.call('in-30').status.kind).toBe('in-call');
    expect(session.terminated).toEqual([]);
  });

  it('the far end hung up meanwhile (481 to an in-dialog request, JsSIP ends with Dialog Error): connection lost', () => {
    const session = new FakeSession('in-33', '0901000033');
    establishedCall(session);
    harness.ua().emit('disconnected', { error: true });
    harness.ua().emit('registered');
    session.emit('ended', { originator: 'local', cause: 'Dialog Error' });
    expect(endReason('in-33')).toBe('connection-lost');
  });

  it('a call still ringing cannot be answered any more (its INVITE died with the connection): it ends as connection lost', () => {
    const session = new FakeSession('in-34', '0901000034');
    harness.ua().ring(session);
    harness.ua().emit('disconnected', { error: true });
    expect(endReason('in-34')).toBe('connection-lost');
    harness.phone.answer('in-34');
    expect(session.answered).toEqual([]);
  });

  it('a call being answered (no 200 OK sent yet) ends as connection lost instead of "answering" forever', () => {
    const session = new FakeSession('in-35', '0901000035');
    harness.ua().ring(session);
    harness.phone.answer('in-35');
    expect(harness.call('in-35').status.kind).toBe('answering');
    harness.ua().emit('disconnected', { error: true });
    expect(endReason('in-35')).toBe('connection-lost');
  });

  it('JsSIP ending a call by itself for lost signalling (No ACK, Request Timeout) reads as connection lost', () => {
    const first = new FakeSession('in-36', '0901000036');
    establishedCall(first);
    first.emit('ended', { originator: 'remote', cause: 'No ACK' });
    expect(endReason('in-36')).toBe('connection-lost');
    const second = new FakeSession('in-37', '0901000037');
    establishedCall(second);
    second.emit('ended', { originator: 'local', cause: 'Request Timeout' });
    expect(endReason('in-37')).toBe('connection-lost');
  });
});

describe("JsSIP's own terminate() after a failed hold re-INVITE (soak: page error during call waiting and a network loss)", () => {
  /** JsSIP's RTCSession as it behaves: terminate() throws once terminated, and its hold-failed handler calls it again. */
  class JsSipLikeSession {
    status = 'confirmed';
    terminate(): void {
      if (this.status === 'terminated') throw invalidStatus8();
      this.status = 'terminated';
    }
    isEnded(): boolean {
      return this.status === 'terminated';
    }
    /** The re-INVITE died with the transport: JsSIP's transport error ends it, then the hold's `failed` handler. */
    holdFailedAfterTransportError(): void {
      this.terminate();
      this.terminate();
    }
  }

  it('unguarded, the second terminate() throws INVALID_STATE_ERROR', () => {
    expect(() => new JsSipLikeSession().holdFailedAfterTransportError()).toThrow('Invalid status: 8');
  });

  it('guarded as JsSIP creates the session, nothing is thrown and the session is terminated', () => {
    const session = new JsSipLikeSession();
    guardOwnTerminate(session);
    expect(() => session.holdFailedAfterTransportError()).not.toThrow();
    expect(session.isEnded()).toBe(true);
  });
});
