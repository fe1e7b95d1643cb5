import { describe, expect, it } from 'vitest';
import { createSandboxState } from '../../../sandbox/state';
import { VIETNAM_NUMBER } from '../../../sandbox/phone';

// Tuesday 2026-01-20 10:00 in Vietnam (UTC+7).
const NOW = Date.UTC(2026, 0, 20, 3, 0, 0);
const make = (seed: number, calls = 2000) => createSandboxState({ seed, calls, now: () => NOW });
const dataOf = (state: ReturnType<typeof make>): string =>
  JSON.stringify({
    appId: state.appId,
    appSecret: state.appSecret,
    accountId: state.accountId,
    domain: state.domain,
    email: state.email,
    dids: state.dids,
    agents: state.agents,
    queues: state.queues,
    history: state.history.all(),
  });

describe('seeded sandbox data', () => {
  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = dataOf(make(7));
    expect(dataOf(make(7))).toBe(a);
    expect(dataOf(make(8))).not.toBe(a);
  });

  it('keeps the company unchanged when only the number of calls changes', () => {
    const small = make(3, 10);
    const big = make(3, 500);
    expect(JSON.stringify(big.agents)).toBe(JSON.stringify(small.agents));
    expect(big.history.size).toBe(500);
  });

  it('seeds 12 agents with Vietnamese names, unique usernames, 32-hex ids and extensions from 8001', () => {
    const state = make(1, 0);
    expect(state.agents).toHaveLength(12);
    expect(state.accountId).toMatch(/^[0-9a-f]{32}$/);
    expect(state.domain).toMatch(/^[a-z]+\.antbuddy\.com$/);
    expect(new Set(state.agents.map((a) => a.username)).size).toBe(12);
    expect(state.agents.some((a) => /[À-ỹ]/u.test(a.name))).toBe(true);
    state.agents.forEach((agent, i) => {
      expect(agent.id).toMatch(/^[0-9a-f]{32}$/);
      expect(agent.username).toMatch(/^[a-z0-9]+$/);
      expect(agent.extensions[0]).toBe(String(8001 + i));
      expect(agent.sipUser).toBe(`agent${8001 + i}`);
      expect(agent.sipPassword.length).toBeGreaterThanOrEqual(12);
    });
    expect(state.queues.length).toBeGreaterThanOrEqual(3);
    expect(state.queues.length).toBeLessThanOrEqual(4);
    const members = new Set(state.queues.flatMap((q) => q.agentIds));
    for (const agent of state.agents) expect(members.has(agent.id)).toBe(true);
    for (const did of state.dids) expect(did).toMatch(/^0(28|24)\d{8}$/);
  });

  it('spreads calls over the window, newest first, all finished before now', () => {
    const state = make(2, 3000);
    const records = state.history.all();
    expect(records).toHaveLength(3000);
    const first = records[0];
    const last = records[records.length - 1];
    expect(first && last).toBeTruthy();
    expect((first?.unix_timestamp ?? 0) * 1000).toBeLessThanOrEqual(NOW);
    expect((last?.unix_timestamp ?? 0) * 1000).toBeGreaterThanOrEqual(NOW - 90 * 86_400_000 - 3_600_000);
    for (let i = 1; i < records.length; i++) {
      const prev = records[i - 1];
      const cur = records[i];
      if (!prev || !cur) continue;
      expect(
        prev.unix_timestamp > cur.unix_timestamp || (prev.unix_timestamp === cur.unix_timestamp && prev._id < cur._id),
      ).toBe(true);
      expect((cur.unix_timestamp + cur.duration_seconds) * 1000).toBeLessThanOrEqual(NOW);
    }
    // Business hours in Vietnam carry most calls.
    const hour = (t: number) => new Date(t * 1000 + 7 * 3_600_000).getUTCHours();
    const day = records.filter((r) => hour(r.unix_timestamp) >= 8 && hour(r.unix_timestamp) < 18).length;
    const night = records.filter((r) => hour(r.unix_timestamp) < 6).length;
    expect(day).toBeGreaterThan(records.length * 0.7);
    expect(night).toBeLessThan(records.length * 0.05);
  });

  it('uses Vietnamese numbers: 10-digit mobiles, 11-digit 028/024 landlines, some +84', () => {
    const records = make(4, 3000).history.all();
    const numbers = records
      .flatMap((r) => [r.caller, r.callee])
      .filter((p) => p.type === 'realnumber')
      .map((p) => p.number);
    expect(numbers.length).toBeGreaterThan(1000);
    for (const n of numbers) expect(n).toMatch(VIETNAM_NUMBER);
    expect(numbers.some((n) => /^0(9|3|8)\d{8}$/.test(n))).toBe(true);
    expect(numbers.some((n) => /^0(28|24)\d{8}$/.test(n))).toBe(true);
    expect(numbers.some((n) => n.startsWith('+84'))).toBe(true);
  });

  it('makes every kind of call, with consistent fields', () => {
    const state = make(5, 3000);
    const records = state.history.all();
    const seen = new Set(records.map((r) => `${r.class}/${r.direction}`));
    expect([...seen].sort()).toEqual(['one_one/from_ab', 'trunking/from_ab', 'trunking/to_ab']);
    expect(new Set(records.map((r) => r.status_detail))).toEqual(
      new Set(['IVR', 'SUCCESS', 'CANCELLED', 'BUSY', 'UNSUCCESS']),
    );
    expect(new Set(records.map((r) => r._id)).size).toBe(records.length);
    expect(new Set(records.map((r) => r.call_id)).size).toBe(records.length);
    for (const r of records) {
      expect(r._id).toMatch(/^[0-9a-f]{24}$/);
      expect(r.billing_seconds).toBeLessThanOrEqual(r.duration_seconds);
      if (r.status_detail !== 'SUCCESS') expect(r.billing_seconds).toBe(0);
      if (r.recording !== '') {
        expect(r.status_detail).toBe('SUCCESS');
        expect(r.recording).toMatch(/^call_recording_[0-9a-z]+\.wav$/);
      }
      if (r.direction === 'to_ab') expect(state.dids).toContain(r.did_number);
      else expect(r.did_number).toBeNull();
      if (r.class === 'one_one') {
        expect(r.caller.type).toBe('user');
        expect(r.callee.type).toBe('user');
      }
      for (const party of [r.caller, r.callee])
        if (party.type === 'user') expect(party.username).toMatch(/^[a-z0-9]+$/);
      for (const stat of r.queue_stat) {
        expect(stat.call_id).toBe(r.call_id);
        expect(state.queues.map((q) => q.id)).toContain(stat.queue_id);
        expect(stat.entered_timestamp).toBeGreaterThanOrEqual(r.unix_timestamp);
        if (stat.status === 'processed') expect(stat.talk_time).toBe(r.billing_seconds);
      }
    }
    expect(records.filter((r) => r.queue_stat.length > 0).length).toBeGreaterThan(500);
    expect(records.filter((r) => r.recording !== '').length).toBeGreaterThan(300);
  });
});
