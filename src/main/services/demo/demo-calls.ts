import type { DemoCallKind } from '../../../shared/first-run';
import type { DemoCallSpec, DemoCustomer, DemoSandboxAgent, DemoSandboxQueue } from './demo-sandbox';

/**
 * The calls the Demo panel starts, as sandbox call specs. Over SIP the in-app phone decides
 * what happens (answer, decline, let it ring); without SIP the sandbox scripts the agent's
 * side, so the screen-pop still rings, is answered and ends.
 */

/** A real device gets the ring time of a real call; a scripted one rings long enough to read the pop. */
const RING_MS = { overSip: 30_000, scripted: 10_000 } as const;
/** The caller of a "missed" call gives up after this, answered or not. */
const MISSED_RING_MS = 8_000;
/** How long a scripted answered call talks before the caller hangs up. */
const SCRIPTED_TALK_MS = 15_000;

export interface DemoCallContext {
  readonly agent: DemoSandboxAgent;
  readonly queues: readonly DemoSandboxQueue[];
  readonly customer: DemoCustomer;
  readonly overSip: boolean;
}

/** The queue a queue call goes through: one this agent belongs to, else the company's first. */
export function queueFor(agent: DemoSandboxAgent, queues: readonly DemoSandboxQueue[]): DemoSandboxQueue | undefined {
  return queues.find((queue) => queue.agentIds.includes(agent.id)) ?? queues[0];
}

export function demoCallSpec(kind: DemoCallKind, context: DemoCallContext): DemoCallSpec {
  const { agent, customer, overSip } = context;
  const base = {
    direction: 'inbound' as const,
    from: customer.number,
    to: agent.sipUser,
    ...(customer.name ? { callerName: customer.name } : {}),
  };
  const answered = {
    outcome: 'answered' as const,
    ringMs: overSip ? RING_MS.overSip : RING_MS.scripted,
    // Over SIP the talk lasts until someone hangs up; scripted, the caller hangs up after a while.
    ...(overSip ? {} : { talkMs: SCRIPTED_TALK_MS }),
  };
  switch (kind) {
    case 'inbound':
      return { ...base, ...answered };
    case 'queue': {
      const queue = queueFor(agent, context.queues);
      return { ...base, ...(queue ? { queue: queue.id } : {}), ...answered };
    }
    case 'missed':
      // The caller gives up while it still rings: a missed call, unless the agent answers first.
      return { ...base, outcome: 'cancelled', ringMs: MISSED_RING_MS };
  }
}
