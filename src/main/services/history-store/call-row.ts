import type { CallDirection } from '../../../shared/domain';
import type { HistoryStatus } from '../../../shared/history';
import { normalizeVietnamPhone, phoneKey } from '../../../shared/phone';
import type { CallParty, CallRecord } from '../api/types';
import { meaningfulName } from '../history/caller-name';
import { recordKey } from '../history/record-key';
import { agentTokensOf, type AgentToken } from './agent-tokens';
import { searchDigits, searchNames } from './search-text';
import { callDirectionOf, statusClassOf } from './status-class';

/** One record as the calls table stores it (column for column), with its search text and agent identities. */
export interface CallRow {
  readonly recordKey: string;
  readonly startMs: number;
  readonly direction: CallDirection;
  readonly statusClass: HistoryStatus;
  readonly statusDetail: string;
  readonly partyRaw: string;
  readonly partyDisplay: string;
  readonly partyE164: string | null;
  readonly partyLocal: string;
  readonly partyKey: string;
  readonly partyIsExtension: boolean;
  readonly partyName: string | null;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly calleeNumber: string;
  readonly calleeName: string | null;
  readonly agentNumber: string | null;
  readonly agentUsername: string | null;
  readonly didNumber: string | null;
  readonly queueId: string | null;
  readonly durationSeconds: number;
  readonly talkSeconds: number;
  readonly recording: string | null;
  readonly rawJson: string;
  readonly agentTokens: readonly AgentToken[];
  readonly searchDigits: string;
  readonly searchNames: string;
}

const nonEmpty = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const wholeSeconds = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;

/** A user's name on the platform; otherwise a name the record carries next to the number. */
function partyNameOf(party: CallParty): string | null {
  const number = String(party.number);
  if (party.type === 'user') return nonEmpty(party.username) ?? nonEmpty(party['name']);
  return meaningfulName(party['name'], number) ?? null;
}

/** The caller-id name a queue saw for the caller (customers have no other name in the history). */
function queueCallerName(record: CallRecord): string | null {
  for (const stat of record.queue_stat) {
    const number =
      typeof stat['caller_id_number'] === 'string' ? stat['caller_id_number'] : String(record.caller.number);
    const name = meaningfulName(stat['caller_id_name'], number);
    if (name) return name;
  }
  return null;
}

function queueIdOf(record: CallRecord): string | null {
  for (const stat of record.queue_stat) {
    const id = nonEmpty(stat.queue_id);
    if (id) return id;
  }
  return null;
}

export function toCallRow(record: CallRecord): CallRow {
  const direction = callDirectionOf(record);
  const statusDetail = String(record.status_detail ?? '');
  const callerNumber = String(record.caller.number);
  const calleeNumber = String(record.callee.number);
  const callerName = partyNameOf(record.caller) ?? (direction === 'inbound' ? queueCallerName(record) : null);
  const calleeName = partyNameOf(record.callee);
  // The other side from the company's point of view; the company side is the agent.
  const partyIsCaller = direction === 'inbound';
  const party = partyIsCaller ? record.caller : record.callee;
  const agent = partyIsCaller ? record.callee : record.caller;
  const partyRaw = String(party.number);
  const phone = normalizeVietnamPhone(partyRaw);
  const recording = nonEmpty(record.recording);
  const names = {
    callerNumber,
    calleeNumber,
    callerName,
    calleeName,
    partyName: partyIsCaller ? callerName : calleeName,
  };
  return {
    recordKey: recordKey(record),
    startMs: Math.round(record.unix_timestamp * 1000),
    direction,
    statusClass: statusClassOf(direction, statusDetail),
    statusDetail,
    partyRaw,
    partyDisplay: phone.national,
    partyE164: phone.e164 ?? null,
    partyLocal: phone.local,
    partyKey: phoneKey(partyRaw),
    partyIsExtension: phone.isExtension,
    partyName: names.partyName,
    callerNumber,
    callerName,
    calleeNumber,
    calleeName,
    agentNumber: nonEmpty(String(agent.number)),
    agentUsername: nonEmpty(agent.username),
    didNumber: nonEmpty(record.did_number),
    queueId: queueIdOf(record),
    durationSeconds: wholeSeconds(record.duration_seconds),
    talkSeconds: wholeSeconds(record.billing_seconds),
    recording,
    rawJson: JSON.stringify(record),
    agentTokens: agentTokensOf(record),
    searchDigits: searchDigits(names),
    searchNames: searchNames(names),
  };
}
