/** What the sandbox remembers of each API request (control requests are not logged). */
export interface RequestLogEntry {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  /** Query parameters; `hash` and `Signature` are replaced by "[redacted]". */
  readonly query: Readonly<Record<string, string>>;
  /** Unix ms on the sandbox clock when the request arrived. */
  readonly time: number;
  /** HTTP status sent, or null while unanswered (a hanging request stays null). */
  status: number | null;
  /** Injected fault that decided the answer, if any. */
  fault?: 'status' | 'hang' | 'reset' | 'malformed' | 'rate_limited';
}

const REDACTED = new Set(['hash', 'signature']);
const MAX_ENTRIES = 10_000;

export function redactQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = REDACTED.has(key.toLowerCase()) ? '[redacted]' : value;
  return out;
}

/** A bounded, append-only log; `entries` is the live array (tests read it directly). */
export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private nextId = 1;

  add(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry {
    const full: RequestLogEntry = { id: this.nextId++, ...entry };
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  clear(): number {
    const count = this.entries.length;
    this.entries.length = 0;
    return count;
  }
}
