import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkSignalSettings, nameSignalsFailure } from '../../../src/main/services/connection-check/signals-step';
import type { SocketObservation } from '../../../src/main/services/connection-check/observed-socket';
import { checkSip, checkSipSettings, nameRegistration } from '../../../src/main/services/connection-check/sip-step';
import { createPhoneRelay } from '../../../src/main/services/phone-relay';
import type { ConnectionEnd } from '../../../src/main/services/signals/signal-connection';
import { systemClock } from '../../../src/main/services/clock';
import { defaultSettings, type Settings } from '../../../src/shared/settings';

const SIGNALS = { signalsUrl: 'wss://signals.example.vn:5556/', accountId: '4f1c0e9a2b7d4c6e8a0b1c2d3e4f5a6b' };
const seenOf = (partial: Partial<SocketObservation>): SocketObservation => ({
  opened: false,
  handshakeTimedOut: false,
  refusals: [],
  confirmed: 0,
  ...partial,
});
const networkEnd: ConnectionEnd = { code: 'network', reason: 'Call-signal connection failed: x', fatal: false };

describe('the call-signal step names each broken setting', () => {
  it('a missing URL or account id, or a URL that is not a WebSocket', () => {
    expect(checkSignalSettings({ ...SIGNALS, signalsUrl: '' })).toMatchObject({
      code: 'not_configured',
      field: 'signalsUrl',
    });
    expect(checkSignalSettings({ ...SIGNALS, accountId: ' ' })).toMatchObject({
      code: 'not_configured',
      field: 'accountId',
    });
    expect(checkSignalSettings({ ...SIGNALS, signalsUrl: 'https://signals.example.vn/' })?.message).toContain(
      'must start with wss://',
    );
    expect(checkSignalSettings(SIGNALS)).toBeUndefined();
  });

  it('an address that answers HTTP but has no WebSocket there (wrong path)', () => {
    const error = nameSignalsFailure(networkEnd, seenOf({ upgradeStatus: 404 }), SIGNALS, 10_000);
    expect(error).toMatchObject({ code: 'rejected', field: 'signalsUrl', status: 404 });
    expect(error.message).toContain('signals.example.vn:5556 answered, but has no call-signal WebSocket');
    expect(nameSignalsFailure(networkEnd, seenOf({ upgradeStatus: 503 }), SIGNALS, 10_000).code).toBe('server_error');
  });

  it('an unreachable or untrusted server, by the socket’s error code', () => {
    const refused = nameSignalsFailure(networkEnd, seenOf({ errorCode: 'ECONNREFUSED' }), SIGNALS, 10_000);
    expect(refused).toMatchObject({ code: 'network', field: 'signalsUrl' });
    expect(refused.message).toContain('Nothing answers at signals.example.vn:5556');
    expect(refused.message).toContain('call signals WebSocket URL');
    const dns = nameSignalsFailure(networkEnd, seenOf({ errorCode: 'ENOTFOUND' }), SIGNALS, 10_000);
    expect(dns.message).toContain('does not exist');
    const tls = nameSignalsFailure(networkEnd, seenOf({ errorCode: 'CERT_HAS_EXPIRED' }), SIGNALS, 10_000);
    expect(tls.message).toContain('certificate has expired');
    const slow = nameSignalsFailure(networkEnd, seenOf({ handshakeTimedOut: true }), SIGNALS, 10_000);
    expect(slow).toMatchObject({ code: 'timeout', field: 'signalsUrl' });
  });

  it('a refused account id, a refused token, no call events, rate limiting', () => {
    const end = (code: ConnectionEnd['code']): ConnectionEnd => ({ code, reason: 'x', fatal: true });
    const account = nameSignalsFailure(
      end('config_invalid'),
      seenOf({ opened: true, refusals: ['account'] }),
      SIGNALS,
      10_000,
    );
    expect(account).toMatchObject({ code: 'config_invalid', field: 'accountId' });
    expect(account.message).toContain(`refused the Account ID “${SIGNALS.accountId}”`);
    const token = nameSignalsFailure(end('rejected'), seenOf({ opened: true, refusals: ['auth', 'auth'] }), SIGNALS, 1);
    expect(token.message).toContain('refused the voice token');
    const none = nameSignalsFailure(
      end('config_invalid'),
      seenOf({ opened: true, refusals: ['unavailable', 'unavailable'] }),
      SIGNALS,
      1,
    );
    expect(none.message).toContain('offers none of the call events');
    expect(
      nameSignalsFailure(end('rate_limited'), seenOf({ opened: true, refusals: ['rate_limited'] }), SIGNALS, 1).code,
    ).toBe('rate_limited');
  });

  it('a WebSocket that opens but never confirms, or closes first', () => {
    const silent = nameSignalsFailure(
      { code: 'timeout', reason: 'x', fatal: false },
      seenOf({ opened: true }),
      SIGNALS,
      10_000,
    );
    expect(silent).toMatchObject({ code: 'timeout', field: 'signalsUrl' });
    expect(silent.message).toContain('did not confirm the subscription within 10 s');
    const closed = nameSignalsFailure(networkEnd, seenOf({ opened: true }), SIGNALS, 10_000);
    expect(closed.message).toContain('closed the connection before confirming');
  });
});

const SIP = {
  sipWsUrl: 'wss://sip.example.vn:7443/ws',
  sipDomain: 'company.antbuddy.com',
  sipUser: 'agent8001',
  sipPassword: 'sip-password-for-tests',
};

describe('the SIP step names each broken setting', () => {
  it('each missing SIP setting, in the form’s order', () => {
    for (const field of ['sipWsUrl', 'sipDomain', 'sipUser', 'sipPassword'] as const) {
      expect(checkSipSettings({ ...SIP, [field]: '' }), field).toMatchObject({ code: 'not_configured', field });
    }
    expect(checkSipSettings(SIP)).toBeUndefined();
  });

  it('registered passes with the account; each failure says which setting to check', () => {
    const registered = nameRegistration({ kind: 'registered' }, SIP, 0);
    expect(registered.ok && registered.value.en).toContain('registered at sip.example.vn:7443 as agent8001@');
    const failure = (registration: Parameters<typeof nameRegistration>[0]) => {
      const result = nameRegistration(registration, SIP, 15_000);
      if (result.ok) throw new Error('expected a failure');
      return result.error;
    };
    expect(failure({ kind: 'failed', reason: '403 Forbidden' })).toMatchObject({
      code: 'rejected',
      field: 'sipPassword',
    });
    expect(failure({ kind: 'failed', reason: 'Authentication Error' }).message).toContain(
      'check the SIP user and the SIP password',
    );
    expect(failure({ kind: 'failed', reason: '404 Not Found' })).toMatchObject({ field: 'sipUser' });
    expect(failure({ kind: 'failed', reason: 'Request Timeout' })).toMatchObject({
      code: 'timeout',
      field: 'sipWsUrl',
    });
    expect(failure({ kind: 'failed', reason: '500 Server Error' }).message).toContain('(500 Server Error)');
    expect(failure({ kind: 'offline', reason: 'server-unreachable' })).toMatchObject({
      code: 'network',
      field: 'sipWsUrl',
    });
    expect(failure({ kind: 'offline', reason: 'no-network' }).message).toContain('no network connection');
    expect(failure({ kind: 'registering' }).message).toContain('still trying to register');
    expect(failure({ kind: 'registering' }).message).toContain('after 15 s');
    expect(failure({ kind: 'unconfigured' }).code).toBe('not_configured');
  });
});

function settingsWith(values: Partial<Settings>): Settings {
  return { ...defaultSettings('en-US'), ...values };
}

describe('the SIP step waits for a registration in progress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes once the phone reports registered', async () => {
    const phone = createPhoneRelay();
    phone.report({ ringing: null, registration: { kind: 'registering' }, inCall: false });
    const checked = checkSip(settingsWith(SIP), phone, systemClock, 60_000);
    phone.report({ ringing: null, registration: { kind: 'registered' }, inCall: false });
    const result = await checked;
    expect(result.ok).toBe(true);
  });

  it('fails with the last state once the wait is over', async () => {
    vi.useFakeTimers();
    const phone = createPhoneRelay();
    phone.report({ ringing: null, registration: { kind: 'registering' }, inCall: false });
    const checked = checkSip(settingsWith(SIP), phone, systemClock, 15_000);
    await vi.advanceTimersByTimeAsync(15_000);
    const result = await checked;
    expect(result.ok ? 'ok' : result.error.code).toBe('timeout');
  });

  it('does not wait for a phone that reported a failure', async () => {
    const phone = createPhoneRelay();
    phone.report({ ringing: null, registration: { kind: 'failed', reason: '403 Forbidden' }, inCall: false });
    const result = await checkSip(settingsWith(SIP), phone, systemClock, 60 * 60_000);
    expect(result.ok ? 'ok' : result.error.field).toBe('sipPassword');
  });
});
