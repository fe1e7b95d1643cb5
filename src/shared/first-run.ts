import { z } from 'zod';
import type { AppError } from './errors';
import { LANGUAGES } from './settings';

/**
 * The first run and the demo, as the renderer and the hosts share them: what the demo is doing
 * (a discriminated union, so a screen cannot show "running" without knowing about SIP), the
 * calls the Demo panel can simulate, and the outcome of importing a provisioning file.
 */

export const DEMO_CALL_KINDS = ['inbound', 'queue', 'missed'] as const;
/** inbound: a customer calls this agent; queue: through a queue; missed: the caller gives up before anyone answers. */
export type DemoCallKind = (typeof DEMO_CALL_KINDS)[number];

/**
 * Why the demo runs without the SIP phone (calls still pop on screen through the signals):
 * - kamailio-not-installed: no Kamailio on this computer;
 * - kamailio-failed: it is installed but did not start;
 * - phone-runtime-missing: the platform phone's WebRTC for Node (@roamhq/wrtc) is not installed;
 * - platform-phone-failed: the platform phone did not register;
 * - desktop-policy: the desktop app only lets its phone reach encrypted (wss://) SIP servers,
 *   and the demo's is a plain ws:// one on this computer.
 */
export const DEMO_NO_SIP_REASONS = [
  'kamailio-not-installed',
  'kamailio-failed',
  'phone-runtime-missing',
  'platform-phone-failed',
  'desktop-policy',
] as const;
export type DemoNoSipReason = (typeof DEMO_NO_SIP_REASONS)[number];

export type DemoSip =
  | { readonly kind: 'withSip' }
  /** `detail` is the sandbox's own technical sentence (English), for IT; never a secret. */
  | { readonly kind: 'withoutSip'; readonly reason: DemoNoSipReason; readonly detail?: string };

/** The seeded agent the demo user plays. */
export interface DemoAgent {
  readonly name: string;
  readonly extension: string;
}

export type DemoState =
  | { readonly kind: 'stopped' }
  | { readonly kind: 'starting' }
  | { readonly kind: 'running'; readonly sip: DemoSip; readonly agent: DemoAgent }
  | { readonly kind: 'stopping' };

export const StartDemoInputSchema = z
  .object({
    /** The language the page shows now: the demo profile starts in it. */
    language: z.enum(LANGUAGES).optional(),
  })
  .strict()
  .optional();

export const SimulateDemoCallInputSchema = z.object({ kind: z.enum(DEMO_CALL_KINDS) }).strict();

export interface DemoCallStarted {
  readonly kind: DemoCallKind;
  /** Leg A's call id (the screen-pop's and the history's). */
  readonly callId: string;
  /** The customer's number as the sandbox sends it. */
  readonly caller: string;
  /** True when the call rings the in-app phone over SIP, not only on screen. */
  readonly overSip: boolean;
}

/** A provisioning file is a few hundred bytes; anything this big is not one. */
export const PROVISIONING_IMPORT_MAX_CHARS = 64 * 1024;

export const ImportProvisioningInputSchema = z
  .object({
    text: z.string().max(PROVISIONING_IMPORT_MAX_CHARS),
    /** The name the agent picked, only to word messages. */
    fileName: z.string().max(255).optional(),
  })
  .strict();

export type ProvisioningImportOutcome =
  /** Saved; `keys` are the settings it sets (names only, never values). */
  | { readonly kind: 'imported'; readonly keys: readonly string[]; readonly file: string }
  /** Nothing was stored: one problem per bad field (or one for the whole file). */
  | { readonly kind: 'invalid'; readonly problems: readonly AppError[] };
