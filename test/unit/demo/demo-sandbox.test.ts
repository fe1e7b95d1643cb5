import { describe, expect, it } from 'vitest';
import { startDemoSandbox, type DemoSandbox, type SandboxLauncher } from '../../../src/main/services/demo';
import { customersOf } from '../../../src/main/services/demo/demo-sandbox';

/**
 * The demo's SIP decisions, each from what the computer has (Kamailio, the platform phone's
 * WebRTC runtime) and what the host allows. The launcher is the boundary to the real sandbox:
 * here it records what it was asked to start, so each decision is visible.
 */

interface Script {
  readonly kamailio?: boolean;
  readonly runtime?: { ok: true } | { ok: false; message: string };
  /** What starting with Kamailio does. */
  readonly withKamailio?: 'ok' | 'throws' | 'no-platform';
  readonly plainThrows?: boolean;
}

function sandboxStub(kamailio: boolean, platformRunning: boolean, closed: string[]): DemoSandbox {
  return {
    apiUrl: 'http://127.0.0.1:4100',
    controlUrl: 'http://127.0.0.1:4100/__sandbox',
    appId: 'app',
    appSecret: 'secret',
    domain: 'demo.test',
    email: 'it@demo.test',
    accountId: 'acc',
    signalsUrl: 'ws://127.0.0.1:4100/',
    ...(kamailio ? { sipWsUrl: 'ws://127.0.0.1:4200', sipDomain: 'sip.demo.test' } : {}),
    platformRunning,
    ...(platformRunning ? {} : { platformProblem: 'the platform phone did not register (timeout)' }),
    agents: [],
    queues: [],
    customers: [],
    placeCall: async () => ({ ok: true, callId: 'c1' }),
    close: async () => {
      closed.push(kamailio ? 'with-kamailio' : 'plain');
    },
  };
}

function launcher(script: Script): { launcher: SandboxLauncher; started: string[]; closed: string[] } {
  const started: string[] = [];
  const closed: string[] = [];
  return {
    started,
    closed,
    launcher: {
      kamailioInstalled: async () => script.kamailio ?? true,
      phoneRuntime: async () => script.runtime ?? { ok: true },
      async start({ kamailio }) {
        started.push(kamailio ? 'with-kamailio' : 'plain');
        if (kamailio) {
          if (script.withKamailio === 'throws')
            throw new Error('Kamailio failed to start: exit code 255\nERROR: bad config\nmore stderr');
          return sandboxStub(true, script.withKamailio !== 'no-platform', closed);
        }
        if (script.plainThrows) throw new Error('listen EADDRINUSE 127.0.0.1');
        return sandboxStub(false, false, closed);
      },
    },
  };
}

describe('starting the demo sandbox: SIP or not', () => {
  it('runs with SIP when Kamailio, the phone runtime and the platform phone are all there', async () => {
    const { launcher: l, started, closed } = launcher({});
    const result = await startDemoSandbox(l, { allowed: true });
    expect(result.ok && result.value.sip).toEqual({ kind: 'withSip' });
    expect(result.ok && result.value.sandbox.sipWsUrl).toBe('ws://127.0.0.1:4200');
    expect(started).toEqual(['with-kamailio']);
    expect(closed).toEqual([]);
  });

  it('never tries SIP when the host cannot reach a local ws:// SIP server (the desktop app)', async () => {
    const { launcher: l, started } = launcher({});
    const result = await startDemoSandbox(l, { allowed: false, reason: 'desktop-policy' });
    expect(result.ok && result.value.sip).toEqual({ kind: 'withoutSip', reason: 'desktop-policy' });
    expect(started).toEqual(['plain']);
  });

  it('runs without SIP, saying so, when Kamailio is not installed', async () => {
    const { launcher: l, started } = launcher({ kamailio: false });
    const result = await startDemoSandbox(l, { allowed: true });
    expect(result.ok && result.value.sip).toEqual({ kind: 'withoutSip', reason: 'kamailio-not-installed' });
    expect(started).toEqual(['plain']);
  });

  it('does not start Kamailio when the platform phone could never run (no WebRTC for Node)', async () => {
    const { launcher: l, started } = launcher({
      runtime: { ok: false, message: 'the platform phone needs @roamhq/wrtc' },
    });
    const result = await startDemoSandbox(l, { allowed: true });
    expect(result.ok && result.value.sip).toEqual({
      kind: 'withoutSip',
      reason: 'phone-runtime-missing',
      detail: 'the platform phone needs @roamhq/wrtc',
    });
    expect(started).toEqual(['plain']);
  });

  it('falls back to no SIP when Kamailio fails to start, with the first line of why', async () => {
    const { launcher: l, started } = launcher({ withKamailio: 'throws' });
    const result = await startDemoSandbox(l, { allowed: true });
    expect(result.ok && result.value.sip).toEqual({
      kind: 'withoutSip',
      reason: 'kamailio-failed',
      detail: 'Kamailio failed to start: exit code 255',
    });
    expect(started).toEqual(['with-kamailio', 'plain']);
  });

  it('closes a Kamailio whose platform phone did not come up, and runs without SIP', async () => {
    const { launcher: l, started, closed } = launcher({ withKamailio: 'no-platform' });
    const result = await startDemoSandbox(l, { allowed: true });
    expect(result.ok && result.value.sip).toEqual({
      kind: 'withoutSip',
      reason: 'platform-phone-failed',
      detail: 'the platform phone did not register (timeout)',
    });
    expect(started).toEqual(['with-kamailio', 'plain']);
    expect(closed).toEqual(['with-kamailio']);
  });

  it('fails, in both languages, only when even the plain sandbox cannot start', async () => {
    const { launcher: l } = launcher({ kamailio: false, plainThrows: true });
    const result = await startDemoSandbox(l, { allowed: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('listen EADDRINUSE');
      expect(result.error.messageVi).toContain('listen EADDRINUSE');
    }
  });
});

describe("the demo's callers", () => {
  const now = Date.UTC(2026, 11, 1);
  const at = (daysAgo: number): number => Math.floor(now / 1000) - daysAgo * 86_400;
  const inbound = (number: string, daysAgo: number, name = number) => ({
    direction: 'to_ab',
    unix_timestamp: at(daysAgo),
    caller: { number },
    queue_stat: [{ caller_id_name: name }],
  });

  it('are the busiest customers of the last month, with the latest name known for them', () => {
    const customers = customersOf(
      [
        inbound('0911111111', 1, 'Trần Thị B'),
        inbound('0911111111', 3, 'Tran B'),
        inbound('0911111111', 5),
        inbound('0922222222', 2, 'Lê Văn C'),
        inbound('0933333333', 40, 'Too Old'),
        { ...inbound('0944444444', 1), direction: 'from_ab' },
      ],
      now,
    );
    expect(customers).toEqual([
      { number: '0911111111', name: 'Trần Thị B' },
      { number: '0922222222', name: 'Lê Văn C' },
    ]);
  });

  it('keep a customer without a name as a number alone', () => {
    expect(customersOf([inbound('0955555555', 1)], now)).toEqual([{ number: '0955555555' }]);
  });
});
