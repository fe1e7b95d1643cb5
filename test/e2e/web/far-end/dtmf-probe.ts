import type { Page } from '@playwright/test';

/**
 * RFC 2833 DTMF, seen from the sending side. libwebrtc does not surface the telephone-events
 * it receives (not in Chromium, not in the platform's wrtc), so nothing at the far end can
 * tell the digits apart; what can be checked is that the app's audio sender really played them
 * as telephone-events. This probe wraps RTCDTMFSender.insertDTMF in the page, before the app
 * loads, and records what was queued and every tone the sender reports playing ('tonechange').
 */

export interface DtmfProbeReading {
  /** The tone strings handed to insertDTMF, in order (JsSIP passes its buffer plus the new tone). */
  readonly inserted: readonly string[];
  /** The tones the sender played, in order ('tonechange' events, without the final empty one). */
  readonly played: readonly string[];
}

const PROBE_KEY = '__antringDtmfProbe';

/** Runs in the page (addInitScript): no closure over test code. */
function recordDtmfSenders(key: string): void {
  const reading: { inserted: string[]; played: string[] } = { inserted: [], played: [] };
  (window as unknown as Record<string, unknown>)[key] = reading;
  if (typeof RTCDTMFSender !== 'function') return;
  const original = RTCDTMFSender.prototype.insertDTMF;
  const followed = new WeakSet<RTCDTMFSender>();
  RTCDTMFSender.prototype.insertDTMF = function (this: RTCDTMFSender, tones: string, ...rest: number[]): void {
    reading.inserted.push(tones);
    if (!followed.has(this)) {
      followed.add(this);
      this.addEventListener('tonechange', (event) => {
        if (event.tone !== '') reading.played.push(event.tone);
      });
    }
    original.call(this, tones, ...rest);
  };
}

/** Installs the probe in every document the page loads from now on. */
export async function installDtmfProbe(page: Page): Promise<void> {
  await page.addInitScript(recordDtmfSenders, PROBE_KEY);
}

export async function readDtmfProbe(page: Page): Promise<DtmfProbeReading> {
  return page.evaluate((key) => {
    const reading = (window as unknown as Record<string, DtmfProbeReading | undefined>)[key];
    return { inserted: [...(reading?.inserted ?? [])], played: [...(reading?.played ?? [])] };
  }, PROBE_KEY);
}
