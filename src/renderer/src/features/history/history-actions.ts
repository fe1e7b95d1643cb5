import { create } from 'zustand';
import { appError, type AppError } from '../../../../shared/errors';
import { FAVOURITES_MAX } from '../../../../shared/settings';
import { antring } from '../../api';
import { usePhoneStore } from '../../sip/phone-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { favouriteKey } from './row-model';

/**
 * What the row buttons do (call back, open in CRM, copy, favourite) and the one line of
 * feedback they leave on screen. Each notice is replaced by the next; "copied" fades after a
 * few seconds, failures stay until the next action.
 */

export type HistoryNotice =
  | { readonly kind: 'copied'; readonly text: string; readonly key: string }
  | { readonly kind: 'calling'; readonly number: string }
  | { readonly kind: 'favourite-added' | 'favourite-removed'; readonly number: string }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface CrmCall {
  readonly number: string;
  readonly callId?: string;
  readonly did?: string;
  readonly queue?: string;
}

interface HistoryActionsState {
  readonly notice: HistoryNotice | null;
  callBack(number: string): void;
  openInCrm(call: CrmCall): Promise<void>;
  copy(text: string, key: string): Promise<void>;
  toggleFavourite(number: string, display: string): Promise<void>;
  dismiss(): void;
}

export type PageOpener = (url: string) => void;

let openFromPage: PageOpener = (url) => {
  window.open(url, '_blank', 'noopener,noreferrer');
};

/** Tests replace how the page opens links. */
export function setHistoryPageOpener(opener: PageOpener): void {
  openFromPage = opener;
}

const COPIED_VISIBLE_MS = 4000;

const copyFailed = appError(
  'internal',
  'The number could not be copied: the clipboard is not available here.',
  'Không sao chép được số: bộ nhớ tạm không dùng được ở đây.',
);

const tooManyFavourites = appError(
  'invalid_input',
  `You can keep up to ${FAVOURITES_MAX} favourites: remove one first.`,
  `Bạn chỉ giữ được tối đa ${FAVOURITES_MAX} số yêu thích: hãy bỏ bớt một số trước.`,
);

const hostFailed = appError(
  'internal',
  'The app could not carry out the action.',
  'Ứng dụng không thực hiện được thao tác.',
);

export const useHistoryActions = create<HistoryActionsState>()((set, get) => {
  let fadeTimer: ReturnType<typeof setTimeout> | undefined;
  const show = (notice: HistoryNotice | null): void => {
    if (fadeTimer !== undefined) clearTimeout(fadeTimer);
    fadeTimer = undefined;
    set({ notice });
    if (notice?.kind === 'copied' || notice?.kind === 'favourite-added' || notice?.kind === 'favourite-removed') {
      fadeTimer = setTimeout(() => {
        fadeTimer = undefined;
        if (get().notice === notice) set({ notice: null });
      }, COPIED_VISIBLE_MS);
    }
  };

  return {
    notice: null,

    callBack(number) {
      const dialVia = selectView(useSettingsStore.getState())?.values.dialVia ?? 'click-to-call';
      show({ kind: 'calling', number });
      // The same two ways the dial pad dials: the phone store reports how it went (dial state).
      if (dialVia === 'sip') usePhoneStore.getState().callOverSip(number);
      else void usePhoneStore.getState().clickToCall(number);
    },

    async openInCrm(call) {
      const result = await antring()
        .crmLinkForNumber(call)
        .catch(() => ({ ok: false as const, error: hostFailed }));
      if (!result.ok) {
        show({ kind: 'failed', error: result.error });
        return;
      }
      show(null);
      if (!result.value.opened) openFromPage(result.value.url);
    },

    async copy(text, key) {
      try {
        await navigator.clipboard.writeText(text);
        show({ kind: 'copied', text, key });
      } catch {
        show({ kind: 'failed', error: copyFailed });
      }
    },

    async toggleFavourite(number, display) {
      const settings = useSettingsStore.getState();
      const current = selectView(settings)?.values.favourites ?? [];
      const key = favouriteKey(number);
      const present = current.includes(key);
      if (!present && current.length >= FAVOURITES_MAX) {
        show({ kind: 'failed', error: tooManyFavourites });
        return;
      }
      // Newest first: a list that is ever cut short keeps the ones just added.
      const next = present ? current.filter((n) => n !== key) : [key, ...current];
      const saved = await settings.saveSettings({ favourites: next });
      if (!saved.ok) show({ kind: 'failed', error: saved.error });
      else show({ kind: present ? 'favourite-removed' : 'favourite-added', number: display });
    },

    dismiss() {
      show(null);
    },
  };
});
