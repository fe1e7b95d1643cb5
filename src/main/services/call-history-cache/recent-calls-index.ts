import type { CallDirection } from '../../../shared/domain';
import type { ScreenPopRecentCall } from '../../../shared/contract';
import { memoized } from '../../../shared/memoized';
import { normalizeVietnamPhone, phoneKey as parsePhoneKey } from '../../../shared/phone';
import type { CallRecord } from '../api/types';
import { recordKey } from '../history/record-key';

/** A name and when it was seen, so a newer sighting replaces an older one. */
interface SeenName {
  readonly name: string;
  readonly atMs: number;
}

interface IndexedCall extends ScreenPopRecentCall {
  readonly atMs: number;
}

/**
 * A number's key, remembered: filing a month of calls parses the same agents' and regular
 * callers' numbers thousands of times, and the ring path looks up numbers already seen.
 */
const phoneKey = memoized(parsePhoneKey, 20_000);

/** Records per number kept for lookup: the pop shows a handful, the rest would only cost memory. */
const DEFAULT_PER_NUMBER = 10;

/** History parties that are agents are filed under their user name too (`user:<username>`). */
export function userKey(username: string): string {
  return `user:${username.toLowerCase()}`;
}

function directionOf(record: CallRecord): CallDirection {
  if (record.class === 'one_one') return 'internal';
  return record.direction === 'to_ab' ? 'inbound' : 'outbound';
}

/** A caller-id name that is only the number again tells nothing. */
export function meaningfulName(name: unknown, number: string): string | undefined {
  if (typeof name !== 'string') return undefined;
  const trimmed = name.trim();
  if (trimmed === '' || /^[+\d\s().-]+$/.test(trimmed)) return undefined;
  if (trimmed.toLowerCase() === number.trim().toLowerCase()) return undefined;
  return trimmed;
}

/**
 * Recent calls and caller names, filed by normalized number so that the ring path answers with
 * two Map lookups and never touches the network. Fed by the history cache (whole windows at
 * start, overlapping refreshes later: records are de-duplicated) and by names seen in signals.
 */
export class RecentCallsIndex {
  readonly #calls = new Map<string, IndexedCall[]>();
  readonly #names = new Map<string, SeenName>();
  readonly #seen = new Set<string>();
  readonly #perNumber: number;

  constructor(perNumber = DEFAULT_PER_NUMBER) {
    this.#perNumber = perNumber;
  }

  /** Distinct records filed so far. */
  get size(): number {
    return this.#seen.size;
  }

  addRecords(records: readonly CallRecord[]): void {
    for (const record of records) this.addRecord(record);
  }

  addRecord(record: CallRecord): void {
    const key = recordKey(record);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const atMs = record.unix_timestamp * 1000;
    const call: IndexedCall = {
      at: new Date(atMs).toISOString(),
      atMs,
      direction: directionOf(record),
      status: record.status_detail,
      durationSeconds: record.duration_seconds,
      talkSeconds: record.billing_seconds,
      // So the pop can play the last conversation before the agent answers.
      ...(typeof record.recording === 'string' && record.recording.trim() !== ''
        ? { recording: record.recording }
        : {}),
    };
    const keys = new Set<string>();
    for (const party of [record.caller, record.callee]) {
      const number = String(party.number);
      if (number.trim() !== '') keys.add(phoneKey(number));
      if (party.type === 'user' && typeof party.username === 'string' && party.username !== '')
        keys.add(userKey(party.username));
    }
    for (const k of keys) this.#file(k, call);

    for (const stat of record.queue_stat) {
      const number =
        typeof stat['caller_id_number'] === 'string' ? stat['caller_id_number'] : String(record.caller.number);
      const name = meaningfulName(stat['caller_id_name'], number);
      if (name) this.noteName(number, name, atMs);
    }
  }

  /** A name seen for a number (queue statistics, a signal's caller name); the newest wins. */
  noteName(number: string, name: string, atMs: number): void {
    const clean = meaningfulName(name, number);
    if (!clean || number.trim() === '') return;
    const key = phoneKey(number);
    const known = this.#names.get(key);
    if (!known || known.atMs <= atMs) this.#names.set(key, { name: clean, atMs });
  }

  /** Newest first, at most `limit`; `number` in any spelling, or a `userKey(...)`. */
  recent(numberOrKey: string, limit: number): ScreenPopRecentCall[] {
    const key = numberOrKey.startsWith('user:') ? numberOrKey : phoneKey(numberOrKey);
    const calls = this.#calls.get(key) ?? [];
    return calls.slice(0, limit).map(({ atMs: _atMs, ...call }) => call);
  }

  nameFor(number: string): string | undefined {
    if (normalizeVietnamPhone(number).local === '') return undefined;
    return this.#names.get(phoneKey(number))?.name;
  }

  #file(key: string, call: IndexedCall): void {
    const list = this.#calls.get(key);
    if (!list) {
      this.#calls.set(key, [call]);
      return;
    }
    // Lists are short and mostly arrive newest first: a linear insert is the cheapest correct thing.
    let i = 0;
    while (i < list.length && (list[i]?.atMs ?? 0) >= call.atMs) i++;
    if (i >= this.#perNumber) return;
    list.splice(i, 0, call);
    if (list.length > this.#perNumber) list.length = this.#perNumber;
  }
}
