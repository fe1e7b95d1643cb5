import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { CallDirection } from '../../../../shared/domain';
import { appError, type AppError } from '../../../../shared/errors';
import {
  HISTORY_DIRECTIONS,
  HISTORY_SEARCH_MAX,
  HISTORY_STATUSES,
  type HistoryExportResult,
  type HistoryFilters,
  type HistoryGroup,
  type HistoryRow,
  type HistoryStatus,
  type HistorySyncState,
} from '../../../../shared/history';
import { antring, onHostEvent } from '../../api';
import { NO_FILTERS, searchOf, toggleIn, toHistoryFilters, type HistoryFilterModel } from './history-filters';
import { PagedList, type PagedListSnapshot, type PageFetcher, type PageRequest, type TotalCounter } from './paged-list';

/**
 * The History screen's state: what the controls say, the two long lists (calls, and calls
 * grouped by number) paged around the view, the store's sync, and the actions on a view
 * (export, refresh). The lists live outside React state (they are caches); the state carries
 * their snapshots, whose `version` tells the screen when to read rows again.
 */

export type HistoryMode = 'calls' | 'groups';

export interface QueueOption {
  readonly id: string;
  readonly name: string;
}

/** One group opened in place: that party's newest calls under the current filters. */
export type ExpandedGroup =
  | { readonly number: string; readonly status: 'loading' }
  | { readonly number: string; readonly status: 'ready'; readonly rows: readonly HistoryRow[]; readonly total: number }
  | { readonly number: string; readonly status: 'failed'; readonly error: AppError };

export type ExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: HistoryExportResult }
  | { readonly kind: 'failed'; readonly error: AppError };

/** The calls narrowed to one party (from a group's "show all"). */
export interface NumberFilter {
  readonly number: string;
  /** How the screen names it: `0912 345 678`. */
  readonly display: string;
}

export interface HistoryQuery {
  readonly filters: HistoryFilters;
  readonly search?: string;
}

export interface HistoryState {
  readonly filters: HistoryFilterModel;
  /** What the search box holds now. */
  readonly searchText: string;
  /** What the lists were asked for (the box, once typing paused). */
  readonly search: string;
  readonly mode: HistoryMode;
  readonly number: NumberFilter | null;
  readonly calls: PagedListSnapshot;
  readonly groups: PagedListSnapshot;
  readonly expanded: ExpandedGroup | null;
  readonly sync: HistorySyncState | null;
  /** Asking the host to refresh failed (the sync's own failures are in `sync`). */
  readonly refreshError: AppError | null;
  readonly exporting: ExportState;
  readonly queues: readonly QueueOption[];
  /** Moves on every new query (not on refreshes of the same one): the screen scrolls up and announces the count. */
  readonly queryVersion: number;

  /** The screen is shown: follow the sync and load; returns what to call when it goes. */
  mount(): () => void;
  setFilters(patch: Partial<HistoryFilterModel>): void;
  toggleDirection(direction: CallDirection): void;
  toggleStatus(status: HistoryStatus): void;
  clearFilters(): void;
  /** Typing: the request follows once the typing pauses (the debounce). */
  setSearchText(text: string): void;
  setMode(mode: HistoryMode): void;
  showNumber(number: NumberFilter | null): void;
  toggleGroup(number: string): void;
  /** The rows on screen, for the active list. */
  setRange(start: number, end: number): void;
  callAt(index: number): HistoryRow | undefined;
  groupAt(index: number): HistoryGroup | undefined;
  /** Asks the failed pages again. */
  retryList(): void;
  /** Asks the host to bring the local history up to date now. */
  refresh(): Promise<void>;
  /** Writes every call of the current view to a CSV file; the state says where. */
  exportView(): Promise<void>;
  dismissExport(): void;
  /** The request the current view stands for (tests, export). */
  query(): HistoryQuery;
}

export type HistoryStore = UseBoundStore<StoreApi<HistoryState>>;

export interface HistoryStoreOptions {
  /** Pause in typing before the search is sent (default 150 ms). */
  readonly searchDebounceMs?: number;
  /** Rows per request (default 100). */
  readonly pageSize?: number;
  /** Pages kept per list (default 8). */
  readonly maxPages?: number;
  /** At most one reload per this while the store syncs (default 1 s). */
  readonly reloadThrottleMs?: number;
  /** Calls shown in an opened group (default 20). */
  readonly expandedLimit?: number;
}

const EMPTY_SNAPSHOT: PagedListSnapshot = { total: null, extent: null, loading: false, error: null, version: 0 };

const hostFailed = appError(
  'internal',
  'The app could not reach its history store.',
  'Ứng dụng không kết nối được kho lịch sử cuộc gọi.',
);

const asRequestPaging = (request: PageRequest): { offset: number } | { cursor: string } =>
  'cursor' in request ? { cursor: request.cursor } : { offset: request.offset };

export function createHistoryStore(options: HistoryStoreOptions = {}): HistoryStore {
  const debounceMs = options.searchDebounceMs ?? 150;
  const pageSize = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 8;
  const throttleMs = options.reloadThrottleMs ?? 1000;
  const expandedLimit = options.expandedLimit ?? 20;

  return create<HistoryState>()((set, get) => {
    const calls = new PagedList<HistoryRow>({
      pageSize,
      maxPages,
      onChange: () => set({ calls: calls.snapshot() }),
    });
    const groups = new PagedList<HistoryGroup>({
      pageSize,
      maxPages,
      onChange: () => set({ groups: groups.snapshot() }),
    });
    /** The list not shown is reset only when it is shown again. */
    let stale: Record<HistoryMode, boolean> = { calls: true, groups: true };
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    let lastReloadAt = Number.NEGATIVE_INFINITY;
    let revision: number | undefined;
    let mounts = 0;
    let queuesLoaded = false;
    let expandTicket = 0;

    const currentQuery = (): HistoryQuery => {
      const { filters, search, number, mode } = get();
      const search_ = searchOf(search, HISTORY_SEARCH_MAX);
      return {
        filters: toHistoryFilters(filters, mode === 'calls' ? number?.number : undefined),
        ...(search_ !== '' ? { search: search_ } : {}),
      };
    };

    const callFetcher = (query: HistoryQuery): PageFetcher<HistoryRow> => {
      return async (request) => {
        // Rows first: a million calls take a while to count, and the count follows (callCounter).
        const result = await antring().queryHistory({
          ...query,
          limit: request.limit,
          total: 'if-cheap',
          ...asRequestPaging(request),
        });
        if (!result.ok) return result;
        const { rows, total, nextCursor } = result.value;
        return {
          ok: true,
          value: {
            items: rows,
            ...(total !== undefined ? { total } : {}),
            ...(nextCursor !== undefined ? { nextCursor } : {}),
          },
        };
      };
    };

    const callCounter = (query: HistoryQuery): TotalCounter => {
      return () => antring().countHistory(query);
    };

    const groupFetcher = (query: HistoryQuery): PageFetcher<HistoryGroup> => {
      return async (request) => {
        // Groups page by offset only (the store gives them no cursor).
        const offset = 'offset' in request ? request.offset : 0;
        const result = await antring().groupHistory({ ...query, limit: request.limit, offset });
        if (!result.ok) return result;
        return { ok: true, value: { items: result.value.groups, total: result.value.total } };
      };
    };

    /** Loads the active list for the current query. */
    const resetActive = (): void => {
      const { mode } = get();
      const query = currentQuery();
      if (mode === 'calls') calls.reset(callFetcher(query), callCounter(query));
      else groups.reset(groupFetcher(query));
      stale = { ...stale, [mode]: false };
    };

    /** A new query: the shown list starts again, the other one when it is shown. */
    const newQuery = (): void => {
      stale = { calls: true, groups: true };
      expandTicket += 1;
      set((state) => ({ expanded: null, queryVersion: state.queryVersion + 1 }));
      if (mounts > 0) resetActive();
    };

    const loadExpanded = async (number: string): Promise<void> => {
      const ticket = ++expandTicket;
      const query = currentQuery();
      const result = await antring()
        .queryHistory({ ...query, filters: { ...query.filters, number }, limit: expandedLimit })
        .catch(() => ({ ok: false as const, error: hostFailed }));
      if (ticket !== expandTicket) return;
      set({
        expanded: result.ok
          ? { number, status: 'ready', rows: result.value.rows, total: result.value.total ?? result.value.rows.length }
          : { number, status: 'failed', error: result.error },
      });
    };

    /** The stored calls changed: every shown list reads its pages again (at most once per throttle). */
    const reload = (): void => {
      reloadTimer = undefined;
      lastReloadAt = Date.now();
      const { mode, expanded } = get();
      if (stale[mode]) resetActive();
      else if (mode === 'calls') calls.refresh();
      else groups.refresh();
      stale = { ...stale, [mode === 'calls' ? 'groups' : 'calls']: true };
      if (mode === 'groups' && expanded) void loadExpanded(expanded.number);
    };

    const scheduleReload = (): void => {
      if (reloadTimer !== undefined || mounts === 0) return;
      const wait = Math.max(0, lastReloadAt + throttleMs - Date.now());
      reloadTimer = setTimeout(reload, wait);
    };

    const applySync = (state: HistorySyncState): void => {
      const previous = get().sync;
      set({ sync: state });
      const next = state.kind === 'off' ? undefined : state.revision;
      // Other stored calls, or an account configured just now (what was shown belonged to none).
      const moved = revision !== undefined && next !== undefined && next !== revision;
      const configured = previous?.kind === 'off' && state.kind !== 'off';
      if (moved || configured) scheduleReload();
      revision = next;
    };

    const loadQueues = async (): Promise<void> => {
      if (queuesLoaded) return;
      const result = await antring()
        .getDashboard()
        .catch(() => null);
      if (!result?.ok) return;
      queuesLoaded = true;
      const seen = new Set<string>();
      const queues = result.value.queues.flatMap((q) => {
        if (seen.has(q.key)) return [];
        seen.add(q.key);
        return [{ id: q.key, name: q.name }];
      });
      set({ queues });
    };

    return {
      filters: NO_FILTERS,
      searchText: '',
      search: '',
      mode: 'calls',
      number: null,
      calls: EMPTY_SNAPSHOT,
      groups: EMPTY_SNAPSHOT,
      expanded: null,
      sync: null,
      refreshError: null,
      exporting: { kind: 'idle' },
      queues: [],
      queryVersion: 0,

      mount() {
        mounts += 1;
        const stop = onHostEvent('historySyncChanged', applySync);
        void antring()
          .getHistorySyncState()
          .then((result) => {
            if (result.ok) applySync(result.value);
          })
          .catch(() => undefined);
        void loadQueues();
        if (mounts === 1) {
          const { mode } = get();
          if (stale[mode]) resetActive();
          else if (mode === 'calls') calls.refresh();
          else groups.refresh();
        }
        return () => {
          stop();
          mounts -= 1;
          if (mounts === 0 && reloadTimer !== undefined) {
            clearTimeout(reloadTimer);
            reloadTimer = undefined;
          }
        };
      },

      setFilters(patch) {
        set((state) => ({ filters: { ...state.filters, ...patch } }));
        newQuery();
      },

      toggleDirection(direction) {
        get().setFilters({ directions: toggleIn(get().filters.directions, direction, HISTORY_DIRECTIONS) });
      },

      toggleStatus(status) {
        get().setFilters({ statuses: toggleIn(get().filters.statuses, status, HISTORY_STATUSES) });
      },

      clearFilters() {
        set({ filters: NO_FILTERS, number: null });
        newQuery();
      },

      setSearchText(text) {
        set({ searchText: text });
        if (searchTimer !== undefined) clearTimeout(searchTimer);
        searchTimer = setTimeout(() => {
          searchTimer = undefined;
          const next = searchOf(get().searchText, HISTORY_SEARCH_MAX);
          if (next === searchOf(get().search, HISTORY_SEARCH_MAX)) return;
          set({ search: next });
          newQuery();
        }, debounceMs);
      },

      setMode(mode) {
        if (mode === get().mode) return;
        set((state) => ({ mode, expanded: null, queryVersion: state.queryVersion + 1 }));
        expandTicket += 1;
        if (mounts > 0 && stale[mode]) resetActive();
      },

      showNumber(number) {
        set({ number, mode: 'calls' });
        newQuery();
      },

      toggleGroup(number) {
        const open = get().expanded;
        if (open?.number === number) {
          expandTicket += 1;
          set({ expanded: null });
          return;
        }
        set({ expanded: { number, status: 'loading' } });
        void loadExpanded(number);
      },

      setRange(start, end) {
        if (get().mode === 'calls') calls.setRange(start, end);
        else groups.setRange(start, end);
      },

      callAt: (index) => calls.item(index),
      groupAt: (index) => groups.item(index),

      retryList() {
        if (get().mode === 'calls') calls.retry();
        else groups.retry();
      },

      async refresh() {
        set({ refreshError: null });
        const result = await antring()
          .refreshHistory()
          .catch(() => ({ ok: false as const, error: hostFailed }));
        if (result.ok) applySync(result.value);
        else set({ refreshError: result.error });
        // A failed page is worth asking again along with the refresh.
        get().retryList();
      },

      async exportView() {
        if (get().exporting.kind === 'running') return;
        set({ exporting: { kind: 'running' } });
        const result = await antring()
          .exportHistory({ ...currentQuery(), format: 'csv' })
          .catch(() => ({ ok: false as const, error: hostFailed }));
        set({
          exporting: result.ok ? { kind: 'done', result: result.value } : { kind: 'failed', error: result.error },
        });
      },

      dismissExport() {
        set({ exporting: { kind: 'idle' } });
      },

      query: currentQuery,
    };
  });
}

export const useHistoryStore = createHistoryStore();
