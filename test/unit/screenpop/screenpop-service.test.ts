import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecentCallsFound, RecentCallsQuery } from '../../../src/main/services/history-store';
import {
  createAgentDirectory,
  createScreenPopService,
  systemTimers,
  type OpenExternal,
  type RecentCallsLookup,
  type ScreenPopService,
  type ScreenPopSettings,
} from '../../../src/main/services/screenpop';
import type { ScreenPop } from '../../../src/shared/contract';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import type { AppResult } from '../../../src/shared/errors';
import { callEvent, directorySource } from './fixtures';

interface Setup {
  service: ScreenPopService;
  opened: string[];
  changes: (readonly ScreenPop[])[];
  settings: { current: ScreenPopSettings };
}

async function setup(
  options: {
    settings?: Partial<ScreenPopSettings>;
    openExternal?: OpenExternal | null;
    recentCalls?: RecentCallsLookup;
  } = {},
): Promise<Setup> {
  const directory = createAgentDirectory({ source: directorySource, timers: systemTimers });
  await directory.refresh();
  const opened: string[] = [];
  const settings = {
    current: { sipUser: 'agent8001', crmUrlTemplate: '', crmOpenOn: 'never' as const, ...options.settings },
  };
  const openExternal: OpenExternal | undefined =
    options.openExternal === null
      ? undefined
      : (options.openExternal ??
        (async (url) => {
          opened.push(url);
          return ok(undefined);
        }));
  const service = createScreenPopService({
    settings: () => settings.current,
    directory,
    ...(options.recentCalls ? { recentCalls: options.recentCalls } : {}),
    ...(openExternal ? { openExternal } : {}),
  });
  const changes: (readonly ScreenPop[])[] = [];
  service.onChange((pops) => changes.push(pops));
  directory.dispose();
  return { service, opened, changes, settings };
}

const EARLIER = {
  at: '2025-03-01T07:00:00.000Z',
  direction: 'inbound' as const,
  status: 'SUCCESS',
  durationSeconds: 60,
  talkSeconds: 40,
};

/** The store's lookup, answered when the test says (one answer for every question), asked questions kept. */
function fakeStore(answer: RecentCallsFound): {
  lookup: RecentCallsLookup;
  asked: RecentCallsQuery[];
  answerAll(): Promise<void>;
} {
  const asked: RecentCallsQuery[] = [];
  const waiting: ((value: AppResult<RecentCallsFound>) => void)[] = [];
  return {
    asked,
    lookup: (query) => {
      asked.push(query);
      return new Promise((resolve) => waiting.push(resolve));
    },
    async answerAll() {
      for (const resolve of waiting.splice(0)) resolve(ok(answer));
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('which calls pop', () => {
  it('pops an inbound call ringing this agent, once per call', async () => {
    const { service, changes } = await setup();
    service.handleCallEvent(callEvent('ringing'));
    service.handleCallEvent(callEvent('ringing'));
    expect(service.list()).toHaveLength(1);
    expect(changes).toHaveLength(1);
    expect(service.list()[0]).toMatchObject({
      callId: 'call-1',
      state: 'ringing',
      direction: 'inbound',
      caller: { raw: '0912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
    });
  });

  it('recognises this agent by extension as well as SIP user', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing', { to: { number: '8001' } }));
    expect(service.list()).toHaveLength(1);
  });

  it('does not pop calls ringing someone else, outbound calls or other events', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing', { callId: 'x1', to: { number: '8002' } }));
    service.handleCallEvent(callEvent('ringing', { callId: 'x2', to: { number: 'agent8002' } }));
    service.handleCallEvent(
      callEvent('ringing', {
        callId: 'x3',
        direction: 'outbound',
        from: { number: '8001' },
        to: { number: '0912345678' },
      }),
    );
    service.handleCallEvent(callEvent('answered', { callId: 'x4' }));
    service.handleCallEvent(callEvent('ended', { callId: 'x5' }));
    expect(service.list()).toEqual([]);
  });

  it('pops nothing while no SIP user is configured', async () => {
    const { service } = await setup({ settings: { sipUser: '' } });
    service.handleCallEvent(callEvent('ringing', { to: { number: '' } }));
    expect(service.list()).toEqual([]);
  });

  it('stacks simultaneous calls, newest first', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing', { callId: 'a', at: '2025-11-27T03:00:00.000Z' }));
    service.handleCallEvent(
      callEvent('ringing', { callId: 'b', from: { number: '0987654321' }, at: '2025-11-27T03:00:02.000Z' }),
    );
    expect(service.list().map((p) => p.callId)).toEqual(['b', 'a']);
  });
});

describe('closing', () => {
  it('closes when the call is answered elsewhere', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing'));
    service.handleCallEvent(callEvent('answered', { to: { number: 'agent8002' } }));
    expect(service.list()[0]?.state).toBe('answered-elsewhere');
    vi.advanceTimersByTime(2_000);
    expect(service.list()).toEqual([]);
  });

  it('stays while answered here, then closes when the call ends', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing'));
    service.handleCallEvent(callEvent('answered'));
    expect(service.list()[0]?.state).toBe('answered-here');
    vi.advanceTimersByTime(60_000);
    expect(service.list()).toHaveLength(1);
    service.handleCallEvent(callEvent('ended'));
    expect(service.list()[0]?.state).toBe('ended');
    vi.advanceTimersByTime(2_000);
    expect(service.list()).toEqual([]);
  });

  it('closes one call of a stack and keeps the other', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing', { callId: 'a' }));
    service.handleCallEvent(callEvent('ringing', { callId: 'b', from: { number: '0987654321' } }));
    service.handleCallEvent(callEvent('ended', { callId: 'a' }));
    vi.advanceTimersByTime(2_000);
    expect(service.list().map((p) => p.callId)).toEqual(['b']);
  });

  it('forgets a ringing pop whose end was never signalled', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing'));
    vi.advanceTimersByTime(3 * 60_000 + 1);
    expect(service.list()).toEqual([]);
  });

  it('dismisses for good: later events of the call do not bring it back', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing'));
    expect(service.dismiss('call-1')).toEqual([]);
    service.handleCallEvent(callEvent('ringing'));
    service.handleCallEvent(callEvent('answered'));
    expect(service.list()).toEqual([]);
  });
});

describe('what the pop shows', () => {
  it('names an internal caller from the agents list and looks up their calls by their identities', async () => {
    const store = fakeStore({ calls: [EARLIER], name: 'Someone Else' });
    const { service } = await setup({ recentCalls: store.lookup });
    service.handleCallEvent(
      callEvent('ringing', { direction: 'internal', from: { number: '8002', name: 'ext 8002' } }),
    );
    await store.answerAll();
    expect(store.asked).toEqual([{ party: { kind: 'agent', identities: ['tranthibinh', '8002'] }, limit: 5 }]);
    expect(service.list()[0]).toMatchObject({
      direction: 'internal',
      name: 'Trần Thị Bình',
      nameSource: 'agent',
      caller: { display: '8002', isExtension: true },
      recentCalls: [EARLIER],
    });
  });

  it("names an outside caller from the store's latest calls when the signal has none", async () => {
    const store = fakeStore({ calls: [], name: 'Lê Thị Mai' });
    const { service } = await setup({ recentCalls: store.lookup });
    service.handleCallEvent(callEvent('ringing'));
    await store.answerAll();
    expect(store.asked).toEqual([{ party: { kind: 'number', number: '0912345678' }, limit: 5 }]);
    expect(service.list()[0]).toMatchObject({ name: 'Lê Thị Mai', nameSource: 'history' });
    service.handleCallEvent(
      callEvent('ringing', { callId: 'b', from: { number: '0912345678', name: 'Phạm Văn Nam' } }),
    );
    await store.answerAll();
    expect(service.list().find((p) => p.callId === 'b')).toMatchObject({ name: 'Phạm Văn Nam', nameSource: 'signal' });
  });

  it("prefers the signal's caller name, and remembers it for the next call", async () => {
    const { service } = await setup();
    service.handleCallEvent(
      callEvent('ringing', { callId: 'a', from: { number: '0912345678', name: 'Phạm Văn Nam' } }),
    );
    expect(service.list()[0]).toMatchObject({ name: 'Phạm Văn Nam', nameSource: 'signal' });
    service.handleCallEvent(callEvent('ringing', { callId: 'b', from: { number: '+84912345678' } }));
    expect(service.list().find((p) => p.callId === 'b')).toMatchObject({ name: 'Phạm Văn Nam', nameSource: 'history' });
  });

  it('ignores caller-id names that are just the number', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing', { from: { number: '0912345678', name: '0912345678' } }));
    expect(service.list()[0]?.name).toBeUndefined();
  });

  it('shows the pop at once, saying it looks up the earlier calls, and again with them', async () => {
    const store = fakeStore({ calls: [EARLIER] });
    const { service, changes } = await setup({ recentCalls: store.lookup });
    service.handleCallEvent(callEvent('ringing'));
    expect(changes).toHaveLength(1);
    expect(service.list()[0]).toMatchObject({ callId: 'call-1', recentCalls: [], recentCallsPending: true });
    await store.answerAll();
    expect(changes).toHaveLength(2);
    expect(service.list()[0]?.recentCalls).toEqual([EARLIER]);
    expect(service.list()[0]).not.toHaveProperty('recentCallsPending');
  });

  it('stops saying it looks after 2 s without an answer, and still fills in a late one', async () => {
    const store = fakeStore({ calls: [EARLIER] });
    const { service } = await setup({ recentCalls: store.lookup });
    service.handleCallEvent(callEvent('ringing'));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(service.list()[0]?.recentCallsPending).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(service.list()[0]).toMatchObject({ recentCalls: [] });
    expect(service.list()[0]).not.toHaveProperty('recentCallsPending');
    await store.answerAll();
    expect(service.list()[0]?.recentCalls).toEqual([EARLIER]);
  });

  it('lists none, and stops saying it looks, when the lookup fails', async () => {
    const lookup: RecentCallsLookup = async () =>
      err(appError('not_configured', 'No account is set up.', 'Chưa thiết lập tài khoản.'));
    const { service } = await setup({ recentCalls: lookup });
    service.handleCallEvent(callEvent('ringing'));
    await vi.advanceTimersByTimeAsync(0);
    expect(service.list()).toMatchObject([{ callId: 'call-1', recentCalls: [] }]);
    expect(service.list()[0]).not.toHaveProperty('recentCallsPending');
  });

  it('keeps what happened to the call while its calls were looked up, and never brings back a dismissed one', async () => {
    const store = fakeStore({ calls: [EARLIER] });
    const { service } = await setup({ recentCalls: store.lookup });
    service.handleCallEvent(callEvent('ringing'));
    service.handleCallEvent(callEvent('answered', { to: { number: '8002' } }));
    service.handleCallEvent(callEvent('ringing', { callId: 'gone' }));
    service.dismiss('gone');
    await store.answerAll();
    expect(service.list()).toMatchObject([{ callId: 'call-1', state: 'answered-elsewhere', recentCalls: [EARLIER] }]);
  });

  it('shows the DID formatted and the queue by name', async () => {
    const { service } = await setup();
    service.handleCallEvent(callEvent('ringing', { did: '+842873019555', queue: 'q'.repeat(32) }));
    expect(service.list()[0]).toMatchObject({ did: { display: '028 7301 9555' }, queue: 'Chăm sóc khách hàng' });
  });
});

describe('CRM', () => {
  const template =
    'https://crm.example.vn/pop?n={number}&e={number_e164}&l={number_local}&c={callId}&d={did}&q={queue}&a={agent}&x={unknown}';

  it('builds the link with every value URL-encoded', async () => {
    const { service } = await setup({ settings: { crmUrlTemplate: template } });
    service.handleCallEvent(
      callEvent('ringing', {
        callId: 'c&1',
        from: { number: '+84912345678' },
        did: '02873019555',
        queue: 'q'.repeat(32),
      }),
    );
    const expected =
      'https://crm.example.vn/pop?n=%2B84912345678&e=%2B84912345678&l=0912345678&c=c%261&d=02873019555&q=' +
      encodeURIComponent('Chăm sóc khách hàng') +
      '&a=agent8001&x={unknown}';
    expect(service.list()[0]?.crmUrl).toBe(expected);
    const link = await service.openInCrm('c&1');
    expect(link).toEqual(ok({ url: expected, opened: true }));
  });

  it('leaves missing values empty', async () => {
    const { service } = await setup({ settings: { crmUrlTemplate: template } });
    service.handleCallEvent(callEvent('ringing', { from: { number: '8002' }, direction: 'internal' }));
    expect(service.list()[0]?.crmUrl).toBe(
      'https://crm.example.vn/pop?n=8002&e=&l=8002&c=call-1&d=&q=&a=agent8001&x={unknown}',
    );
  });

  it('returns the link without opening it when the host cannot open a browser', async () => {
    const { service } = await setup({
      settings: { crmUrlTemplate: 'https://crm.example.vn/{number_local}' },
      openExternal: null,
    });
    service.handleCallEvent(callEvent('ringing'));
    expect(await service.openInCrm('call-1')).toEqual(ok({ url: 'https://crm.example.vn/0912345678', opened: false }));
  });

  it('refuses templates that are not web pages and unknown calls', async () => {
    const { service } = await setup({ settings: { crmUrlTemplate: 'file:///C:/Windows/calc.exe?{number}' } });
    service.handleCallEvent(callEvent('ringing'));
    expect(service.list()[0]?.crmUrl).toBeUndefined();
    const refused = await service.openInCrm('call-1');
    expect(refused.ok ? null : refused.error.field).toBe('crmUrlTemplate');
    const unknown = await service.openInCrm('nope');
    expect(unknown.ok ? null : unknown.error.code).toBe('invalid_input');
  });

  it('passes on the error when the browser cannot be opened', async () => {
    const failure = appError('internal', 'no browser', 'không có trình duyệt');
    const { service } = await setup({
      settings: { crmUrlTemplate: 'https://crm.example.vn/{number}' },
      openExternal: async () => err(failure),
    });
    service.handleCallEvent(callEvent('ringing'));
    expect(await service.openInCrm('call-1')).toEqual(err(failure));
  });

  it.each([
    ['ring', ['ringing'], 1],
    ['ring', ['ringing', 'answered', 'ended'], 1],
    ['answer', ['ringing'], 0],
    ['answer', ['ringing', 'answered'], 1],
    ['never', ['ringing', 'answered'], 0],
  ] as const)('crmOpenOn=%s after %j opens the CRM %i time(s)', async (crmOpenOn, events, times) => {
    const { service, opened } = await setup({
      settings: { crmUrlTemplate: 'https://crm.example.vn/?p={number_local}', crmOpenOn },
    });
    for (const type of events) service.handleCallEvent(callEvent(type));
    service.handleCallEvent(callEvent('ringing'));
    await vi.runOnlyPendingTimersAsync();
    expect(opened).toEqual(Array.from({ length: times }, () => 'https://crm.example.vn/?p=0912345678'));
  });

  it('does not open the CRM for a call answered elsewhere', async () => {
    const { service, opened } = await setup({
      settings: { crmUrlTemplate: 'https://crm.example.vn/?p={number}', crmOpenOn: 'answer' },
    });
    service.handleCallEvent(callEvent('ringing'));
    service.handleCallEvent(callEvent('answered', { to: { number: '8002' } }));
    await vi.runOnlyPendingTimersAsync();
    expect(opened).toEqual([]);
  });
});

describe('calls addressed to a DID or a queue', () => {
  const viaDid = (fields = {}) =>
    callEvent('ringing', { to: { number: '02873019555' }, did: '02873019555', ...fields });

  it('pops when the leg towards this agent appears after the call rang', async () => {
    const { service } = await setup();
    service.handleCallEvent(viaDid());
    expect(service.list()).toEqual([]);
    service.handleAgentLegRinging(['b-leg', 'call-1']);
    expect(service.list().map((p) => p.callId)).toEqual(['call-1']);
    expect(service.list()[0]?.did?.display).toBe('028 7301 9555');
  });

  it('pops when the agent leg was seen first', async () => {
    const { service } = await setup();
    service.handleAgentLegRinging(['b-leg', 'call-1']);
    service.handleCallEvent(viaDid());
    expect(service.list()).toHaveLength(1);
  });

  it('does not pop a DID call that never reaches this agent, nor one that ended', async () => {
    const { service } = await setup();
    service.handleCallEvent(viaDid({ callId: 'x' }));
    service.handleCallEvent(viaDid({ callId: 'y' }));
    service.handleCallEvent(callEvent('ended', { callId: 'y' }));
    service.handleAgentLegRinging(['y']);
    expect(service.list()).toEqual([]);
  });
});
