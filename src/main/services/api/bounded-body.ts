/**
 * Reads a response body as UTF-8 text, but never more than `maxBytes` of it: a server (or
 * anything in the way) that sends megabytes cannot make the app buffer them all. The body is
 * cancelled as soon as the limit is passed, so the rest is never downloaded.
 */

/** The largest API answer read: far above any documented one (a page holds at most 100 calls). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

export type BodyText = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'too-large' };

export async function readBodyText(response: Response, maxBytes: number): Promise<BodyText> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    return { kind: 'too-large' };
  }
  const body = response.body;
  if (!body) return { kind: 'text', text: '' };
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  for (;;) {
    // A rejection (the request's timeout aborting the body, a reset) reaches the caller as a throw.
    const { done, value } = await reader.read();
    if (done) return { kind: 'text', text: text + decoder.decode() };
    received += value.byteLength;
    if (received > maxBytes) {
      // Not awaited: cancelling one branch of a cloned response settles only once the other
      // branch is cancelled too, and that one is read by someone else.
      void reader.cancel().catch(() => undefined);
      return { kind: 'too-large' };
    }
    text += decoder.decode(value, { stream: true });
  }
}
