import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DashboardSnapshot } from '../../../../shared/dashboard';
import { appError, type AppError } from '../../../../shared/errors';
import { err } from '../../../../shared/result';
import { antring } from '../../api';
import { backoffDelayMs, clampRefreshSeconds, DEFAULT_REFRESH_SECONDS, STALE_AFTER_PERIODS } from './refresh-policy';

/** Where the last attempt stands. The last good snapshot stays shown whatever this says. */
export type DashboardStatus =
  /** Nothing asked yet. */
  | { readonly kind: 'idle' }
  /** The first load is under way (later refreshes keep showing the last snapshot). */
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready' }
  /** The last `failures` attempts failed in a row; the next one is `retryInMs` after the last. */
  | { readonly kind: 'failed'; readonly error: AppError; readonly failures: number; readonly retryInMs: number };

export interface DashboardState {
  readonly snapshot: DashboardSnapshot | null;
  /** Epoch ms (this page's clock) when `snapshot` arrived. */
  readonly receivedAt: number | null;
  readonly status: DashboardStatus;
  /** A request is under way. */
  readonly refreshing: boolean;
  /** The snapshot is older than STALE_AFTER_PERIODS refresh periods. */
  readonly stale: boolean;
  readonly refreshSeconds: number;
  /** The screen is shown and the page visible: only then does the store refresh. */
  readonly active: boolean;
  /**
   * The Dashboard screen is shown: refresh now if due, then on the period, while the page is
   * visible. Returns what to call when the screen goes away.
   */
  mount(): () => void;
  /** The dashboardRefreshSeconds setting (clamped to 5..300). */
  setRefreshSeconds(seconds: number): void;
  /** Retry: refresh at once (joins a request already under way). */
  refreshNow(): Promise<void>;
}

export type DashboardStore = UseBoundStore<StoreApi<DashboardState>>;

/** A host that throws instead of answering a Result (it should not): still a typed error on screen. */
const hostFailed = appError(
  'internal',
  'The app could not ask for the dashboard',
  'Ứng dụng không gửi được yêu cầu số liệu tổng quan',
);

const pageVisible = (): boolean => typeof document === 'undefined' || document.visibilityState !== 'hidden';

/**
 * The dashboard's refresh loop. Timers are the global setTimeout/clearTimeout, read at call
 * time, so tests drive them with vi.useFakeTimers. The next refresh is planned only after
 * the previous answer arrived, so a slow API never has requests piling up.
 */
export function createDashboardStore(): DashboardStore {
  return create<DashboardState>()((set, get) => {
    let mounts = 0;
    let visible = pageVisible();
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let staleTimer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: Promise<void> | undefined;
    /** When the last attempt ended (epoch ms); the next is due one delay later. */
    let lastAttemptAt: number | null = null;

    const periodMs = (): number => get().refreshSeconds * 1000;
    const staleAfterMs = (): number => STALE_AFTER_PERIODS * periodMs();
    const delayMs = (): number => {
      const { status } = get();
      return status.kind === 'failed' ? backoffDelayMs(periodMs(), status.failures) : periodMs();
    };

    function clearTimers(): void {
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      if (staleTimer !== undefined) clearTimeout(staleTimer);
      refreshTimer = undefined;
      staleTimer = undefined;
    }

    /** Sets `stale` for the current snapshot now, and plans the moment it turns stale. */
    function watchStaleness(): void {
      if (staleTimer !== undefined) clearTimeout(staleTimer);
      staleTimer = undefined;
      const { receivedAt } = get();
      if (receivedAt === null) return;
      const left = receivedAt + staleAfterMs() - Date.now();
      if (left <= 0) {
        if (!get().stale) set({ stale: true });
        return;
      }
      if (get().stale) set({ stale: false });
      staleTimer = setTimeout(() => {
        staleTimer = undefined;
        set({ stale: true });
      }, left);
    }

    /** Plans the next refresh from the last attempt (or runs it now when it is already due). */
    function plan(): void {
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      refreshTimer = undefined;
      if (!get().active || inFlight) return;
      const wait = lastAttemptAt === null ? 0 : lastAttemptAt + delayMs() - Date.now();
      if (wait <= 0) {
        void refresh();
        return;
      }
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void refresh();
      }, wait);
    }

    function refresh(): Promise<void> {
      if (inFlight) return inFlight;
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      refreshTimer = undefined;
      set((state) => ({
        refreshing: true,
        status: state.snapshot === null && state.status.kind === 'idle' ? { kind: 'loading' } : state.status,
      }));
      inFlight = (async () => {
        const result = await antring()
          .getDashboard()
          .catch(() => err(hostFailed));
        lastAttemptAt = Date.now();
        if (result.ok) {
          set({ snapshot: result.value, receivedAt: lastAttemptAt, status: { kind: 'ready' }, refreshing: false });
        } else {
          const previous = get().status;
          const failures = previous.kind === 'failed' ? previous.failures + 1 : 1;
          set({
            status: { kind: 'failed', error: result.error, failures, retryInMs: backoffDelayMs(periodMs(), failures) },
            refreshing: false,
          });
        }
      })().finally(() => {
        inFlight = undefined;
        // An answer that arrives after the screen went away is kept, but plans nothing.
        if (get().active) {
          watchStaleness();
          plan();
        }
      });
      return inFlight;
    }

    /** Starts or stops the loop when the screen or the page's visibility changes. */
    function updateActivity(): void {
      const active = mounts > 0 && visible;
      if (active === get().active) return;
      set({ active });
      if (active) {
        watchStaleness();
        plan();
      } else {
        clearTimers();
      }
    }

    function onVisibilityChange(): void {
      visible = pageVisible();
      updateActivity();
    }

    return {
      snapshot: null,
      receivedAt: null,
      status: { kind: 'idle' },
      refreshing: false,
      stale: false,
      refreshSeconds: DEFAULT_REFRESH_SECONDS,
      active: false,

      mount() {
        mounts += 1;
        if (mounts === 1) {
          visible = pageVisible();
          document.addEventListener('visibilitychange', onVisibilityChange);
        }
        updateActivity();
        let mounted = true;
        return () => {
          if (!mounted) return;
          mounted = false;
          mounts -= 1;
          if (mounts === 0) document.removeEventListener('visibilitychange', onVisibilityChange);
          updateActivity();
        };
      },

      setRefreshSeconds(seconds) {
        const refreshSeconds = clampRefreshSeconds(seconds);
        if (refreshSeconds === get().refreshSeconds) return;
        set((state) =>
          state.status.kind === 'failed'
            ? {
                refreshSeconds,
                status: { ...state.status, retryInMs: backoffDelayMs(refreshSeconds * 1000, state.status.failures) },
              }
            : { refreshSeconds },
        );
        if (get().active) {
          watchStaleness();
          plan();
        }
      },

      refreshNow() {
        return refresh();
      },
    };
  });
}

/** The app's dashboard store (tests make their own with createDashboardStore). */
export const useDashboardStore = createDashboardStore();
