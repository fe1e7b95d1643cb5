/** A scripted stand-in for fetch: records what was sent and answers from a queue. */
export interface SentRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export type Reply =
  | { status: number; body?: unknown; text?: string; headers?: Record<string, string> }
  | { networkError: true }
  | { hang: true };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

export function fakeFetch(replies: Reply[] | ((req: SentRequest) => Reply)) {
  const sent: SentRequest[] = [];
  const queue = Array.isArray(replies) ? [...replies] : undefined;
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const req: SentRequest = {
      url,
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    sent.push(req);
    const reply = queue ? queue.shift() : (replies as (r: SentRequest) => Reply)(req);
    if (!reply) throw new Error(`fakeFetch: no reply scripted for request #${sent.length}`);
    if ('networkError' in reply) throw new TypeError('fetch failed');
    if ('hang' in reply) {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    return new Response(text === '' ? null : text, {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };
  return { fetch: fetchImpl as typeof fetch, sent };
}

export function fakeSleep() {
  const waits: number[] = [];
  return { sleep: async (ms: number) => void waits.push(ms), waits };
}

export const CONFIG = {
  baseUrl: 'https://api.example.test',
  appId: '6544646543674',
  appSecret: '123456',
  domain: 'acme.antbuddy.com',
  email: 'ops@acme.vn',
} as const;

export function sampleRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    caller: { number: '01693608879', type: 'realnumber' },
    callee: { number: 'thutranhtkbee', type: 'user', username: 'thutran' },
    class: 'trunking',
    did_number: '02873019555',
    direction: 'to_ab',
    status_detail: 'SUCCESS',
    duration_seconds: 50,
    unix_timestamp: 1519639917,
    billing_seconds: 43,
    recording: 'call_recording_dl5m5j5hfh4n8njj1oor.mp3',
    queue_stat: [],
    ...overrides,
  };
}
