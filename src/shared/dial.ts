import { z } from 'zod';
import type { AppError } from './errors';
import type { DialVia } from './settings';

/**
 * Dialling from anywhere (links, the global shortcut, the quick-dial palette, the tray): what
 * main and the renderer say to each other about a number to call. Main decides (one path for
 * every way in); the renderer asks the agent and runs the SIP phone.
 */

export const DIAL_SOURCES = ['link', 'shortcut', 'palette', 'tray', 'history', 'popup'] as const;
export type DialSource = (typeof DIAL_SOURCES)[number];

/** A number ready to dial, normalised for Vietnam (see readDialText in shared/dial-text). */
export interface DialNumber {
  /** What is dialled: digits with an optional leading + (`0912345678`, `8001`, `+14155550123`). */
  readonly dial: string;
  /** For people: `0912 345 678`; foreign numbers in international form. */
  readonly display: string;
  readonly e164?: string;
  readonly isExtension: boolean;
}

/** Why a text from outside the app (a link, the selection, the clipboard) is not a number to call. */
export type DialTextProblem =
  /** No digits at all (an empty selection, `tel:`). */
  | 'empty'
  /** Something that is not a number (`sip:alice@example.com`, a sentence without a number). */
  | 'characters'
  /** Too few or too many digits, or an absurdly long text. */
  | 'length'
  /** Several different numbers (a selected paragraph): the app will not guess which one. */
  | 'several';

interface PromptBase {
  readonly id: string;
  readonly source: DialSource;
}

interface PromptNumber extends PromptBase {
  readonly number: DialNumber;
  /** The colleague the number belongs to, when it is one of the company's extensions. */
  readonly name?: string;
}

/**
 * The call waiting for the agent, one at a time (the newest request replaces an older one):
 * - confirm: shown with Call and Cancel;
 * - dialing: the agent said Call, the click-to-call is on its way;
 * - failed: the platform refused or could not be reached (Try again, Close);
 * - not-dialable: the link or text held no number to call; nothing was dialled.
 */
export type DialPrompt =
  | (PromptNumber & { readonly kind: 'confirm' })
  | (PromptNumber & { readonly kind: 'dialing'; readonly via: DialVia })
  | (PromptNumber & { readonly kind: 'failed'; readonly error: AppError })
  | (PromptBase & { readonly kind: 'not-dialable'; readonly problem: DialTextProblem });

/**
 * What main asks of the main window's phone when it dials:
 * - call-over-sip: `dialVia` is `sip`: the phone places the call itself;
 * - click-to-call-sending: main is about to send a click-to-call: the phone treats the call
 *   that rings next as its callback (auto-answer), exactly as for the dial pad's own;
 * - click-to-call-finished: how that request went (a failure withdraws the expectation).
 */
export type PhoneDialRequest =
  | { readonly kind: 'call-over-sip'; readonly number: string }
  | { readonly kind: 'click-to-call-sending'; readonly ticket: string; readonly number: string }
  | {
      readonly kind: 'click-to-call-finished';
      readonly ticket: string;
      readonly number: string;
      /** Absent when the platform accepted the request. */
      readonly error?: AppError;
    };

/**
 * The global dial shortcut as the OS took it:
 * - unavailable: this host has no global shortcuts (the web host);
 * - off: the setting is empty;
 * - registered: pressing it anywhere dials the selected text;
 * - failed: `taken` by the OS or another program, or `invalid` (Electron refused the accelerator).
 */
export type DialShortcutState =
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'off' }
  | { readonly kind: 'registered'; readonly accelerator: string }
  | { readonly kind: 'failed'; readonly accelerator: string; readonly reason: 'taken' | 'invalid' };

/** The longest text taken from a link, the selection or the clipboard; more is refused unread. */
export const DIAL_TEXT_MAX = 2048;

const promptId = z.string().min(1).max(64);

export const DialPromptIdInputSchema = z.object({ id: promptId }).strict();

/** A number the agent picked inside the app (the palette, a history row, the popup): dialled at once. */
export const DialNumberInputSchema = z
  .object({
    text: z.string().max(DIAL_TEXT_MAX),
    source: z.enum(['palette', 'history', 'popup']),
  })
  .strict();

export const SetFavouriteInputSchema = z
  .object({ number: z.string().trim().min(1).max(64), favourite: z.boolean() })
  .strict();
