import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { antring, onHostEvent } from '../../api';

/**
 * The unseen-missed badge on the History navigation item: missed calls that rang this agent
 * since the agent last looked at History. "Last looked" is a moment kept in the window's
 * localStorage (this agent's own UI state: nothing IT provisions, nothing other computers need):
 * set when History opens, and again whenever the history changes while it is open, because
 * what arrives then is on screen. The count itself comes from the local history store.
 */

export const MISSED_SEEN_STORAGE_KEY = 'antring.history.missedSeenAt';

export interface SeenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface UnseenMissedState {
  /** Missed calls since `seenAtMs` (0 while History is open). */
  readonly count: number;
  readonly seenAtMs: number;
  /** The History screen is shown. */
  readonly viewing: boolean;
  /** Follows the history's changes and counts once now; returns what stops it. */
  follow(): () => void;
  /** Counts again (after the history changed). */
  refresh(): Promise<void>;
  /** History is open (or closed): while it is, every missed call is seen. */
  setViewing(viewing: boolean): void;
}

export type UnseenMissedStore = UseBoundStore<StoreApi<UnseenMissedState>>;

export interface UnseenMissedDeps {
  readonly storage?: SeenStorage | undefined;
  readonly now?: () => number;
}

function readSeenAt(storage: SeenStorage | undefined, now: number): number {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(MISSED_SEEN_STORAGE_KEY) ?? null;
  } catch {
    // Storage refused (a locked-down profile): the badge still works for this session.
  }
  const value = stored === null ? Number.NaN : Number(stored);
  if (Number.isInteger(value) && value >= 0) return value;
  // First run: calls from before the app was installed are not news.
  writeSeenAt(storage, now);
  return now;
}

function writeSeenAt(storage: SeenStorage | undefined, value: number): void {
  try {
    storage?.setItem(MISSED_SEEN_STORAGE_KEY, String(value));
  } catch {
    // As above: only persistence is lost.
  }
}

function browserStorage(): SeenStorage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

export function createUnseenMissedStore(deps: UnseenMissedDeps = {}): UnseenMissedStore {
  const storage = 'storage' in deps ? deps.storage : browserStorage();
  const now = deps.now ?? Date.now;
  return create<UnseenMissedState>()((set, get) => {
    /** Moves on every count and every "seen": an answer older than the last "seen" is dropped. */
    let ticket = 0;
    let revision: number | undefined;

    const markSeen = (): void => {
      ticket += 1;
      // AntBuddy stamps a call in whole seconds (unix_timestamp): a call that rang in this same
      // second is stamped before `now` and would never count. Its second is the mark.
      const at = Math.floor(now() / 1000) * 1000;
      writeSeenAt(storage, at);
      set({ seenAtMs: at, count: 0 });
    };

    return {
      count: 0,
      seenAtMs: readSeenAt(storage, now()),
      viewing: false,

      follow() {
        const stop = onHostEvent('historySyncChanged', (state) => {
          const next = state.kind === 'off' ? undefined : state.revision;
          if (state.kind === 'off') {
            ticket += 1;
            set({ count: 0 });
          } else if (next !== revision) {
            void get().refresh();
          }
          revision = next;
        });
        void get().refresh();
        return stop;
      },

      async refresh() {
        if (get().viewing) {
          markSeen();
          return;
        }
        const mine = ++ticket;
        const result = await antring()
          .countHistoryMissed({ sinceMs: get().seenAtMs })
          .catch(() => null);
        if (mine !== ticket || !result?.ok) return;
        set({ count: Math.max(0, result.value) });
      },

      setViewing(viewing) {
        set({ viewing });
        if (viewing) markSeen();
      },
    };
  });
}

export const useUnseenMissedStore = createUnseenMissedStore();
