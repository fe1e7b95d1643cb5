import { describe, expect, it } from 'vitest';
import type { CallStatus, PhoneCall, PhoneCallsState } from '../../../src/renderer/src/sip/phone-state';
import { Ringer, ringSoundFor, type RingerElement } from '../../../src/renderer/src/sip/ringer';

const call = (id: string, status: CallStatus): PhoneCall => ({
  id,
  direction: 'inbound',
  remote: { number: '0912345678' },
  status,
});
const state = (...calls: PhoneCall[]): PhoneCallsState => ({ calls, focusedId: calls[0]?.id ?? null });
const inCall: CallStatus = { kind: 'in-call', since: 0, muted: false, held: false, remoteHeld: false };

describe('what rings', () => {
  it('rings a call that rings in the normal way', () => {
    expect(ringSoundFor(state(call('a', { kind: 'ringing', autoAnswer: false, ringStyle: 'full' })))).toBe('ringtone');
  });
  it('beeps quietly for a call waiting behind a live one', () => {
    expect(
      ringSoundFor(state(call('a', inCall), call('b', { kind: 'ringing', autoAnswer: false, ringStyle: 'waiting' }))),
    ).toBe('call-waiting');
  });
  it('never rings a call answered by itself, nor once nothing rings', () => {
    expect(ringSoundFor(state(call('a', { kind: 'ringing', autoAnswer: true, ringStyle: 'full' })))).toBe('silent');
    expect(ringSoundFor(state(call('a', inCall)))).toBe('silent');
    expect(ringSoundFor(state(call('a', { kind: 'ended', reason: 'declined' })))).toBe('silent');
    expect(ringSoundFor(state())).toBe('silent');
  });
});

class FakeElement implements RingerElement {
  src = '';
  loop = false;
  currentTime = 0;
  paused = true;
  plays = 0;
  refuse = false;
  play(): Promise<void> {
    this.plays += 1;
    if (this.refuse)
      return Promise.reject(new DOMException('play() can only be initiated by a user gesture', 'NotAllowedError'));
    this.paused = false;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
}

const SOUNDS = { ringtone: '/assets/ringtone.wav', callWaiting: '/assets/call-waiting.wav' };

describe('Ringer', () => {
  it('loops the ringtone while a call rings and stops on answer', () => {
    const element = new FakeElement();
    const ringer = new Ringer(element, SOUNDS);
    ringer.play('ringtone');
    expect(element).toMatchObject({ src: '/assets/ringtone.wav', loop: true, paused: false });
    ringer.play('ringtone');
    expect(element.plays).toBe(1);
    ringer.play('silent');
    expect(element.paused).toBe(true);
    expect(ringer.sound).toBe('silent');
  });

  it('switches to the call-waiting beep', () => {
    const element = new FakeElement();
    const ringer = new Ringer(element, SOUNDS);
    ringer.play('call-waiting');
    expect(element.src).toBe('/assets/call-waiting.wav');
  });

  it('swallows an autoplay refusal (no unhandled rejection, no error)', async () => {
    const element = new FakeElement();
    element.refuse = true;
    const ringer = new Ringer(element, SOUNDS);
    expect(() => ringer.play('ringtone')).not.toThrow();
    // Vitest fails the run on an unhandled rejection: let it surface if there were one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(element.plays).toBe(1);
  });
});
