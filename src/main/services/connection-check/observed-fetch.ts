import { causeCodeOf } from './network-cause';

/**
 * What the last request really met, seen from around the API client's fetch: the client turns
 * every failure into a safe, general AppError (no cause, no body), which is right for the app
 * but too little for Test connection, which must say *which* setting is wrong.
 */
export type FetchObservation =
  /** No answer: `code` from the socket error (ECONNREFUSED, CERT_HAS_EXPIRED…), `aborted` on timeout. */
  | { readonly kind: 'threw'; readonly code?: string; readonly aborted: boolean }
  /** An answer; for a refusal, which credential its reason blames (the reason itself is not kept). */
  | { readonly kind: 'answered'; readonly status: number; readonly blames?: RefusalBlame };

export type RefusalBlame = 'appId' | 'signature';

export interface ObservedFetch {
  readonly fetch: typeof fetch;
  last(): FetchObservation | undefined;
}

/** The start of a refusal is enough to read its reason; the rest is never looked at. */
const PEEK_BYTES = 4096;

async function peekText(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < PEEK_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Aborted (the client's timeout) or cut off: no reason to read.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, PEEK_BYTES);
}

/**
 * Which credential a refusal's reason names. AntBuddy's wording is not documented, so only a
 * reason that names exactly one of them counts (the sandbox: `Unknown appId`, `Invalid hash`).
 */
export function refusalBlame(reason: string): RefusalBlame | undefined {
  const appId = /\bapp[\s_-]?id\b/i.test(reason);
  const signature = /\b(?:hash|signature|signed|secret)\b/i.test(reason);
  if (appId === signature) return undefined;
  return appId ? 'appId' : 'signature';
}

export function observeFetch(inner: typeof fetch): ObservedFetch {
  let last: FetchObservation | undefined;
  const observed = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    try {
      const response = await inner(input, init);
      if (response.status >= 400 && response.status < 500) {
        const blames = refusalBlame(await peekText(response.clone()));
        last = { kind: 'answered', status: response.status, ...(blames ? { blames } : {}) };
      } else {
        last = { kind: 'answered', status: response.status };
      }
      return response;
    } catch (error) {
      const code = causeCodeOf(error);
      last = { kind: 'threw', aborted: init?.signal?.aborted === true, ...(code ? { code } : {}) };
      throw error;
    }
  };
  return { fetch: observed as typeof fetch, last: () => last };
}
