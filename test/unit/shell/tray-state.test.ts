import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { createRequestHandlers } from '../../../src/main/services/request-handlers';
import { forwardServiceEvents } from '../../../src/main/services/service-events';
import { TRAY_ICON_LOOK, trayIconPng } from '../../../src/main/shell/tray-icons';
import { statusLine, TOOLTIP_MAX_CHARS, trayTooltip } from '../../../src/main/shell/tray-text';
import type { PhoneCallSummary, PhoneRegistrationKind } from '../../../src/shared/contract';
import type { SignalConnectionState } from '../../../src/shared/domain';
import {
  REACHABILITY_KINDS,
  reachabilityOf,
  type Reachability,
  type ReachabilityInput,
  type TrayStatus,
} from '../../../src/shared/reachability';
import { fakeSecretBox, memoryDocument } from '../settings/fakes';

const LIVE: SignalConnectionState = { kind: 'live', since: '2026-01-05T08:00:00.000Z' };
const phone = (kind: PhoneRegistrationKind, inCall = false, reason?: string): ReachabilityInput['phone'] => ({
  registration: reason === undefined ? { kind } : { kind, reason },
  inCall,
});
const input = (overrides: Partial<ReachabilityInput> = {}): ReachabilityInput => ({
  signals: LIVE,
  phone: phone('registered'),
  dnd: false,
  sipConfigured: true,
  signalsConfigured: true,
  ...overrides,
});

describe('reachability: one state from the signals, the phone and Do not disturb', () => {
  it('is reachable only with signals live and the phone registered, and Do not disturb off', () => {
    expect(reachabilityOf(input())).toEqual({ kind: 'reachable' });
    expect(reachabilityOf(input({ dnd: true }))).toEqual({ kind: 'dnd' });
  });

  it('puts a call first: busy whatever else is true (a drop mid-call does not turn the icon red)', () => {
    expect(reachabilityOf(input({ phone: phone('registered', true) }))).toEqual({ kind: 'in-call' });
    expect(reachabilityOf(input({ phone: phone('offline', true), dnd: true }))).toEqual({ kind: 'in-call' });
    expect(
      reachabilityOf(input({ phone: phone('registered', true), signals: { kind: 'failed', reason: 'x', code: 'y' } })),
    ).toEqual({ kind: 'in-call' });
  });

  it('puts unreachable before Do not disturb: switching it off would not bring calls back', () => {
    expect(reachabilityOf(input({ dnd: true, phone: phone('registering') }))).toEqual({
      kind: 'unreachable',
      reasons: [{ kind: 'phone-registering' }],
    });
  });

  it.each<[string, Partial<ReachabilityInput>, Reachability]>([
    [
      'no SIP account',
      { phone: phone('unconfigured'), sipConfigured: false },
      unreachable({ kind: 'phone-not-set-up' }),
    ],
    [
      'a SIP account the window has not reported on yet',
      { phone: phone('unconfigured') },
      unreachable({ kind: 'phone-starting' }),
    ],
    ['registering', { phone: phone('registering') }, unreachable({ kind: 'phone-registering' })],
    [
      'refused by the server',
      { phone: phone('failed', false, '403 Forbidden') },
      unreachable({ kind: 'phone-failed', detail: '403 Forbidden' }),
    ],
    ['refused without a reason', { phone: phone('failed') }, unreachable({ kind: 'phone-failed' })],
    [
      'offline',
      { phone: phone('offline', false, 'Connection Error') },
      unreachable({ kind: 'phone-offline', detail: 'Connection Error' }),
    ],
    [
      'no call-signals account',
      { signals: { kind: 'idle' }, signalsConfigured: false },
      unreachable({ kind: 'signals-not-set-up' }),
    ],
    ['signals stopped for sleep', { signals: { kind: 'idle' } }, unreachable({ kind: 'signals-paused' })],
    [
      'signals connecting',
      { signals: { kind: 'connecting', attempt: 1 } },
      unreachable({ kind: 'signals-connecting' }),
    ],
    [
      'signals reconnecting',
      {
        signals: {
          kind: 'reconnecting',
          attempt: 3,
          nextAttemptAt: '2026-01-05T08:00:05.000Z',
          lastError: 'closed 1006',
        },
      },
      unreachable({ kind: 'signals-reconnecting', attempt: 3, detail: 'closed 1006' }),
    ],
    [
      'signals failed',
      { signals: { kind: 'failed', reason: 'account refused', code: 'rejected' } },
      unreachable({ kind: 'signals-failed', detail: 'account refused' }),
    ],
  ])('is unreachable when %s, saying why', (_name, overrides, expected) => {
    expect(reachabilityOf(input(overrides))).toEqual(expected);
  });

  it('lists every reason, the phone (what rings) before the signals', () => {
    expect(
      reachabilityOf(input({ phone: phone('offline'), signals: { kind: 'connecting', attempt: 2 }, dnd: true })),
    ).toEqual({ kind: 'unreachable', reasons: [{ kind: 'phone-offline' }, { kind: 'signals-connecting' }] });
  });
});

function unreachable(reason: Extract<Reachability, { kind: 'unreachable' }>['reasons'][0]): Reachability {
  return { kind: 'unreachable', reasons: [reason] };
}

/** The RGBA pixel at (x, y) of a PNG written by encodePng (one IDAT, filter 0 on every row). */
function pixelOf(png: Buffer, x: number, y: number): number[] {
  const width = png.readUInt32BE(16);
  const raw = inflateSync(png.subarray(41, 41 + png.readUInt32BE(33)));
  const at = y * (width * 4 + 1) + 1 + x * 4;
  return [...raw.subarray(at, at + 4)];
}

describe('the tray icon of each state', () => {
  it('differs per state in colour and in its centre mark (colour-blind agents see the shape)', () => {
    const pngs = REACHABILITY_KINDS.map((kind) => trayIconPng(kind));
    expect(new Set(pngs.map((png) => png.toString('base64'))).size).toBe(REACHABILITY_KINDS.length);
    const colours = REACHABILITY_KINDS.map((kind) => TRAY_ICON_LOOK[kind].color.join(','));
    expect(new Set(colours).size).toBe(REACHABILITY_KINDS.length);
    const centres = REACHABILITY_KINDS.map((kind) => TRAY_ICON_LOOK[kind].centre);
    expect(new Set(centres).size).toBe(REACHABILITY_KINDS.length);
  });

  it('draws each mark where it belongs, in its colour', () => {
    const [r, g, b] = TRAY_ICON_LOOK.unreachable.color;
    // The ring's top, opaque, in the state's colour.
    expect(pixelOf(trayIconPng('unreachable'), 16, 1)).toEqual([r, g, b, 255]);
    // Red with a cross: the centre is on the cross; between its arms (straight above the centre) it is clear.
    expect(pixelOf(trayIconPng('unreachable'), 16, 16)[3]).toBeGreaterThan(200);
    expect(pixelOf(trayIconPng('unreachable'), 16, 11)[3]).toBe(0);
    // Grey with a bar: solid left of the centre, clear above it.
    expect(pixelOf(trayIconPng('dnd'), 11, 16)[3]).toBe(255);
    expect(pixelOf(trayIconPng('dnd'), 16, 12)[3]).toBe(0);
    // Amber, filled: solid well off the centre, where the reachable dot is clear.
    expect(pixelOf(trayIconPng('in-call'), 16, 9)[3]).toBe(255);
    expect(pixelOf(trayIconPng('reachable'), 16, 9)[3]).toBe(0);
  });
});

describe('the tooltip and the status line, in both languages', () => {
  const offline: Reachability = {
    kind: 'unreachable',
    reasons: [
      { kind: 'phone-offline', detail: '1006' },
      { kind: 'signals-reconnecting', attempt: 2, detail: 'x' },
    ],
  };
  it.each<[Reachability, string, string]>([
    [{ kind: 'reachable' }, 'AntRing Companion: Ready for calls', 'AntRing Companion: Sẵn sàng nhận cuộc gọi'],
    [
      { kind: 'dnd' },
      'AntRing Companion: Do not disturb: calls are refused',
      'AntRing Companion: Không làm phiền: cuộc gọi bị từ chối',
    ],
    [{ kind: 'in-call' }, 'AntRing Companion: In a call', 'AntRing Companion: Đang trong cuộc gọi'],
    [
      offline,
      'AntRing Companion: Calls cannot reach you: the phone is offline (1006); call signals lost, retrying (attempt 2)',
      'AntRing Companion: Không thể nhận cuộc gọi: điện thoại mất kết nối (1006); mất tín hiệu cuộc gọi, đang thử lại (lần 2)',
    ],
  ])('%j', (reachability, en, vi) => {
    expect(trayTooltip(reachability, 'en')).toBe(en);
    expect(trayTooltip(reachability, 'vi')).toBe(vi);
  });

  it('keeps the tooltip within what Windows shows, cutting a long reason with an ellipsis', () => {
    const long: Reachability = {
      kind: 'unreachable',
      reasons: [
        { kind: 'phone-failed', detail: 'x'.repeat(200) },
        { kind: 'signals-failed', detail: 'y'.repeat(200) },
      ],
    };
    for (const language of ['en', 'vi'] as const) {
      const tooltip = trayTooltip(long, language);
      expect([...tooltip]).toHaveLength(TOOLTIP_MAX_CHARS);
      expect(tooltip.endsWith('…')).toBe(true);
      expect([...statusLine(long, language)].length).toBeLessThan(TOOLTIP_MAX_CHARS);
    }
  });
});

describe('the tray status service, as every host composes it', () => {
  let dir: string;
  let services: Services;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'antring-tray-status-'));
    services = createServices({
      dataDir: dir,
      env: {},
      osLocale: 'en',
      secretBox: fakeSecretBox(),
      settingsDocument: memoryDocument(),
    });
  });
  afterEach(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const registered: PhoneCallSummary = { ringing: null, registration: { kind: 'registered' }, inCall: false };

  it('follows the phone and Do not disturb, answers through the contract and tells every change once', async () => {
    const seen: TrayStatus[] = [];
    const stop = forwardServiceEvents(services, (name, payload) => {
      if (name === 'trayStatusChanged') seen.push(payload as TrayStatus);
    });
    const handlers = createRequestHandlers(services, {
      name: 'AntRing Companion',
      version: '0',
      host: 'web',
      platform: 'linux',
      dataDir: dir,
    });
    // A first run: nothing set up, and a host without a tray.
    expect(await handlers.getTrayStatus(undefined)).toEqual({
      ok: true,
      value: {
        availability: { kind: 'not-applicable' },
        reachability: {
          kind: 'unreachable',
          reasons: [{ kind: 'phone-not-set-up' }, { kind: 'signals-not-set-up' }],
        },
      },
    });

    services.phoneRelay.report(registered);
    services.phoneRelay.report(registered);
    expect(seen.map((status) => status.reachability)).toEqual([
      { kind: 'unreachable', reasons: [{ kind: 'signals-not-set-up' }] },
    ]);
    services.phoneRelay.report({ ...registered, inCall: true });
    expect(seen.at(-1)?.reachability).toEqual({ kind: 'in-call' });

    services.trayStatus.setAvailability({ kind: 'missing', reason: 'gnome-without-extension', desktop: 'GNOME' });
    expect(seen.at(-1)?.availability).toEqual({ kind: 'missing', reason: 'gnome-without-extension', desktop: 'GNOME' });
    stop();
    expect(seen).toHaveLength(3);
  });

  it('knows a configured phone that has not reported yet is starting, not missing', () => {
    const saved = services.settings.save({
      sipWsUrl: 'wss://sip.example.com/ws',
      sipDomain: 'example.com',
      sipUser: '1001',
      sipPassword: 'not-a-real-password',
    });
    expect(saved.ok).toBe(true);
    expect(services.trayStatus.current().reachability).toEqual({
      kind: 'unreachable',
      reasons: [{ kind: 'phone-starting' }, { kind: 'signals-not-set-up' }],
    });
  });
});
