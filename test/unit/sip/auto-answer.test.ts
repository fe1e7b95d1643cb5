import { describe, expect, it } from 'vitest';
import { asksForAutoAnswer, type AutoAnswerHeaders } from '../../../src/renderer/src/sip/auto-answer';

const none: AutoAnswerHeaders = { callInfo: [], alertInfo: [], clickToCall: [] };

describe('asksForAutoAnswer', () => {
  it('is false for an ordinary call', () => {
    expect(asksForAutoAnswer(none)).toBe(false);
    expect(asksForAutoAnswer({ ...none, callInfo: ['<http://pbx.example/photo.png>;purpose=icon'] })).toBe(false);
    expect(asksForAutoAnswer({ ...none, alertInfo: ['<http://127.0.0.1/ring.wav>'] })).toBe(false);
  });

  it('follows Call-Info answer-after, whatever the delay and spacing', () => {
    expect(asksForAutoAnswer({ ...none, callInfo: ['<sip:pbx.example>;answer-after=0'] })).toBe(true);
    expect(asksForAutoAnswer({ ...none, callInfo: ['<sip:pbx.example>; Answer-After = 5'] })).toBe(true);
    expect(asksForAutoAnswer({ ...none, callInfo: ['<sip:x>;purpose=icon', '<sip:y>;answer-after=0'] })).toBe(true);
  });

  it('does not mistake a longer parameter name or a missing delay for answer-after', () => {
    expect(asksForAutoAnswer({ ...none, callInfo: ['<sip:x>;no-answer-after=0'] })).toBe(false);
    expect(asksForAutoAnswer({ ...none, callInfo: ['<sip:x>;answer-after='] })).toBe(false);
  });

  it('follows Alert-Info auto-answer, auto_answer and intercom', () => {
    expect(
      asksForAutoAnswer({ ...none, alertInfo: ['<http://www.notused.com>;info=alert-autoanswer;auto-answer'] }),
    ).toBe(true);
    expect(asksForAutoAnswer({ ...none, alertInfo: ['auto_answer'] })).toBe(true);
    expect(asksForAutoAnswer({ ...none, alertInfo: ['<uri>;info=Intercom'] })).toBe(true);
  });

  it('follows the AntBuddy click-to-call marker unless it is switched off', () => {
    expect(asksForAutoAnswer({ ...none, clickToCall: ['1'] })).toBe(true);
    expect(asksForAutoAnswer({ ...none, clickToCall: ['true'] })).toBe(true);
    expect(asksForAutoAnswer({ ...none, clickToCall: ['0'] })).toBe(false);
    expect(asksForAutoAnswer({ ...none, clickToCall: [' false '] })).toBe(false);
    expect(asksForAutoAnswer({ ...none, clickToCall: [''] })).toBe(false);
  });
});
