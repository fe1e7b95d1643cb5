import { err, ok, type Result } from '../../../shared/result';
import type { SipUserAgentFactory } from './user-agent';

let loading: Promise<SipUserAgentFactory> | null = null;

/**
 * JsSIP (with its SIP grammar, SDP and event helpers) is the largest library of the page, and
 * nothing needs it before the phone's credentials are read: it is a chunk of its own, loaded
 * after the first paint, once per page. A failed load is forgotten, so the next attempt (the
 * settings change) fetches it again.
 */
export async function loadJsSipUserAgentFactory(): Promise<Result<SipUserAgentFactory, 'unavailable'>> {
  loading ??= import('./jssip-user-agent').then((module) => module.createJsSipUserAgent);
  const attempt = loading;
  try {
    return ok(await attempt);
  } catch {
    if (loading === attempt) loading = null;
    return err('unavailable');
  }
}
