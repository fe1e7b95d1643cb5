import { create } from 'zustand';
import type { DialPrompt } from '../../../../shared/dial';
import { appError, type AppError } from '../../../../shared/errors';
import { antring, onHostEvent } from '../../api';

/**
 * The call waiting for the agent's answer, as the host keeps it (a link or the shortcut puts it
 * there, maybe before this page loaded). The host is the one source of truth: Call and Cancel
 * ask it, and its dialPromptChanged says what became of the prompt.
 */
interface DialPromptState {
  readonly prompt: DialPrompt | null;
  /** The host could not be asked at all (the bridge is gone); the prompt stays so the agent can retry. */
  readonly hostError: AppError | null;
  load(): Promise<void>;
  followHost(): () => void;
  confirm(): Promise<void>;
  cancel(): Promise<void>;
}

const hostUnreachable = appError(
  'internal',
  'The app could not be reached to place the call. Try again.',
  'Không liên lạc được với ứng dụng để thực hiện cuộc gọi. Hãy thử lại.',
);

/**
 * Bumped by every prompt the host pushes: a load answered after a newer push must not put the
 * older prompt back (a link can arrive while the page's first question is on its way).
 */
let pushesSeen = 0;

export const useDialPromptStore = create<DialPromptState>()((set, get) => ({
  prompt: null,
  hostError: null,

  async load() {
    const seenBefore = pushesSeen;
    const result = await antring()
      .getDialPrompt()
      .catch(() => null);
    if (result?.ok && pushesSeen === seenBefore) set({ prompt: result.value, hostError: null });
  },

  followHost() {
    return onHostEvent('dialPromptChanged', (prompt) => {
      pushesSeen += 1;
      set({ prompt, hostError: null });
    });
  },

  async confirm() {
    const prompt = get().prompt;
    if (!prompt || (prompt.kind !== 'confirm' && prompt.kind !== 'failed')) return;
    // What went wrong with the call itself comes back as the prompt's `failed` state.
    const sent = await antring()
      .confirmDial({ id: prompt.id })
      .then(() => true)
      .catch(() => false);
    if (!sent) set({ hostError: hostUnreachable });
  },

  async cancel() {
    const prompt = get().prompt;
    if (!prompt) return;
    // Away at once: the agent said no, whatever the host answers.
    set({ prompt: null, hostError: null });
    await antring()
      .cancelDial({ id: prompt.id })
      .catch(() => undefined);
  },
}));
