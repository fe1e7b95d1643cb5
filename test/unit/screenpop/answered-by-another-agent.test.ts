import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAgentDirectory,
  createScreenPopService,
  systemTimers,
  tapAgentLegs,
  type ScreenPopService,
} from '../../../src/main/services/screenpop';
import { CallFolder, createBlackholeAdapter, type SignalProtocolAdapter } from '../../../src/main/services/signals';
import type { ScreenPop } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import { ACCOUNT, T0, eventFrame } from '../signals/helpers';
import { AGENTS, callEvent, directorySource } from './fixtures';

/**
 * A DID call through a queue rings agent 8001 (leg B1), B1 times out, then agent 8002 (leg B2)
 * answers. Each agent's app sees every leg and must tell its own story: 8001's pop closes as
 * answered elsewhere, 8002's stays as answered here.
 */

const ownerOf = (ext: string): string => AGENTS.find((a) => a.ext.includes(ext))?.anttel.userId ?? '';

function queueCallFrames(): string[] {
  const a = {
    call_id: 'leg-a',
    call_direction: 'inbound',
    caller_id_number: '0912345678',
    caller_id_name: 'Nguyen Van B',
    callee_id_number: '02873019555',
    request: '02873019555@anphu.antbuddy.com',
    custom_channel_vars: { account_id: ACCOUNT, authorizing_type: 'resource', queue_id: 'q'.repeat(32) },
  };
  const agentLeg = (id: string, ext: string) => ({
    call_id: id,
    other_leg_call_id: 'leg-a',
    call_direction: 'outbound',
    caller_id_number: '0912345678',
    callee_id_number: ext,
    request: `agent${ext}@anphu.antbuddy.com`,
    custom_channel_vars: {
      account_id: ACCOUNT,
      authorizing_type: 'device',
      owner_id: ownerOf(ext),
      username: `agent${ext}`,
      queue_id: 'q'.repeat(32),
      bridge_id: 'leg-a',
    },
  });
  const b1 = agentLeg('leg-b1', '8001');
  const b2 = agentLeg('leg-b2', '8002');
  return [
    eventFrame('CHANNEL_CREATE', { ...a, timestamp: T0 }),
    eventFrame('CHANNEL_ANSWER', { ...a, timestamp: T0 }),
    eventFrame('CHANNEL_CREATE', { ...b1, timestamp: T0 + 1 }),
    eventFrame('CHANNEL_DESTROY', { ...b1, timestamp: T0 + 16, hangup_cause: 'NO_ANSWER' }),
    eventFrame('CHANNEL_CREATE', { ...b2, timestamp: T0 + 16 }),
    eventFrame('CHANNEL_ANSWER', { ...b2, timestamp: T0 + 20 }),
    eventFrame('CHANNEL_BRIDGE', { ...a, other_leg_call_id: 'leg-b2', timestamp: T0 + 20 }),
  ];
}

interface AgentApp {
  readonly service: ScreenPopService;
  readonly opened: string[];
  /** One frame from the signals socket, through the (tapped) adapter and the call folder. */
  feed(frame: string): void;
  pop(): ScreenPop | undefined;
}

/** One agent's app, wired as the main process wires it; `tapAnswers: false` is the ringing-only tap. */
async function agentApp(sipUser: string, tapAnswers: boolean): Promise<AgentApp> {
  const directory = createAgentDirectory({ source: directorySource, timers: systemTimers });
  await directory.refresh();
  const opened: string[] = [];
  const service = createScreenPopService({
    settings: () => ({ sipUser, crmUrlTemplate: 'https://crm.example.vn/?p={number}', crmOpenOn: 'answer' }),
    directory,
    openExternal: async (url) => {
      opened.push(url);
      return ok(undefined);
    },
  });
  directory.dispose();
  const adapter: SignalProtocolAdapter = tapAgentLegs(
    createBlackholeAdapter(),
    () => service.agent(),
    (ids) => service.handleAgentLegRinging(ids),
    tapAnswers ? (ids) => service.handleAgentLegAnswered(ids) : undefined,
  );
  const folder = new CallFolder({ now: () => Date.parse('2026-01-28T09:00:00Z') });
  return {
    service,
    opened,
    feed(text) {
      const frame = adapter.classify(text);
      if (frame.kind !== 'event') throw new Error('expected an event frame');
      const mapped = adapter.toPlatformEvent(frame);
      if (!mapped.ok) throw new Error(mapped.reason);
      for (const event of folder.fold(mapped.event)) service.handleCallEvent(event);
    },
    pop: () => service.list().find((p) => p.callId === 'leg-a'),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a queue call answered by the second agent it rang', () => {
  it.each([
    ['with the answer tap', true],
    ['with the ringing tap only', false],
  ])('closes the first agent pop as answered elsewhere and keeps the second as answered here (%s)', async (_, tap) => {
    const first = await agentApp('agent8001', tap);
    const second = await agentApp('agent8002', tap);
    const frames = queueCallFrames();
    // Both phones ring in turn: each app pops when its own agent's leg is created.
    for (const frame of frames.slice(0, 5)) {
      first.feed(frame);
      second.feed(frame);
    }
    expect(first.pop()?.state).toBe('ringing');
    expect(second.pop()?.state).toBe('ringing');

    for (const frame of frames.slice(5)) {
      first.feed(frame);
      second.feed(frame);
    }
    expect(first.pop()?.state).toBe('answered-elsewhere');
    expect(second.pop()?.state).toBe('answered-here');
    await vi.advanceTimersByTimeAsync(60_000);
    // The first agent's pop is gone and never opened the CRM "on answer"; the second's stays and did.
    expect(first.pop()).toBeUndefined();
    expect(first.opened).toEqual([]);
    expect(second.pop()?.state).toBe('answered-here');
    expect(second.opened).toEqual(['https://crm.example.vn/?p=0912345678']);
  });
});

describe("this agent's leg answering", () => {
  it("counts as answered here even when the answered event does not name this agent's phone", async () => {
    const app = await agentApp('agent8001', true);
    app.service.handleCallEvent(callEvent('ringing', { callId: 'leg-a' }));
    app.service.handleAgentLegAnswered(['leg-b1', 'leg-a']);
    app.service.handleCallEvent(callEvent('answered', { callId: 'leg-a', to: { number: 'unknown-device' } }));
    expect(app.pop()?.state).toBe('answered-here');
  });

  it('corrects a pop closing as answered elsewhere when the news comes late', async () => {
    const app = await agentApp('agent8001', true);
    app.service.handleCallEvent(callEvent('ringing', { callId: 'leg-a' }));
    app.service.handleCallEvent(callEvent('answered', { callId: 'leg-a', to: { number: '8002' } }));
    expect(app.pop()?.state).toBe('answered-elsewhere');
    app.service.handleAgentLegAnswered(['leg-b1', 'leg-a']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(app.pop()?.state).toBe('answered-here');
  });
});
