import type { Scenario } from '../scenario/scenario';
import { laneOf, simClock, speedOf, type Fault, type OtherCall } from '../scenario/scenario';
import { Desk, type DeskOutcome } from './desk';
import { FaultRunner, type FaultRun, type MachineState } from './faults';
import { Samplers } from './samplers';
import type { CallSpecBody } from './sandbox-control';
import type { SoakStack } from './stack';

/**
 * Plays a scenario against a running stack. Four lanes run side by side on the real clock:
 * the desk (this agent's calls, one after another), the rest of the call center (fired at their
 * times, not awaited), and two fault lanes (call signals; the SIP server) so that faults in
 * different parts of the app can overlap. A machine fault (suspend, network) takes both fault
 * lanes. A lane that is still busy when its next item is due starts it late (and says so):
 * the order of the day never changes, so a seed replays the same day.
 */

export interface OtherOutcome {
  readonly id: string;
  readonly startedAt: number;
  callId: string | undefined;
  error: string | undefined;
}

export interface DayRecord {
  readonly dayStart: number;
  dayEnd: number;
  readonly desk: DeskOutcome[];
  readonly others: OtherOutcome[];
  readonly faults: FaultRun[];
  readonly samplers: Samplers;
  /** How late lanes started their items (ms), to show how far the day drifted. */
  readonly lateness: { desk: number; faults: number };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A machine fault waits for both fault lanes; the signals lane runs it while the SIP lane waits. */
class BothLanes {
  private arrived = 0;
  private release: () => void = () => undefined;
  private finish: () => void = () => undefined;
  readonly together = new Promise<void>((resolve) => (this.release = resolve));
  readonly done = new Promise<void>((resolve) => (this.finish = resolve));
  arrive(): void {
    this.arrived++;
    if (this.arrived === 2) this.release();
  }
  finished(): void {
    this.finish();
  }
}

function otherSpec(stack: SoakStack, call: OtherCall, timeScale: number): CallSpecBody {
  return {
    direction: call.direction,
    from: call.from,
    ...(call.to === undefined ? {} : { to: call.to }),
    ...(call.did === undefined ? {} : { did: stack.dids[call.did] ?? '' }),
    ...(call.queue === undefined ? {} : { queue: stack.queueIds[call.queue] ?? '' }),
    ...(call.ringAgents === undefined ? {} : { ringAgents: call.ringAgents }),
    ringMs: call.ringMs,
    talkMs: call.talkMs,
    ...(call.holdMs === undefined ? {} : { holdMs: call.holdMs }),
    outcome: call.outcome,
    ...(call.callerName === undefined ? {} : { callerName: call.callerName }),
    callId: call.id,
    timeScale,
  };
}

export async function runDay(stack: SoakStack, scenario: Scenario, say: (line: string) => void): Promise<DayRecord> {
  const machine: MachineState = { asleep: false };
  const dayStart = Date.now();
  const samplers = new Samplers(
    stack.page,
    stack.cdp,
    () => dayStart,
    () => machine.asleep,
  );
  const record: DayRecord = {
    dayStart,
    dayEnd: dayStart,
    desk: [],
    others: [],
    faults: [],
    samplers,
    lateness: { desk: 0, faults: 0 },
  };
  await samplers.sample();
  samplers.start(5_000);
  const at = (ms: number): Promise<void> => sleep(dayStart + ms - Date.now());
  const late = (ms: number): number => Math.max(0, Date.now() - (dayStart + ms));

  const desk = new Desk(stack, () => machine.asleep);
  const deskLane = (async () => {
    for (const call of scenario.desk) {
      await at(call.at);
      await desk.ensureIdle();
      record.lateness.desk = Math.max(record.lateness.desk, late(call.at));
      record.desk.push(await desk.play(call));
    }
  })();

  const timeScale = 1 / speedOf(scenario);
  const started: Promise<void>[] = [];
  const othersLane = (async () => {
    for (const call of scenario.others) {
      await at(call.at);
      const outcome: OtherOutcome = { id: call.id, startedAt: Date.now(), callId: undefined, error: undefined };
      record.others.push(outcome);
      started.push(
        stack.control.startCall(otherSpec(stack, call, timeScale)).then(
          (callId) => void (outcome.callId = callId),
          (error: unknown) => void (outcome.error = error instanceof Error ? error.message : String(error)),
        ),
      );
    }
    await Promise.all(started);
  })();

  const runner = new FaultRunner(stack, machine);
  const gates = new Map<string, BothLanes>();
  const gateOf = (fault: Fault): BothLanes => {
    const gate = gates.get(fault.id) ?? new BothLanes();
    gates.set(fault.id, gate);
    return gate;
  };
  const runFault = async (fault: Fault): Promise<void> => {
    record.lateness.faults = Math.max(record.lateness.faults, late(fault.at));
    const run = await runner.run(fault);
    record.faults.push(run);
    const took = run.recoveryMs === undefined ? 'NOT RECOVERED' : `${(run.recoveryMs / 1000).toFixed(1)} s`;
    say(`soak: ${simClock(scenario, fault.at)} ${fault.kind} → back in ${took}`);
  };
  const faultLane = (lane: 'signals' | 'sip') =>
    (async () => {
      for (const fault of scenario.faults) {
        const faultLane = laneOf(fault.kind);
        if (faultLane !== lane && faultLane !== 'both') continue;
        await at(fault.at);
        if (faultLane === 'both') {
          const gate = gateOf(fault);
          gate.arrive();
          if (lane === 'signals') {
            await gate.together;
            await runFault(fault);
            gate.finished();
          } else await gate.done;
          continue;
        }
        await runFault(fault);
      }
    })();

  let hour = 0;
  const progress = setInterval(() => {
    const now = Date.now() - dayStart;
    if (now < (hour + 1) * scenario.hourMs) return;
    hour++;
    const popped = stack.probe.pops.length;
    say(
      `soak: ${simClock(scenario, hour * scenario.hourMs)} — ${record.desk.length} desk calls, ` +
        `${record.others.length} other calls, ${record.faults.length} faults, ${popped} pops`,
    );
  }, 1_000);

  try {
    await Promise.all([deskLane, othersLane, faultLane('signals'), faultLane('sip')]);
  } finally {
    clearInterval(progress);
    samplers.stop();
  }
  record.dayEnd = Date.now();
  await samplers.sample();
  return record;
}
