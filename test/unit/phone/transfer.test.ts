import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveColleague, sipUserFor } from '../../../src/renderer/src/sip/transfer';
import { FakeSession } from '../sip/fake-user-agent';
import { createPhoneHarness, phoneState, type PhoneHarness } from '../sip/phone-harness';

let harness: PhoneHarness;
let caller: FakeSession;
beforeEach(() => {
  harness = createPhoneHarness();
  caller = new FakeSession('c1', '0912345678', 'Mai');
  harness.connect(caller);
});
afterEach(() => harness.dispose());

describe('blind transfer', () => {
  it('sends REFER to sip:<target>@<domain>, the number normalised, and keeps the call until the NOTIFY says 200', () => {
    expect(phoneState().blindTransfer('0987 654-321')).toEqual({ ok: true, value: undefined });
    expect(caller.refers.map((r) => [r.target, r.replaces])).toEqual([['sip:0987654321@agents.example.vn', undefined]]);
    expect(harness.call('c1').transfer).toEqual({ kind: 'blind', target: '0987654321' });

    const refer = caller.lastRefer().subscriber;
    refer.requestSucceeded();
    refer.notify(100);
    refer.notify(180);
    expect(caller.terminated, 'the REFER was only accepted for processing').toEqual([]);
    expect(harness.call('c1').status.kind).toBe('in-call');

    refer.notify(200);
    expect(caller.terminated).toEqual([undefined]);
    expect(harness.call('c1').status).toEqual({ kind: 'ended', reason: 'transferred' });
  });

  it('a NOTIFY with a failure keeps the call and says why', () => {
    phoneState().blindTransfer('8002');
    const refer = caller.lastRefer().subscriber;
    refer.requestSucceeded();
    refer.notify(486);
    expect(caller.terminated).toEqual([]);
    expect(harness.call('c1').status.kind).toBe('in-call');
    expect(harness.call('c1').transfer).toEqual({ kind: 'failed', target: '8002', sipStatus: 486 });
    // A late success for a transfer already reported failed changes nothing.
    refer.notify(200);
    expect(caller.terminated).toEqual([]);
  });

  it('a REFER refused outright keeps the call', () => {
    phoneState().blindTransfer('8002');
    caller.lastRefer().subscriber.requestFailed(603);
    expect(harness.call('c1').status.kind).toBe('in-call');
    expect(harness.call('c1').transfer).toEqual({ kind: 'failed', target: '8002', sipStatus: 603 });
  });

  it('refuses a target that is not a number or a SIP user, without sending anything', () => {
    expect(phoneState().blindTransfer('')).toEqual({ ok: false, error: 'empty' });
    expect(phoneState().blindTransfer('sip:evil@example.com;transport=tcp')).toEqual({ ok: false, error: 'invalid' });
    expect(phoneState().blindTransfer('8002?Replaces=x')).toEqual({ ok: false, error: 'invalid' });
    expect(caller.refers).toEqual([]);
  });

  it('a held call can be transferred and stays held if the transfer fails', () => {
    phoneState().toggleHold();
    phoneState().blindTransfer('8002');
    caller.lastRefer().subscriber.notify(503);
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: true });
    expect(caller.holds).toEqual(['hold']);
  });
});

describe('attended transfer', () => {
  const consult = (): FakeSession => {
    expect(phoneState().consult('8002')).toEqual({ ok: true, value: undefined });
    const placed = harness.ua().lastPlaced();
    expect(placed.target).toBe('sip:8002@agents.example.vn');
    expect(placed.options.mediaConstraints).toEqual({ audio: true, video: false });
    return placed.session;
  };

  it('consulting holds the caller and calls the target on a second line', () => {
    const target = consult();
    expect(caller.holds).toEqual(['hold']);
    expect(harness.call('c1')).toMatchObject({
      status: { kind: 'in-call', held: true },
      transfer: { kind: 'consulting', target: '8002', consultId: target.id },
    });
    expect(harness.call(target.id)).toMatchObject({
      direction: 'outbound',
      remote: { number: '8002' },
      consultFor: 'c1',
      status: { kind: 'dialing', progress: 'trying' },
    });
    expect(phoneState().focusedId).toBe(target.id);
    target.emit('progress', { originator: 'remote', response: { status_code: 180 } });
    expect(harness.call(target.id).status).toEqual({ kind: 'dialing', progress: 'ringing' });
  });

  it('complete sends the caller a REFER with Replaces naming the consultation, and both legs end once it is accepted', () => {
    const target = consult();
    target.accept();
    phoneState().completeTransfer();
    const refer = caller.lastRefer();
    expect(refer.target).toBe('sip:8002@agents.example.vn');
    expect(refer.replaces).toBe(target);
    expect(harness.call('c1').transfer).toMatchObject({ kind: 'completing' });
    expect(caller.terminated).toEqual([]);

    // The target hangs up on the replaced leg first: expected, the caller is not resumed.
    target.emit('ended', { originator: 'remote', cause: 'Terminated' });
    expect(caller.holds).toEqual(['hold']);
    refer.subscriber.notify(200);
    expect(caller.terminated).toEqual([undefined]);
    expect(harness.call('c1').status).toEqual({ kind: 'ended', reason: 'transferred' });
    expect(harness.call(target.id).status).toEqual({ kind: 'ended', reason: 'transferred' });
  });

  it('"Complete transfer" waits for the target to answer', () => {
    const target = consult();
    phoneState().completeTransfer(target.id);
    expect(caller.refers).toEqual([]);
  });

  it('back to caller ends the consultation and resumes the caller', () => {
    const target = consult();
    target.accept();
    phoneState().backToCaller();
    expect(target.terminated).toEqual([undefined]);
    expect(harness.call(target.id).status).toEqual({ kind: 'ended', reason: 'local-hangup' });
    expect(caller.holds).toEqual(['hold', 'unhold']);
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: false });
    expect(harness.call('c1').transfer).toBeUndefined();
  });

  it('a refused REFER keeps the call and resumes the caller; the consultation waits on hold', () => {
    const target = consult();
    target.accept();
    phoneState().completeTransfer();
    caller.lastRefer().subscriber.notify(603);
    expect(caller.terminated).toEqual([]);
    expect(harness.call('c1')).toMatchObject({
      status: { kind: 'in-call', held: false },
      transfer: { kind: 'failed', target: '8002', sipStatus: 603 },
    });
    expect(target.holds).toEqual(['hold']);
    expect(harness.call(target.id).consultFor).toBeUndefined();
  });

  it('a target that does not answer brings the agent back to the caller', () => {
    const target = consult();
    target.emit('failed', { originator: 'remote', cause: 'Busy', message: { status_code: 486 } });
    expect(harness.call(target.id).status).toEqual({ kind: 'ended', reason: 'refused', sipStatus: 486 });
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: false });
    expect(harness.call('c1').transfer).toBeUndefined();
  });

  it('a caller who hangs up while on hold leaves the consultation as an ordinary call', () => {
    const target = consult();
    target.accept();
    caller.emit('ended', { originator: 'remote', cause: 'Terminated' });
    expect(harness.call(target.id).consultFor).toBeUndefined();
    expect(harness.call(target.id).status).toMatchObject({ kind: 'in-call', held: false });
  });
});

describe('transfer targets', () => {
  it('keep digits and a leading + of a number, and a SIP user name as typed', () => {
    expect(sipUserFor(' +84 (28) 3822-1234 ')).toEqual({ ok: true, value: '+842838221234' });
    expect(sipUserFor('8002')).toEqual({ ok: true, value: '8002' });
    expect(sipUserFor('agent8002')).toEqual({ ok: true, value: 'agent8002' });
    expect(sipUserFor('lan@evil.example')).toEqual({ ok: false, error: 'invalid' });
    expect(sipUserFor('12+34')).toEqual({ ok: false, error: 'invalid' });
    expect(sipUserFor('   ')).toEqual({ ok: false, error: 'empty' });
  });

  it('a colleague named in full becomes their extension', () => {
    const colleagues = [{ name: 'Trần Văn Bình', extensions: ['8002'], username: 'binh' }];
    expect(resolveColleague('trần văn bình', colleagues)).toBe('8002');
    expect(resolveColleague('8003', colleagues)).toBe('8003');
    expect(resolveColleague('Lan', [{ name: 'Lan', extensions: [], username: 'lan' }])).toBe('lan');
  });
});
