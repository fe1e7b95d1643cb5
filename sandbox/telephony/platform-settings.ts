import { z } from 'zod';

/**
 * What a test can tune on the platform phone (`POST <controlUrl>/platform/settings`).
 * Defaults: no auto-answer marker, the customer answers a device's call after 1 s, a 523 Hz tone.
 */

export const CLICK_TO_CALL_MARKERS = ['none', 'call-info', 'alert-info', 'x-antbuddy'] as const;
export type ClickToCallMarker = (typeof CLICK_TO_CALL_MARKERS)[number];

export interface PlatformSettings {
  /** Which auto-answer marker the click-to-call INVITE to the agent's device carries. */
  readonly clickToCallMarker: ClickToCallMarker;
  /** How long the platform rings as the customer before answering a device's outgoing call (and connecting a click-to-call). */
  readonly answerDelayMs: number;
  /** The customer's tone (Hz); a DTMF digit received changes it (an IVR-ish echo). */
  readonly toneHz: number;
  /** How long a click-to-call rings the agent's device before the platform gives up (CANCEL). */
  readonly deviceRingMs: number;
}

export const DEFAULT_SETTINGS: PlatformSettings = {
  clickToCallMarker: 'none',
  answerDelayMs: 1000,
  toneHz: 523,
  deviceRingMs: 30_000,
};

export const settingsPatchSchema = z
  .object({
    clickToCallMarker: z.enum(CLICK_TO_CALL_MARKERS).optional(),
    answerDelayMs: z.number().int().min(0).max(600_000).optional(),
    toneHz: z.number().min(0).max(4000).optional(),
    deviceRingMs: z.number().int().min(100).max(600_000).optional(),
  })
  .strict();
export type PlatformSettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The header lines a click-to-call INVITE carries for `marker` (none for `none`). */
export function markerHeaders(marker: ClickToCallMarker): string[] {
  switch (marker) {
    case 'none':
      return [];
    case 'call-info':
      return ['Call-Info: <sip:platform>;answer-after=0'];
    case 'alert-info':
      return ['Alert-Info: <http://127.0.0.1/>;info=alert-autoanswer'];
    case 'x-antbuddy':
      return ['X-AntBuddy-ClickToCall: 1'];
  }
}

/** The IVR echo: each DTMF digit gets a tone of its own, so the caller hears which one arrived. */
export function toneForDigit(digit: string): number | undefined {
  const index = '0123456789*#ABCD'.indexOf(digit.toUpperCase());
  return index < 0 ? undefined : 300 + 60 * index;
}
