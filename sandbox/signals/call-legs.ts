import { createHash, randomUUID } from 'node:crypto';
import type { SandboxAgent, SandboxQueue, SandboxState } from '../state';
import { CARRIER_IP, type Leg } from './events';
import type { Party } from './history-record';

/**
 * The channels of a call as the switch sees them (PROTOCOL.md, "Legs"): leg A is the caller's
 * channel, the B legs go to the callee. Shared by the call simulator (scripted calls) and the
 * live call ledger (calls the platform phone really makes), so both describe a call alike.
 */

/** What a leg-building caller knows about the parties of a call. */
export interface LegParties {
  readonly direction: 'inbound' | 'outbound' | 'internal';
  readonly caller: Party;
  readonly callee: Party;
  /** Inbound: the company DID the customer dialled. */
  readonly did: string | null;
  readonly queue: SandboxQueue | undefined;
}

/** A leg as a test sees it (`POST /calls` answers with these). */
export interface LegInfo {
  readonly callId: string;
  readonly role: 'caller' | 'callee';
  readonly callDirection: 'inbound' | 'outbound';
  readonly otherLegCallId: string;
  /** The agent whose device this leg is, if any (`custom_channel_vars.owner_id`). */
  readonly ownerId: string | null;
}

export function legInfo(leg: Leg, role: LegInfo['role'], otherLegCallId: string): LegInfo {
  return {
    callId: leg.callId,
    role,
    callDirection: leg.direction,
    otherLegCallId,
    ownerId: leg.customChannelVars['owner_id'] ?? null,
  };
}

/** A stable device id per agent (Kazoo's `authorizing_id` for a device). */
export function deviceIdOf(agent: SandboxAgent): string {
  return createHash('sha256').update(`device:${agent.id}`).digest('hex').slice(0, 32);
}

/** A Kazoo-style call id (FreeSWITCH UUIDs). */
export function newCallId(): string {
  return randomUUID();
}

export function agentExtension(agent: SandboxAgent): string {
  return agent.extensions[0] ?? agent.sipUser;
}

function deviceVars(
  state: SandboxState,
  agent: SandboxAgent,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    account_id: state.accountId,
    owner_id: agent.id,
    authorizing_id: deviceIdOf(agent),
    authorizing_type: 'device',
    username: agent.sipUser,
    realm: state.domain,
    channel_authorized: 'true',
    ...extra,
  };
}

function leg(fields: Omit<Leg, 'otherLegCallId' | 'createdAtMs' | 'answeredAtMs'>, otherLegCallId?: string): Leg {
  return { ...fields, otherLegCallId, createdAtMs: undefined, answeredAtMs: undefined };
}

function queueVars(parties: LegParties): Record<string, string> {
  return parties.queue ? { queue_id: parties.queue.id } : {};
}

/** Leg A: the customer's trunk channel (inbound) or the calling agent's device (outbound, internal). */
export function callerLeg(state: SandboxState, parties: LegParties, aId: string): Leg {
  const { domain, accountId } = state;
  const { caller, callee } = parties;
  if (parties.direction === 'inbound') {
    if (caller.kind !== 'number') throw new Error('an inbound call comes from a number');
    const did = parties.did ?? '';
    return leg({
      callId: aId,
      direction: 'inbound',
      callerIdName: caller.name,
      callerIdNumber: caller.number,
      calleeIdName: did,
      calleeIdNumber: did,
      request: `${did}@${domain}`,
      to: `${did}@${domain}`,
      from: `${caller.number}@${CARRIER_IP}`,
      presenceId: `${did}@${domain}`,
      customChannelVars: {
        account_id: accountId,
        inception: `${did}@${CARRIER_IP}`,
        authorizing_type: 'resource',
        ...queueVars(parties),
      },
    });
  }
  if (caller.kind !== 'agent') throw new Error('outbound and internal calls start from an agent');
  const from = caller.agent;
  const [calleeName, calleeNumber] =
    callee.kind === 'agent' ? [callee.agent.name, agentExtension(callee.agent)] : [callee.number, callee.number];
  return leg({
    callId: aId,
    direction: 'inbound',
    callerIdName: from.name,
    callerIdNumber: agentExtension(from),
    calleeIdName: calleeName,
    calleeIdNumber: calleeNumber,
    request: `${calleeNumber}@${domain}`,
    to: `${calleeNumber}@${domain}`,
    from: `${from.sipUser}@${domain}`,
    presenceId: `${from.sipUser}@${domain}`,
    customChannelVars: deviceVars(state, from, { bridge_id: aId }),
  });
}

/**
 * A channel to an agent's device that shows `shown` as the caller: the agent rung by an
 * inbound call (the customer shown), the agent called internally (the colleague shown), or
 * the target of a transfer.
 */
export function agentDeviceLeg(
  state: SandboxState,
  agent: SandboxAgent,
  shown: Party,
  aId: string,
  callId: string,
  queue?: SandboxQueue,
): Leg {
  const { domain } = state;
  const [name, number, fromUser] =
    shown.kind === 'agent'
      ? [shown.agent.name, agentExtension(shown.agent), shown.agent.sipUser]
      : [shown.name, shown.number, shown.number];
  return leg(
    {
      callId,
      direction: 'outbound',
      callerIdName: name,
      callerIdNumber: number,
      calleeIdName: agent.name,
      calleeIdNumber: agentExtension(agent),
      request: `${agent.sipUser}@${domain}`,
      to: `${agent.sipUser}@${domain}`,
      from: `${fromUser}@${domain}`,
      presenceId: `${agent.sipUser}@${domain}`,
      customChannelVars: deviceVars(state, agent, { ...(queue ? { queue_id: queue.id } : {}), bridge_id: aId }),
    },
    aId,
  );
}

/** Outbound to the carrier: the company's DID is the external caller id. */
export function carrierLeg(state: SandboxState, from: SandboxAgent, number: string, aId: string, callId: string): Leg {
  const { domain, accountId } = state;
  const externalCallerId = state.dids[0] ?? agentExtension(from);
  return leg(
    {
      callId,
      direction: 'outbound',
      callerIdName: externalCallerId,
      callerIdNumber: externalCallerId,
      calleeIdName: number,
      calleeIdNumber: number,
      request: `${number}@${CARRIER_IP}`,
      to: `${number}@${CARRIER_IP}`,
      from: `${externalCallerId}@${domain}`,
      presenceId: `${from.sipUser}@${domain}`,
      customChannelVars: {
        account_id: accountId,
        authorizing_id: deviceIdOf(from),
        authorizing_type: 'device',
        resource_type: 'offnet-termination',
        global_resource: 'false',
        bridge_id: aId,
      },
    },
    aId,
  );
}

/** The callee's leg: the agent's device (inbound: `agent`, the one rung now; internal: the callee) or the carrier. */
export function calleeLeg(
  state: SandboxState,
  parties: LegParties,
  aId: string,
  callId: string,
  agent?: SandboxAgent,
): Leg {
  const { caller, callee } = parties;
  if (parties.direction === 'inbound') {
    const rung = agent ?? (callee.kind === 'agent' ? callee.agent : undefined);
    if (!rung) throw new Error('an inbound call rings an agent');
    return agentDeviceLeg(state, rung, caller, aId, callId, parties.queue);
  }
  if (caller.kind !== 'agent') throw new Error('outbound and internal calls start from an agent');
  if (callee.kind === 'agent') return agentDeviceLeg(state, callee.agent, caller, aId, callId);
  return carrierLeg(state, caller.agent, callee.number, aId, callId);
}
