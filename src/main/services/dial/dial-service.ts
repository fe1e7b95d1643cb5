import { randomUUID } from 'node:crypto';
import type { DialPrompt, DialSource, DialTextProblem, PhoneDialRequest } from '../../../shared/dial';
import { DIAL_TEXT_PROBLEM_TEXT, readDialText, type DirectoryEntry } from '../../../shared/dial-text';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';
import type { DialVia } from '../../../shared/settings';
import { noopLogger, type Logger } from '../logger';
import { createShortcutStatus, type ShortcutStatus } from './shortcut-status';

export type { DialSource } from '../../../shared/dial';

export interface DialService {
  /**
   * Text from a link, the selection, the clipboard or a menu, normalised for Vietnam.
   * confirm=true: a prompt the agent answers (dialPromptChanged); a text with no number becomes
   * a `not-dialable` prompt that says so. confirm=false: dialled at once (a failure becomes a
   * `failed` prompt). A text with no number answers err(not_dialable) either way.
   */
  request(input: { text: string; source: DialSource; confirm: boolean }): AppResult<DialPrompt>;
  /** The prompt waiting for the agent (a link that started the app arrives before the page). */
  pending(): DialPrompt | null;
  /** Dials the prompt's number (from `confirm`, or again from `failed`). */
  confirm(id: string): Promise<AppResult<void>>;
  /** Puts the prompt away; a click-to-call already sent cannot be called back, its outcome is then not shown. */
  cancel(id: string): void;
  onChange(listener: (prompt: DialPrompt | null) => void): () => void;
  /** What the main window's phone must do for a dial (phoneDialRequested). */
  onPhoneRequest(listener: (request: PhoneDialRequest) => void): () => void;
  /** The global dial shortcut as the shell registered it (getDialShortcut). */
  readonly shortcut: ShortcutStatus;
}

export interface DialServiceDeps {
  /** How the dialer places calls now: the `dialVia` setting. */
  readonly dialVia: () => DialVia;
  /** AntBuddy click-to-call for this agent's device (the same call as the contract's clickToCall). */
  readonly clickToCall: (number: string) => Promise<AppResult<void>>;
  /** The company's colleagues as last loaded: a SIP link may name one, a prompt shows their name. */
  readonly directory: () => readonly DirectoryEntry[];
  readonly log?: Logger;
  readonly newId?: () => string;
}

type NumberPrompt = Exclude<DialPrompt, { kind: 'not-dialable' }>;

const originOf = (source: DialSource): 'link' | 'text' | 'typed' =>
  source === 'link' ? 'link' : source === 'shortcut' ? 'text' : 'typed';

function notDialable(source: DialSource, problem: DialTextProblem): AppError {
  const text = DIAL_TEXT_PROBLEM_TEXT[originOf(source)][problem];
  return appError('not_dialable', text.en, text.vi);
}

const gone = appError(
  'invalid_input',
  'That call request is no longer waiting: it was answered or replaced by a newer one.',
  'Yêu cầu gọi này không còn chờ nữa: nó đã được xử lý hoặc thay bằng yêu cầu mới hơn.',
);
const alreadyDialing = appError('invalid_input', 'This number is already being called.', 'Số này đang được gọi.');
const unexpected = appError(
  'internal',
  'The call could not be placed because of an unexpected problem.',
  'Không thực hiện được cuộc gọi do một sự cố không lường trước.',
);

/**
 * The one path for dialling from outside the dial pad (links, the global shortcut, the palette,
 * the tray): reads the text, asks the agent when it should, and dials the way the dialer does
 * (the `dialVia` setting): click-to-call from here, through the API client, with the main
 * window's phone told first so it auto-answers the callback as it does for its own; or SIP,
 * which the phone in the main window places itself. No number ever reaches the log.
 */
export function createDialService(deps: DialServiceDeps): DialService {
  const log = deps.log ?? noopLogger;
  const newId = deps.newId ?? (() => randomUUID());
  const promptListeners = new Set<(prompt: DialPrompt | null) => void>();
  const phoneListeners = new Set<(request: PhoneDialRequest) => void>();
  let current: DialPrompt | null = null;

  const publish = (prompt: DialPrompt | null): void => {
    current = prompt;
    for (const listener of [...promptListeners]) listener(prompt);
  };
  const askPhone = (request: PhoneDialRequest): void => {
    for (const listener of [...phoneListeners]) listener(request);
  };

  /** The prompt's number and who it is, without its state. */
  const numberOf = (prompt: NumberPrompt) => ({
    id: prompt.id,
    source: prompt.source,
    number: prompt.number,
    ...(prompt.name !== undefined ? { name: prompt.name } : {}),
  });

  async function dial(prompt: NumberPrompt, shown: boolean): Promise<AppResult<void>> {
    const via = deps.dialVia();
    const number = prompt.number.dial;
    if (via === 'sip') {
      if (current?.id === prompt.id) publish(null);
      log.info(`dial from ${prompt.source}: handed to the phone (SIP)`);
      askPhone({ kind: 'call-over-sip', number });
      return ok(undefined);
    }
    if (shown) publish({ ...numberOf(prompt), kind: 'dialing', via });
    // Before the request: the callback may ring before the platform's answer comes back.
    askPhone({ kind: 'click-to-call-sending', ticket: prompt.id, number });
    const result = await deps.clickToCall(number).catch(() => err(unexpected));
    askPhone({
      kind: 'click-to-call-finished',
      ticket: prompt.id,
      number,
      ...(result.ok ? {} : { error: result.error }),
    });
    if (result.ok) log.info(`dial from ${prompt.source}: click-to-call placed`);
    else log.warn(`dial from ${prompt.source}: click-to-call failed (${result.error.code})`);
    const failed: DialPrompt | null = result.ok ? null : { ...numberOf(prompt), kind: 'failed', error: result.error };
    // The agent sees what became of it, unless they put it away or a newer request took its place.
    if (current?.id === prompt.id) publish(failed);
    else if (!shown && failed && current === null) publish(failed);
    return result;
  }

  return {
    request({ text, source, confirm }) {
      const read = readDialText(text, deps.directory());
      const id = newId();
      if (!read.ok) {
        log.info(`dial from ${source}: not a number to call (${read.error})`);
        if (confirm) publish({ id, source, kind: 'not-dialable', problem: read.error });
        return err(notDialable(source, read.error));
      }
      const prompt: NumberPrompt = {
        id,
        source,
        kind: 'confirm',
        number: read.value.number,
        ...(read.value.name !== undefined ? { name: read.value.name } : {}),
      };
      if (confirm) {
        log.info(`dial from ${source}: waiting for the agent`);
        publish(prompt);
        return ok(prompt);
      }
      void dial(prompt, false);
      return ok({ ...numberOf(prompt), kind: 'dialing', via: deps.dialVia() });
    },

    pending: () => current,

    confirm(id) {
      const prompt = current;
      if (!prompt || prompt.id !== id) return Promise.resolve(err(gone));
      if (prompt.kind === 'not-dialable') return Promise.resolve(err(notDialable(prompt.source, prompt.problem)));
      // A second Enter while the first is on its way must not ring the customer twice.
      if (prompt.kind === 'dialing') return Promise.resolve(err(alreadyDialing));
      return dial(prompt, true);
    },

    cancel(id) {
      if (current?.id === id) publish(null);
    },

    onChange(listener) {
      promptListeners.add(listener);
      return () => promptListeners.delete(listener);
    },

    onPhoneRequest(listener) {
      phoneListeners.add(listener);
      return () => phoneListeners.delete(listener);
    },

    shortcut: createShortcutStatus(),
  };
}
