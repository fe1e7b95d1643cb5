import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeCall } from '../../../src/renderer/src/sip/phone-relay';
import { selectRinger } from '../../../src/renderer/src/sip/phone-store';
import { FakeSession } from '../sip/fake-user-agent';
import { createPhoneHarness, flush, phoneState, type PhoneHarness } from '../sip/phone-harness';

const BUSY_HERE = { status_code: 486, reason_phrase: 'Busy Here' };

let harness: PhoneHarness;
let first: FakeSession;
beforeEach(() => {
  harness = createPhoneHarness();
  first = new FakeSession('c1', '0912345678', 'Mai');
  harness.connect(first);
});
afterEach(() => harness.dispose());

describe('call waiting', () => {
  it('a second call while one is live rings with its caller and the short waiting tone', () => {
    expect(selectRinger(phoneState())).toBeNull();
    const second = new FakeSession('c2', '0987654321', 'Bình');
    harness.ua().ring(second);
    expect(second.terminated).toEqual([]);
    expect(harness.call('c2')).toEqual({
      id: 'c2',
      direction: 'inbound',
      remote: { number: '0987654321', name: 'Bình' },
      status: { kind: 'ringing', autoAnswer: false, ringStyle: 'waiting' },
    });
    expect(selectRinger(phoneState())).toBe('waiting');
    // The agent's keys still go to the call they are on; the popup is told what rings.
    expect(phoneState().focusedId).toBe('c1');
    expect(summarizeCall(phoneState())).toMatchObject({ ringing: { id: 'c2', number: '0987654321' }, inCall: true });
  });

  it('answering it holds the first; the agent swaps between them, Resume holding the other', () => {
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second);
    phoneState().answer();
    expect(first.holds).toEqual(['hold']);
    expect(second.answered).toHaveLength(1);
    second.accept();
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: true });
    expect(harness.call('c2').status).toMatchObject({ kind: 'in-call', held: false });
    expect(phoneState().focusedId).toBe('c2');

    phoneState().toggleHold('c1');
    expect(second.holds).toEqual(['hold']);
    expect(first.holds).toEqual(['hold', 'unhold']);
    expect(harness.call('c1').status).toMatchObject({ held: false });
    expect(harness.call('c2').status).toMatchObject({ held: true });
    expect(phoneState().focusedId).toBe('c1');
  });

  it('the held call comes back to the front once the other one ends, without resuming by itself', () => {
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second);
    phoneState().answer('c2');
    second.accept();
    second.emit('ended', { originator: 'remote', cause: 'Terminated' });
    expect(phoneState().focusedId).toBe('c1');
    expect(harness.call('c1').status).toMatchObject({ held: true });
  });

  it('the waiting call rings at full volume once the live call ends', () => {
    harness.ua().ring(new FakeSession('c2', '0987654321'));
    first.emit('ended', { originator: 'remote', cause: 'Terminated' });
    expect(harness.call('c2').status).toMatchObject({ kind: 'ringing', ringStyle: 'full' });
    expect(selectRinger(phoneState())).toBe('full');
  });

  it('a third call is refused 486 Busy Here', () => {
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second);
    const third = new FakeSession('c3', '0911111111');
    harness.ua().ring(third);
    expect(third.terminated).toEqual([BUSY_HERE]);
    phoneState().answer('c2');
    second.accept();
    const fourth = new FakeSession('c4', '0922222222');
    harness.ua().ring(fourth);
    expect(fourth.terminated).toEqual([BUSY_HERE]);
    expect(phoneState().calls.map((c) => c.id)).toEqual(['c1', 'c2']);
  });

  it('with call waiting off, a second call is refused 486 Busy Here', () => {
    harness.setPreferences({ callWaiting: false });
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second);
    expect(second.terminated).toEqual([BUSY_HERE]);
    expect(phoneState().calls.map((c) => c.id)).toEqual(['c1']);
  });

  it('with do-not-disturb on, a second call is refused 486 Busy Here', () => {
    harness.setPreferences({ dnd: true });
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second);
    expect(second.terminated).toEqual([BUSY_HERE]);
  });

  it('never answers a waiting call by itself, not even the callback of a click-to-call or an intercom call', async () => {
    harness.setPreferences({ autoAnswerIntercom: true });
    harness.phone.expectClickToCallCallback();
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second, { 'Call-Info': ['<sip:pbx>;answer-after=0'] });
    await flush();
    expect(second.answered).toEqual([]);
    expect(harness.call('c2').status).toMatchObject({ kind: 'ringing', autoAnswer: false });
    expect(first.holds).toEqual([]);
    // The click-to-call's callback was not used up by the waiting call.
    phoneState().decline('c2');
    first.emit('ended', { originator: 'remote', cause: 'Terminated' });
    const callback = new FakeSession('c3', '0987654321');
    harness.ua().ring(callback);
    await flush();
    expect(callback.answered).toHaveLength(1);
  });

  it('declining the waiting call leaves the live one as it was', () => {
    const second = new FakeSession('c2', '0987654321');
    harness.ua().ring(second);
    phoneState().decline();
    expect(second.terminated).toEqual([{ status_code: 603, reason_phrase: 'Decline' }]);
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: false });
    expect(first.holds).toEqual([]);
  });

  it('plays the audio of the call the agent talks on', () => {
    const streams = new Map<string, MediaStream>();
    const trackOf = (id: string) => ({ id, kind: 'audio' }) as MediaStreamTrack;
    // A connection whose receivers give a track: what JsSIP has once the media is up.
    const connect = (session: FakeSession): void => {
      session.connection = {
        getReceivers: () => [{ track: trackOf(session.id) }],
        addEventListener: () => undefined,
      } as unknown as RTCPeerConnection;
    };
    class FakeStream {
      constructor(readonly tracks: MediaStreamTrack[]) {
        streams.set(tracks[0]?.id ?? '', this as unknown as MediaStream);
      }
    }
    const original = globalThis.MediaStream;
    globalThis.MediaStream = FakeStream as unknown as typeof MediaStream;
    try {
      connect(first);
      first.emit('confirmed');
      expect(harness.audio.playing).toBe(streams.get('c1'));
      const second = new FakeSession('c2', '0987654321');
      harness.ua().ring(second);
      phoneState().answer('c2');
      expect(harness.audio.playing, 'the held call is not heard').toBeNull();
      connect(second);
      second.accept();
      expect(harness.audio.playing).toBe(streams.get('c2'));
      phoneState().toggleHold('c1');
      expect(harness.audio.playing).toBe(streams.get('c1'));
    } finally {
      globalThis.MediaStream = original;
    }
  });
});
