import { describe, expect, it } from 'vitest';
import { CallHistory, DeviceRegistry, TokenStore, createSandboxState, type CallRecord } from '../../../sandbox/state';

function record(id: number, unix: number): CallRecord {
  return {
    _id: id.toString(16).padStart(24, '0'),
    call_id: `call-${id}`,
    caller: { number: '0912345678', type: 'realnumber' },
    callee: { number: 'agent8001', type: 'user', username: 'an' },
    class: 'trunking',
    did_number: '02873019555',
    direction: 'to_ab',
    status_detail: 'SUCCESS',
    duration_seconds: 30,
    unix_timestamp: unix,
    billing_seconds: 20,
    recording: '',
    queue_stat: [],
  };
}

describe('CallHistory', () => {
  it('keeps records newest first, ties by _id, and queries both bounds inclusive', () => {
    const history = new CallHistory([record(3, 1000), record(1, 2000)]);
    history.append(record(2, 1000));
    history.append(record(4, 3000));
    expect(history.all().map((r) => r._id.slice(-1))).toEqual(['4', '1', '2', '3']);
    expect(history.query(1_000_000, 2_000_000).map((r) => r.call_id)).toEqual(['call-1', 'call-2', 'call-3']);
    expect(history.query(1_000_001, 1_999_999)).toEqual([]);
    expect(history.query(2_000_000, 1_000_000)).toEqual([]);
  });

  it('tells listeners about appended calls and refuses duplicates and bad records', () => {
    const history = new CallHistory();
    const seen: string[] = [];
    const stop = history.onAppend((r) => seen.push(r.call_id));
    history.append({ ...record(1, 1000), recording: 'call_recording_abc.wav' });
    stop();
    history.append(record(2, 1000));
    expect(seen).toEqual(['call-1']);
    expect(history.hasRecording('call_recording_abc.wav')).toBe(true);
    expect(() => history.append(record(1, 5))).toThrow(/duplicate/);
    expect(() => history.append({ ...record(9, 5), status_detail: 'BUSY' })).toThrow();
  });
});

describe('TokenStore', () => {
  it('issues tokens that validate until they expire, or until expireAll', () => {
    let now = 1_000_000;
    const tokens = new TokenStore(() => now, 60);
    const token = tokens.issue();
    expect(token.value).toMatch(/^[0-9a-f]{64}$/);
    expect(token.expiresAtMs).toBe(1_060_000);
    expect(tokens.validate(token.value)).toBe(true);
    expect(tokens.validate('f'.repeat(64))).toBe(false);
    now = 1_060_000;
    expect(tokens.validate(token.value)).toBe(false);
    now = 1_000_000;
    const second = tokens.issue();
    tokens.expireAll();
    expect(tokens.validate(second.value)).toBe(false);
    expect(tokens.validate(tokens.issue().value)).toBe(true);
  });
});

describe('DeviceRegistry', () => {
  it('answers overrides first, then the live lookup, then the default', async () => {
    const devices = new DeviceRegistry(true);
    expect(await devices.isRegistered('agent8001')).toBe(true);
    devices.setLiveLookup(async (user) => user === 'agent8002');
    expect(await devices.isRegistered('agent8001')).toBe(false);
    expect(await devices.isRegistered('agent8002')).toBe(true);
    devices.set('agent8001', true);
    devices.set('agent8002', false);
    expect(await devices.isRegistered('agent8001')).toBe(true);
    expect(await devices.isRegistered('agent8002')).toBe(false);
    devices.clear('agent8002');
    expect(await devices.isRegistered('agent8002')).toBe(true);
  });
});

describe('SandboxState', () => {
  it('finds agents and notifies click-to-call listeners', () => {
    const state = createSandboxState({ calls: 0, now: () => 0 });
    const agent = state.agentBySipUser('agent8003');
    expect(agent?.extensions).toEqual(['8003']);
    expect(state.agentById(agent?.id ?? '')).toBe(agent);
    const calls: string[] = [];
    state.onClickToCall((r) => calls.push(`${r.agent.sipUser}->${r.number}`));
    if (agent) state.notifyClickToCall({ agent, number: '0912345678', atMs: 0 });
    expect(calls).toEqual(['agent8003->0912345678']);
  });
});
