import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../soak/scenario/file';
import { estimatedMs, generateScenario } from '../../soak/scenario/generate';
import { FAULT_KINDS, laneOf, scenarioSchema, simClock, speedOf, type Scenario } from '../../soak/scenario/scenario';

/**
 * The soak's days are data from a seed: the same seed gives the same day (so a failure replays
 * with --seed), the committed scenario files are exactly what the generator makes from seed 1,
 * and a day has the shape the issue asks for.
 */

const scenarios = join(import.meta.dirname, '..', '..', 'soak', 'scenarios');

const allIds = (s: Scenario): string[] => [
  ...s.desk.flatMap((d) => (d.kind === 'waiting' ? [`${d.id}a`, `${d.id}b`] : [d.id])),
  ...s.others.map((o) => o.id),
  ...s.faults.flatMap((f) => [...(f.gapCall ? [f.gapCall.id] : []), ...(f.popCall ? [f.popCall.id] : [])]),
];

describe('soak scenarios', () => {
  it('gives the same day for the same seed, and another day for another seed', () => {
    expect(generateScenario('day', 7)).toEqual(generateScenario('day', 7));
    expect(generateScenario('day', 8)).not.toEqual(generateScenario('day', 7));
    expect(generateScenario('hour', 7)).toEqual(generateScenario('hour', 7));
  });

  it('keeps day.json and hour.json equal to what seed 1 generates', async () => {
    expect(await readScenario(join(scenarios, 'day.json'))).toEqual(generateScenario('day', 1));
    expect(await readScenario(join(scenarios, 'hour.json'))).toEqual(generateScenario('hour', 1));
  });

  it('makes a working day of at least 1,000 calls and 50 faults, with every kind of fault more than once', () => {
    const day = scenarioSchema.parse(generateScenario('day', 3));
    expect(day.hours).toBe(8);
    expect(day.desk.length + day.others.length).toBeGreaterThanOrEqual(1_000);
    expect(day.faults.length).toBeGreaterThanOrEqual(50);
    for (const kind of FAULT_KINDS) expect(day.faults.filter((f) => f.kind === kind).length).toBeGreaterThanOrEqual(2);
    const ids = allIds(day);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(day.faults.map((f) => f.id)).size).toBe(day.faults.length);
  });

  it('plays every kind of desk call, one after another, inside the day', () => {
    const day = generateScenario('day', 3);
    const kinds = new Set(
      day.desk.map((d) =>
        d.kind === 'customer' ? `customer:${d.plan.do}${d.queue === undefined ? '' : ':queue'}` : `${d.kind}`,
      ),
    );
    expect([...kinds].sort()).toEqual(
      [
        'callback',
        'colleague',
        'customer:abandon',
        'customer:answer',
        'customer:answer:queue',
        'customer:decline',
        'customer:ignore',
        'customer:ignore:queue',
        'customer:transfer',
        'waiting',
      ].sort(),
    );
    for (let i = 1; i < day.desk.length; i++) {
      const before = day.desk[i - 1];
      const call = day.desk[i];
      if (!before || !call) continue;
      // The agent has one pair of hands: the next call comes once the last one should be over.
      expect(call.at).toBeGreaterThanOrEqual(before.at + estimatedMs(before));
    }
    const end = day.hours * day.hourMs;
    for (const item of [...day.desk, ...day.others, ...day.faults]) expect(item.at).toBeLessThan(end);
    // Other agents' calls never ring this agent or the colleague who takes transfers.
    for (const call of day.others) {
      for (const agent of [call.from, call.to, ...(call.ringAgents ?? []).map((r) => r.agent)])
        expect([day.me, day.colleague]).not.toContain(agent);
    }
  });

  it('gives the short form one hour with both machine faults and a gap call in each gap', () => {
    const hour = generateScenario('hour', 1);
    expect(hour.hours).toBe(1);
    expect(
      hour.faults
        .filter((f) => laneOf(f.kind) === 'both')
        .map((f) => f.kind)
        .sort(),
    ).toEqual(['network-offline', 'suspend']);
    for (const fault of hour.faults) {
      if (fault.gapCall === undefined) continue;
      // The customer gives up before the gap closes: a call the app could not hear at all.
      expect(fault.gapCall.afterMs + fault.gapCall.ringMs).toBeLessThan(fault.durationMs ?? 25_000);
    }
    expect(hour.faults.some((f) => f.gapCall !== undefined)).toBe(true);
  });

  it('ends a popped call inside the gap of every API outage, signals restart and freeze', () => {
    const day = generateScenario('day', 5);
    const withGap = day.faults.filter(
      (f) => f.kind.startsWith('api-') || f.kind === 'signals-restart' || f.kind === 'signals-freeze',
    );
    expect(withGap.length).toBeGreaterThan(10);
    for (const fault of withGap) {
      expect(fault.popCall).toBeDefined();
      // Rung, answered and hung up while the gap is open (a freeze's lasts about 25 s).
      if (fault.popCall) expect(fault.popCall.ringMs + fault.popCall.talkMs).toBeLessThan(fault.durationMs ?? 25_000);
    }
    expect(generateScenario('hour', 1).faults.filter((f) => f.popCall !== undefined).length).toBeGreaterThan(0);
  });

  it('maps real time onto the simulated clock', () => {
    const hour = generateScenario('hour', 1);
    expect(speedOf(hour)).toBe(48);
    expect(simClock(hour, 0)).toBe('09:00');
    expect(simClock(hour, hour.hourMs / 2)).toBe('09:30');
    expect(simClock({ hourMs: 75_000, startHour: 8 }, 8 * 75_000 - 1)).toBe('15:59');
  });
});
