import { MAX_RESPONSE_BYTES, readBodyText } from '../main/services/api/bounded-body';

/**
 * Keeps the JSON text of each successful AntBuddy answer so `--json` and ndjson print what the
 * server sent (its field order, unknown fields and own values) rather than the client's parsed
 * copy. Answers are told apart by path and query (minus the hash), so concurrent history pages
 * each find their own body; a retried request overwrites its earlier try.
 */
export interface RawBodies {
  readonly fetch: typeof fetch;
  /** The 2xx body of the request to `pathname` (suffix match) whose query holds `params`; removed once taken. */
  take(pathname: string, params?: Readonly<Record<string, string>>): string | undefined;
}

interface Entry {
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly body: string;
}

export function createRawBodies(inner: typeof fetch): RawBodies {
  const entries: Entry[] = [];
  const matches = (entry: Entry, pathname: string, params: Readonly<Record<string, string>>): boolean =>
    entry.pathname.endsWith(pathname) && Object.entries(params).every(([k, v]) => entry.query.get(k) === v);

  const wrapped: typeof fetch = async (input, init) => {
    const response = await inner(input, init);
    if (response.ok) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      url.searchParams.delete('hash');
      try {
        // Capped like the client's own read: an oversized answer is not kept (the client
        // refuses it), and the copy stops downloading at the limit.
        const read = await readBodyText(response.clone(), MAX_RESPONSE_BYTES);
        if (read.kind === 'too-large') return response;
        const body = read.text;
        const key = `${url.pathname}?${url.searchParams.toString()}`;
        const index = entries.findIndex((e) => `${e.pathname}?${e.query.toString()}` === key);
        if (index >= 0) entries.splice(index, 1);
        entries.push({ pathname: url.pathname, query: url.searchParams, body });
      } catch {
        // The client reads the same body and reports the failure itself.
      }
    }
    return response;
  };
  return {
    fetch: wrapped,
    take(pathname, params = {}) {
      const index = entries.findIndex((entry) => matches(entry, pathname, params));
      if (index < 0) return undefined;
      const [entry] = entries.splice(index, 1);
      return entry?.body;
    },
  };
}
