import { describe, expect, it } from 'vitest';
import {
  asksToAnswerItself,
  CALLBACK_WINDOW_MS,
  decideIncomingCall,
  PendingCallbacks,
  type AnswerItselfHeaders,
  type IncomingCallFacts,
} from '../../../src/renderer/src/sip/auto-answer';

const none: AnswerItselfHeaders = { callInfo: [], alertInfo: [] };

describe('asksToAnswerItself (intercom and paging markers)', () => {
  it('is false for an ordinary call', () => {
    expect(asksToAnswerItself(none)).toBe(false);
    expect(asksToAnswerItself({ ...none, callInfo: ['<http://pbx.example/photo.png>;purpose=icon'] })).toBe(false);
    expect(asksToAnswerItself({ ...none, alertInfo: ['<http://127.0.0.1/ring.wav>'] })).toBe(false);
  });

  it('follows Call-Info answer-after, whatever the delay and spacing', () => {
    expect(asksToAnswerItself({ ...none, callInfo: ['<sip:pbx.example>;answer-after=0'] })).toBe(true);
    expect(asksToAnswerItself({ ...none, callInfo: ['<sip:pbx.example>; Answer-After = 5'] })).toBe(true);
    expect(asksToAnswerItself({ ...none, callInfo: ['<sip:x>;purpose=icon', '<sip:y>;answer-after=0'] })).toBe(true);
  });

  it('does not mistake a longer parameter name or a missing delay for answer-after', () => {
    expect(asksToAnswerItself({ ...none, callInfo: ['<sip:x>;no-answer-after=0'] })).toBe(false);
    expect(asksToAnswerItself({ ...none, callInfo: ['<sip:x>;answer-after='] })).toBe(false);
  });

  it('follows Alert-Info auto-answer, auto_answer and intercom', () => {
    expect(
      asksToAnswerItself({ ...none, alertInfo: ['<http://www.notused.com>;info=alert-autoanswer;auto-answer'] }),
    ).toBe(true);
    expect(asksToAnswerItself({ ...none, alertInfo: ['auto_answer'] })).toBe(true);
    expect(asksToAnswerItself({ ...none, alertInfo: ['<uri>;info=Intercom'] })).toBe(true);
  });
});

describe('PendingCallbacks: one callback per click-to-call request, within the window', () => {
  it('claims a request once, within the window only', () => {
    const pending = new PendingCallbacks();
    pending.expect(1_000);
    expect(pending.claim(1_000 + CALLBACK_WINDOW_MS)).toBe(true);
    expect(pending.claim(1_000 + CALLBACK_WINDOW_MS)).toBe(false);

    pending.expect(5_000);
    expect(pending.claim(5_000 + CALLBACK_WINDOW_MS + 1)).toBe(false);
  });

  it('two requests allow two callbacks; a cancelled request (it failed) allows none', () => {
    const pending = new PendingCallbacks();
    pending.expect(0);
    const failed = pending.expect(0);
    pending.cancel(failed);
    expect(pending.claim(10)).toBe(true);
    expect(pending.claim(10)).toBe(false);
    pending.expect(20);
    pending.expect(20);
    expect([pending.claim(30), pending.claim(30), pending.claim(30)]).toEqual([true, true, false]);
  });
});

describe('decideIncomingCall', () => {
  const facts = (extra: Partial<IncomingCallFacts> = {}): IncomingCallFacts => ({
    busy: false,
    waitingAllowed: false,
    dnd: false,
    isOwnCallback: false,
    asksToAnswerItself: false,
    autoAnswerClickToCall: true,
    autoAnswerIntercom: false,
    ...extra,
  });

  it('a marked call without a pending click-to-call rings and waits for the agent', () => {
    expect(decideIncomingCall(facts({ asksToAnswerItself: true }))).toEqual({ kind: 'ring', autoAnswer: false });
  });

  it('the callback of the agent own click-to-call is answered, marker or not, even under DND', () => {
    const answered = { kind: 'ring', autoAnswer: true, because: 'own-callback' };
    expect(decideIncomingCall(facts({ isOwnCallback: true }))).toEqual(answered);
    expect(decideIncomingCall(facts({ isOwnCallback: true, asksToAnswerItself: true }))).toEqual(answered);
    expect(decideIncomingCall(facts({ isOwnCallback: true, dnd: true }))).toEqual(answered);
    expect(decideIncomingCall(facts({ isOwnCallback: true, autoAnswerClickToCall: false }))).toEqual({
      kind: 'ring',
      autoAnswer: false,
    });
  });

  it('intercom calls answer themselves only with their own setting, and never under DND', () => {
    expect(decideIncomingCall(facts({ asksToAnswerItself: true, autoAnswerIntercom: true }))).toEqual({
      kind: 'ring',
      autoAnswer: true,
      because: 'intercom',
    });
    expect(decideIncomingCall(facts({ asksToAnswerItself: true, autoAnswerIntercom: true, dnd: true }))).toEqual({
      kind: 'refuse-busy',
    });
    expect(decideIncomingCall(facts({ autoAnswerIntercom: true }))).toEqual({ kind: 'ring', autoAnswer: false });
  });

  it('nothing answers itself while another call rings or is live', () => {
    expect(decideIncomingCall(facts({ busy: true, isOwnCallback: true }))).toEqual({ kind: 'refuse-busy' });
    expect(decideIncomingCall(facts({ busy: true, asksToAnswerItself: true, autoAnswerIntercom: true }))).toEqual({
      kind: 'refuse-busy',
    });
    // With room for a waiting call: it rings, and still never answers itself.
    const waiting = { busy: true, waitingAllowed: true };
    expect(decideIncomingCall(facts({ ...waiting, isOwnCallback: true }))).toEqual({ kind: 'ring', autoAnswer: false });
    expect(decideIncomingCall(facts({ ...waiting, asksToAnswerItself: true, autoAnswerIntercom: true }))).toEqual({
      kind: 'ring',
      autoAnswer: false,
    });
  });

  it('a waiting call is refused 486 under do-not-disturb, and when waiting is not allowed', () => {
    expect(decideIncomingCall(facts({ busy: true, waitingAllowed: true, dnd: true }))).toEqual({ kind: 'refuse-busy' });
    expect(decideIncomingCall(facts({ busy: true, waitingAllowed: false }))).toEqual({ kind: 'refuse-busy' });
    expect(decideIncomingCall(facts({ busy: false, waitingAllowed: true }))).toEqual({
      kind: 'ring',
      autoAnswer: false,
    });
  });
});
