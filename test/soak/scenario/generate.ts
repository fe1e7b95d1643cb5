import { Rng } from '../../../sandbox/random';
import {
  SCENARIO_VERSION,
  type DeskCall,
  type DeskPlan,
  type Fault,
  type FaultKind,
  type OtherCall,
  type Scenario,
} from './scenario';

/**
 * A working day (or one hour of it) from a seed: the same seed always gives the same day, so a
 * failure seen once can be replayed with `npm run soak -- --seed N`. Pure: no clock, no I/O.
 *
 * The pace: about 140 calls a simulated hour for the whole call center at the busiest hours
 * (less at lunch), of which this agent takes what one person can (a call every few seconds of
 * real time, each really rung over SIP); seven faults an hour, spread over the call signals,
 * the SIP server and the machine itself.
 */

export type ScenarioName = Scenario['name'];

/** Real ms per simulated hour: a day of 8 hours takes 10 minutes. */
export const HOUR_MS = 75_000;
const START_HOUR = 8;
const DAY_HOURS = 8;
/** The call center's relative load from 08:00 (lunch at 12:00). */
const HOUR_LOAD = [0.9, 1, 1, 1, 0.45, 0.8, 1, 1];
/** Calls elsewhere in the center per simulated hour at full load. */
const OTHER_CALLS_PER_HOUR = 140;

const ME = 'agent8001';
/** Takes the transfers: a desk phone the soak registers. */
const COLLEAGUE = 'agent8003';
/** Everyone else: their phones are not registered, so their calls are scripted. */
const OTHERS = ['agent8002', 'agent8004', 'agent8005', 'agent8006', 'agent8007', 'agent8008', 'agent8009', 'agent8010'];

/** The signals faults an hour draws from, in turn (after its first: a plain drop). */
const SIGNALS_ROTATION: readonly FaultKind[] = [
  'token-expiry',
  'api-503',
  'signals-restart',
  'api-500',
  'signals-freeze',
  'api-hang',
  'signals-garbage',
  'api-malformed',
  'signals-flap',
  'signals-drop',
];

/** The day starts at 08:00; the hour's scenario is the busy 09:00–10:00. */
const startHourOf = (name: ScenarioName): number => (name === 'day' ? START_HOUR : START_HOUR + 1);

export function generateScenario(name: ScenarioName, seed: number): Scenario {
  const rng = Rng.stream(seed, `soak-${name}`);
  const hours = name === 'day' ? DAY_HOURS : 1;
  const numbers = new UniqueNumbers(rng);
  const desk: DeskCall[] = [];
  const others: OtherCall[] = [];
  const faults: Fault[] = [];
  // The hour is a sample of the day: every kind of desk call once, in a seeded order.
  const bag = new DeskBag(rng, name === 'hour' ? HOUR_DESK_KINDS : DESK_KINDS);
  let callIndex = 0;
  const nextId = (): string => `s${seed}-${name[0]}${String(++callIndex).padStart(4, '0')}`;

  for (let hour = 0; hour < hours; hour++) {
    const hourStart = hour * HOUR_MS;
    const load = HOUR_LOAD[(startHourOf(name) - START_HOUR + hour) % HOUR_LOAD.length] ?? 1;

    // This agent's calls, one after another, as long as they fit in the hour.
    let at = hourStart + rng.int(1_000, 2_500);
    for (;;) {
      const call = bag.next(at, nextId, numbers);
      if (at + estimatedMs(call) > hourStart + HOUR_MS - 1_000) {
        bag.putBack(call);
        break;
      }
      desk.push(call);
      at += estimatedMs(call) + rng.int(1_000, 2_500);
    }

    const count = Math.round(OTHER_CALLS_PER_HOUR * load);
    const times = Array.from({ length: count }, () => hourStart + rng.int(0, HOUR_MS - 1)).sort((a, b) => a - b);
    for (const time of times) others.push(otherCall(rng, nextId(), time, numbers));

    faults.push(...hourFaults(rng, name, hour, hourStart, nextId, numbers));
  }
  faults.sort((a, b) => a.at - b.at);
  faults.forEach((fault, index) => Object.assign(fault, { id: `f${index + 1}` }));

  return {
    version: SCENARIO_VERSION,
    name,
    seed,
    hours,
    hourMs: HOUR_MS,
    startHour: startHourOf(name),
    me: ME,
    colleague: COLLEAGUE,
    desk,
    others,
    faults,
  };
}

/** Customer numbers that do not repeat within a day, so a ringing call is known by its number. */
class UniqueNumbers {
  private readonly seen = new Set<string>();
  constructor(private readonly rng: Rng) {}
  next(): string {
    for (;;) {
      const number = `0${this.rng.pick(['90', '91', '93', '97', '98', '32', '35', '86', '88', '70'])}${this.rng.digits(7)}`;
      if (!this.seen.has(number)) {
        this.seen.add(number);
        return number;
      }
    }
  }
}

type DeskKind =
  | 'answer-agent-hangs-up'
  | 'answer-caller-hangs-up'
  | 'decline'
  | 'ignore'
  | 'abandon'
  | 'queue-answer'
  | 'queue-missed-then-taken'
  | 'colleague-answer'
  | 'colleague-missed'
  | 'callback'
  | 'transfer'
  | 'waiting';

const DESK_KINDS: readonly DeskKind[] = [
  'answer-agent-hangs-up',
  'answer-caller-hangs-up',
  'decline',
  'ignore',
  'abandon',
  'queue-answer',
  'queue-missed-then-taken',
  'colleague-answer',
  'colleague-missed',
  'callback',
  'callback',
  'transfer',
  'waiting',
];

const HOUR_DESK_KINDS: readonly DeskKind[] = [
  'queue-answer',
  'transfer',
  'decline',
  'callback',
  'waiting',
  'ignore',
  'colleague-answer',
  'abandon',
  'queue-missed-then-taken',
];

/** Every kind of desk call in turn (a shuffled bag), so each hour sees a bit of everything. */
class DeskBag {
  private pending: DeskKind[] = [];
  private readonly returned: DeskCall[] = [];
  constructor(
    private readonly rng: Rng,
    private readonly kinds: readonly DeskKind[],
  ) {}

  next(at: number, nextId: () => string, numbers: UniqueNumbers): DeskCall {
    const back = this.returned.shift();
    if (back) return { ...back, at };
    if (this.pending.length === 0) this.pending = this.rng.sample(this.kinds, this.kinds.length);
    const kind = this.pending.shift() ?? 'answer-caller-hangs-up';
    return deskCall(this.rng, kind, at, nextId(), numbers);
  }

  putBack(call: DeskCall): void {
    this.returned.push(call);
  }
}

const answer = (rng: Rng, hangup: 'agent' | 'caller'): DeskPlan => ({
  do: 'answer',
  afterMs: rng.int(800, 2_000),
  talkMs: rng.int(1_500, 4_000),
  hangup,
});

function deskCall(rng: Rng, kind: DeskKind, at: number, id: string, numbers: UniqueNumbers): DeskCall {
  const did = rng.int(0, 2);
  const customer = (
    plan: DeskPlan,
    ringMs: number,
    extra: Partial<DeskCall & { kind: 'customer' }> = {},
  ): DeskCall => ({
    kind: 'customer',
    id,
    at,
    from: numbers.next(),
    ...(rng.chance(0.4)
      ? { callerName: rng.pick(['Nguyễn Thị Mai', 'Trần Văn Bình', 'Lê Hoàng Nam', 'Phạm Thu Hà']) }
      : {}),
    did,
    ringMs,
    plan,
    ...extra,
  });
  switch (kind) {
    case 'answer-agent-hangs-up':
      return customer(answer(rng, 'agent'), 9_000);
    case 'answer-caller-hangs-up':
      return customer(answer(rng, 'caller'), 9_000);
    case 'decline':
      return customer({ do: 'decline', afterMs: rng.int(800, 2_000) }, 9_000);
    case 'ignore':
      return customer({ do: 'ignore' }, rng.int(3_000, 5_000));
    case 'abandon':
      return customer({ do: 'abandon' }, rng.int(1_500, 3_000));
    case 'queue-answer':
      return customer(answer(rng, rng.chance(0.5) ? 'agent' : 'caller'), 9_000, {
        queue: rng.int(0, 2),
        ringFirst: [{ agent: rng.pick(OTHERS), ringMs: rng.int(800, 1_500) }],
      });
    case 'queue-missed-then-taken':
      return customer({ do: 'ignore' }, rng.int(2_500, 3_500), { queue: rng.int(0, 2), ringAfter: rng.pick(OTHERS) });
    case 'colleague-answer':
      return { kind: 'colleague', id, at, from: rng.pick(OTHERS), ringMs: 9_000, plan: answer(rng, 'agent') };
    case 'colleague-missed':
      return {
        kind: 'colleague',
        id,
        at,
        from: rng.pick(OTHERS),
        ringMs: rng.int(2_500, 4_000),
        plan: { do: 'ignore' },
      };
    case 'callback':
      return { kind: 'callback', id, at, number: numbers.next(), talkMs: rng.int(1_500, 3_500) };
    case 'transfer':
      return customer(
        { do: 'transfer', afterMs: rng.int(800, 1_500), talkMs: rng.int(1_000, 2_000), to: COLLEAGUE },
        9_000,
      );
    case 'waiting':
      return {
        kind: 'waiting',
        id,
        at,
        first: { from: numbers.next(), afterMs: rng.int(800, 1_500) },
        second: {
          from: numbers.next(),
          startAfterMs: rng.int(1_000, 2_000),
          afterMs: rng.int(800, 1_500),
          talkMs: rng.int(1_500, 2_500),
        },
        resumeTalkMs: rng.int(1_000, 2_000),
      };
  }
}

/** Real time a desk call keeps the agent busy, with room for call set-up and tear-down. */
export function estimatedMs(call: DeskCall): number {
  const setup = 2_000;
  switch (call.kind) {
    case 'customer':
    case 'colleague': {
      const first = call.kind === 'customer' ? (call.ringFirst ?? []).reduce((sum, r) => sum + r.ringMs, 0) : 0;
      const after = call.kind === 'customer' && call.ringAfter !== undefined ? 3_000 : 0;
      const plan = call.plan;
      if (plan.do === 'answer') return setup + first + plan.afterMs + plan.talkMs;
      if (plan.do === 'transfer') return setup + first + plan.afterMs + plan.talkMs + 4_000;
      if (plan.do === 'decline') return setup + first + plan.afterMs + after;
      return setup + first + call.ringMs + after;
    }
    case 'callback':
      return setup + 1_500 + call.talkMs;
    case 'waiting':
      return (
        setup +
        call.first.afterMs +
        call.second.startAfterMs +
        call.second.afterMs +
        call.second.talkMs +
        call.resumeTalkMs +
        4_000
      );
  }
}

const customerNames = ['Nguyễn Văn Hải', 'Lê Thị Thu', 'Công ty Minh Phát', 'Trần Quốc Toàn', 'Đỗ Thị Hằng'];

/** A call elsewhere in the center, with call-time durations a real call center sees. */
function otherCall(rng: Rng, id: string, at: number, numbers: UniqueNumbers): OtherCall {
  const kind = rng.weighted({ direct: 35, queue: 30, outbound: 25, internal: 10 });
  const ringMs = rng.int(4_000, 25_000);
  const talkMs = Math.round(20_000 + Math.pow(rng.float(), 2.2) * 880_000);
  const hold = rng.chance(0.2) ? { holdMs: rng.int(10_000, 60_000) } : {};
  const name = rng.chance(0.3) ? { callerName: rng.pick(customerNames) } : {};
  if (kind === 'direct') {
    const outcome = rng.weighted<OtherCall['outcome']>({ answered: 65, missed: 15, cancelled: 12, busy: 4, failed: 4 });
    return {
      id,
      at,
      direction: 'inbound',
      from: numbers.next(),
      to: rng.pick(OTHERS),
      did: rng.int(0, 2),
      ringMs,
      talkMs,
      ...hold,
      outcome,
      ...name,
    };
  }
  if (kind === 'queue') {
    const outcome = rng.weighted<OtherCall['outcome']>({ answered: 70, missed: 15, cancelled: 15 });
    const agents = rng.sample(OTHERS, rng.int(1, 3)).map((agent) => ({ agent, ringMs: rng.int(8_000, 20_000) }));
    return {
      id,
      at,
      direction: 'inbound',
      from: numbers.next(),
      did: rng.int(0, 2),
      queue: rng.int(0, 2),
      ringAgents: agents,
      ringMs,
      talkMs,
      ...hold,
      outcome,
      ...name,
    };
  }
  if (kind === 'outbound') {
    const outcome = rng.weighted<OtherCall['outcome']>({
      answered: 55,
      busy: 12,
      failed: 10,
      cancelled: 15,
      missed: 8,
    });
    return {
      id,
      at,
      direction: 'outbound',
      from: rng.pick(OTHERS),
      to: numbers.next(),
      ringMs,
      talkMs,
      ...hold,
      outcome,
    };
  }
  const [from, to] = rng.sample(OTHERS, 2);
  const outcome = rng.weighted<OtherCall['outcome']>({ answered: 75, missed: 15, busy: 5, cancelled: 5 });
  return {
    id,
    at,
    direction: 'internal',
    from: from ?? OTHERS[0] ?? ME,
    to: to ?? OTHERS[1] ?? ME,
    ringMs,
    talkMs: Math.round(talkMs / 3),
    outcome,
  };
}

/** Durations of the faults that last (real ms). */
function durationOf(rng: Rng, kind: FaultKind): number | undefined {
  switch (kind) {
    case 'signals-restart':
      return rng.int(6_000, 9_000);
    case 'signals-flap':
      return 15_000;
    case 'api-500':
    case 'api-503':
    case 'api-hang':
    case 'api-malformed':
      return rng.int(10_000, 16_000);
    case 'kamailio-freeze':
      // Some shorter than the phone's 20 s keepalive (unnoticed), some longer (a dead socket).
      return rng.chance(0.5) ? rng.int(5_000, 12_000) : rng.int(21_000, 26_000);
    case 'suspend':
      return rng.int(8_000, 18_000);
    case 'network-offline':
      return rng.int(6_000, 12_000);
    default:
      return undefined;
  }
}

/** Faults that open a gap of several seconds in what the app hears: a customer calls meanwhile. */
const GAP_FAULTS: ReadonlySet<FaultKind> = new Set([
  'signals-restart',
  'signals-freeze',
  'signals-flap',
  'api-500',
  'api-503',
  'api-hang',
  'api-malformed',
  'suspend',
  'network-offline',
]);

/** Faults whose gap is long enough for a popped call to end inside it. */
const POP_FAULTS: ReadonlySet<FaultKind> = new Set([
  'signals-restart',
  'signals-freeze',
  'api-500',
  'api-503',
  'api-hang',
  'api-malformed',
]);

function fault(rng: Rng, kind: FaultKind, at: number, callId: () => string, numbers: UniqueNumbers): Fault {
  const durationMs = durationOf(rng, kind);
  const gap = GAP_FAULTS.has(kind)
    ? { gapCall: { id: callId(), from: numbers.next(), afterMs: 1_000, ringMs: 2_000 } }
    : {};
  const pop = POP_FAULTS.has(kind)
    ? { popCall: { id: callId(), from: numbers.next(), ringMs: 800, talkMs: 3_000 } }
    : {};
  return { id: 'f0', at, kind, ...(durationMs === undefined ? {} : { durationMs }), ...gap, ...pop };
}

/**
 * Seven faults an hour (the hour's scenario: eight, with both machine faults): in the signals
 * lane a drop and three from the rotation; in the SIP lane a Kamailio restart and a freeze; one
 * machine fault (suspend and resume, or the network going offline), alternating by hour.
 */
function hourFaults(
  rng: Rng,
  name: ScenarioName,
  hour: number,
  hourStart: number,
  nextId: () => string,
  numbers: UniqueNumbers,
): Fault[] {
  const jitter = (ms: number): number => hourStart + ms + rng.int(-2_000, 2_000);
  const make = (kind: FaultKind, at: number): Fault => fault(rng, kind, at, nextId, numbers);
  const rotation =
    name === 'hour'
      ? (['api-503', 'token-expiry', 'signals-garbage'] as const)
      : [0, 1, 2].map((i) => SIGNALS_ROTATION[(hour * 3 + i) % SIGNALS_ROTATION.length] ?? 'signals-drop');
  const list: Fault[] = [
    make('signals-drop', jitter(5_000)),
    ...rotation.map((kind, i) => make(kind, jitter(20_000 + i * 17_000))),
  ];
  const sip: FaultKind[] =
    hour % 2 === 0 ? ['kamailio-restart', 'kamailio-freeze'] : ['kamailio-freeze', 'kamailio-restart'];
  list.push(make(sip[0] ?? 'kamailio-restart', jitter(12_000)), make(sip[1] ?? 'kamailio-freeze', jitter(44_000)));
  if (name === 'hour') list.push(make('network-offline', jitter(30_000)), make('suspend', jitter(64_000)));
  else list.push(make(hour % 2 === 0 ? 'suspend' : 'network-offline', jitter(64_000)));
  return list;
}
