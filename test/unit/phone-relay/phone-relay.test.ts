import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { createPhoneRelay } from '../../../src/main/services/phone-relay';
import { createRequestHandlers } from '../../../src/main/services/request-handlers';
import { forwardServiceEvents } from '../../../src/main/services/service-events';
import type { EventName, PhoneCallSummary, PhoneCommand } from '../../../src/shared/contract';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { fakeSecretBox, memoryDocument } from '../settings/fakes';

const IDLE = { registration: { kind: 'registered' }, inCall: false } as const;
const RINGING: PhoneCallSummary = { ...IDLE, ringing: { id: 'sip-session-1', number: '0912345678' } };

describe('phone relay', () => {
  it('reports nothing ringing until the phone reports, then keeps the last summary', () => {
    const relay = createPhoneRelay();
    expect(relay.current()).toEqual({ ringing: null, registration: { kind: 'unconfigured' }, inCall: false });
    relay.report(RINGING);
    expect(relay.current()).toEqual(RINGING);
    relay.report({ ...IDLE, ringing: null });
    expect(relay.current()).toEqual({ ...IDLE, ringing: null });
  });

  it('tells listeners about each change once, and stops after unsubscribe', () => {
    const relay = createPhoneRelay();
    const seen: PhoneCallSummary[] = [];
    const stop = relay.onCallChange((summary) => seen.push(summary));
    relay.report(RINGING);
    relay.report({ ...IDLE, ringing: { id: 'sip-session-1', number: '0912345678' } });
    relay.report({ ...IDLE, ringing: { id: 'sip-session-2', number: '0912345678' } });
    stop();
    relay.report({ ...IDLE, ringing: null });
    expect(seen).toEqual([RINGING, { ...IDLE, ringing: { id: 'sip-session-2', number: '0912345678' } }]);
  });

  it('passes every command on to the phone, which alone decides whether the call still rings', () => {
    const relay = createPhoneRelay();
    const commands: PhoneCommand[] = [];
    const stop = relay.onCommand((command) => commands.push(command));
    relay.command({ action: 'answer', callId: 'sip-session-1' });
    relay.command({ action: 'decline', callId: 'sip-session-1' });
    stop();
    relay.command({ action: 'answer', callId: 'sip-session-2' });
    expect(commands).toEqual([
      { action: 'answer', callId: 'sip-session-1' },
      { action: 'decline', callId: 'sip-session-1' },
    ]);
  });
});

describe('phone relay through the contract', () => {
  let dir: string;
  let services: Services;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'antring-phone-relay-'));
    services = createServices({
      dataDir: dir,
      env: {},
      osLocale: 'vi',
      secretBox: fakeSecretBox(),
      settingsDocument: memoryDocument(),
    });
  });

  afterEach(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const handlers = () =>
    createRequestHandlers(services, {
      name: 'AntRing Companion',
      version: '0.0.0',
      host: 'electron',
      platform: 'linux',
      dataDir: dir,
    });

  it('broadcasts what the phone reports and the commands other windows send', async () => {
    const emitted: [EventName, unknown][] = [];
    const stop = forwardServiceEvents(services, (name, payload) => emitted.push([name, payload]));
    const h = handlers();

    expect(await dispatchRequest(h, 'reportPhoneCall', RINGING)).toEqual({ ok: true, value: undefined });
    expect(await dispatchRequest(h, 'getPhoneCall', undefined)).toEqual({ ok: true, value: RINGING });
    await dispatchRequest(h, 'phoneCommand', { action: 'decline', callId: 'sip-session-1' });
    stop();
    await dispatchRequest(h, 'reportPhoneCall', { ringing: null });

    // The tray status follows the phone too (trayStatusChanged): only the relay's own events here.
    expect(emitted.filter(([name]) => name.startsWith('phone'))).toEqual([
      ['phoneCallChanged', RINGING],
      ['phoneCommandRequested', { action: 'decline', callId: 'sip-session-1' }],
    ]);
  });

  it('refuses malformed reports and commands before they reach the relay', async () => {
    const h = handlers();
    const refused = [
      await dispatchRequest(h, 'reportPhoneCall', { ...IDLE, ringing: { id: '', number: '0912345678' } }),
      await dispatchRequest(h, 'reportPhoneCall', { ...IDLE, ringing: null, password: 'x' }),
      await dispatchRequest(h, 'reportPhoneCall', { ringing: null, registration: { kind: 'asleep' }, inCall: false }),
      await dispatchRequest(h, 'reportPhoneCall', { ringing: null }),
      await dispatchRequest(h, 'reportPhoneCall', undefined),
      await dispatchRequest(h, 'phoneCommand', { action: 'hangup', callId: 'sip-session-1' }),
      await dispatchRequest(h, 'phoneCommand', { action: 'answer', callId: '' }),
    ];
    for (const result of refused) expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(services.phoneRelay.current()).toEqual({
      ringing: null,
      registration: { kind: 'unconfigured' },
      inCall: false,
    });
  });
});
