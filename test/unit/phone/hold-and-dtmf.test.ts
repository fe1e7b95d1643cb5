import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseDtmfTransport, offersTelephoneEvent } from '../../../src/renderer/src/sip/dtmf';
import { FakeSession, fakeConnection, remoteSdp } from '../sip/fake-user-agent';
import { createPhoneHarness, phoneState, type PhoneHarness } from '../sip/phone-harness';

let harness: PhoneHarness;
beforeEach(() => {
  harness = createPhoneHarness();
});
afterEach(() => harness.dispose());

describe('hold and resume', () => {
  it('holds with a re-INVITE (JsSIP hold()) and resumes with unhold(), shown as held by us', () => {
    const session = new FakeSession('c1', '0912345678');
    harness.connect(session);
    phoneState().toggleHold();
    expect(session.holds).toEqual(['hold']);
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: true, remoteHeld: false });

    phoneState().toggleHold('c1');
    expect(session.holds).toEqual(['hold', 'unhold']);
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: false });
  });

  it('keeps the state as it was when JsSIP cannot hold now', () => {
    const session = new FakeSession('c1', '0912345678');
    harness.connect(session);
    session.holdWorks = false;
    phoneState().toggleHold();
    expect(harness.call('c1').status).toMatchObject({ kind: 'in-call', held: false });
  });

  it('tells our hold from the other side holding us', () => {
    const session = new FakeSession('c1', '0912345678');
    harness.connect(session);
    session.emit('hold', { originator: 'remote' });
    expect(harness.call('c1').status).toMatchObject({ held: false, remoteHeld: true });
    phoneState().toggleHold();
    expect(harness.call('c1').status).toMatchObject({ held: true, remoteHeld: true });
  });

  it('does nothing to a call that is not answered yet', () => {
    const session = new FakeSession('c1', '0912345678');
    harness.ua().ring(session);
    phoneState().toggleHold('c1');
    expect(session.holds).toEqual([]);
  });
});

describe('DTMF', () => {
  const connected = (sdp: string, dtmfSender = true): FakeSession => {
    const session = new FakeSession('c1', '19001234');
    harness.connect(session);
    session.connection = fakeConnection({ sdp, dtmfSender });
    return session;
  };

  it('sends RFC 2833 by default when the far end negotiated telephone-event', () => {
    const session = connected(remoteSdp(true));
    expect(phoneState().sendDtmf('5')).toBe(true);
    phoneState().sendDtmf('#', 'c1');
    expect(session.dtmf).toEqual([
      { tones: '5', transportType: 'RFC2833' },
      { tones: '#', transportType: 'RFC2833' },
    ]);
  });

  it('sends SIP INFO when the setting says so, even if telephone-event was negotiated', () => {
    harness.setPreferences({ dtmfMode: 'info' });
    const session = connected(remoteSdp(true));
    phoneState().sendDtmf('1');
    expect(session.dtmf).toEqual([{ tones: '1', transportType: 'INFO' }]);
  });

  it('falls back to SIP INFO when the far end did not negotiate telephone-event', () => {
    const session = connected(remoteSdp(false));
    phoneState().sendDtmf('9');
    expect(session.dtmf).toEqual([{ tones: '9', transportType: 'INFO' }]);
  });

  it('falls back to SIP INFO when this side has no DTMF sender', () => {
    const session = connected(remoteSdp(true), false);
    phoneState().sendDtmf('*');
    expect(session.dtmf).toEqual([{ tones: '*', transportType: 'INFO' }]);
  });

  it('sends nothing to a call that is not answered', () => {
    const session = new FakeSession('c1', '0912345678');
    harness.ua().ring(session);
    expect(phoneState().sendDtmf('1')).toBe(false);
    expect(session.dtmf).toEqual([]);
  });

  it('reads telephone-event from the SDP itself', () => {
    expect(offersTelephoneEvent(remoteSdp(true))).toBe(true);
    expect(offersTelephoneEvent(remoteSdp(false))).toBe(false);
    expect(offersTelephoneEvent('a=rtpmap:101 telephone-events/8000')).toBe(false);
    expect(offersTelephoneEvent(undefined)).toBe(false);
    expect(chooseDtmfTransport('rfc2833', null)).toBe('info');
  });
});
