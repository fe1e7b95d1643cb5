import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { AppError } from '../../../../shared/errors';
import type { DemoCallKind, DemoCallStarted, DemoState } from '../../../../shared/first-run';
import type { Language } from '../../../../shared/settings';
import { antring } from '../../api';

/**
 * The demo as this window sees it. Starting or leaving the demo switches the host to another
 * profile: the web host does it in place and the page reloads (every store, the SIP phone and
 * the page's security policy start afresh for the new profile); the desktop app relaunches
 * itself, so the page only waits.
 */
export interface DemoStoreState {
  /** null until the host answers. */
  readonly state: DemoState | null;
  /** A start or leave this window asked for, until the switch happens. */
  readonly switching: 'starting' | 'stopping' | null;
  readonly switchError: AppError | null;
  /** The simulated call being placed, then the last one placed. */
  readonly calling: DemoCallKind | null;
  readonly lastCall: DemoCallStarted | null;
  readonly callError: AppError | null;
  load(): Promise<void>;
  start(language: Language): Promise<void>;
  stop(): Promise<void>;
  simulate(kind: DemoCallKind): Promise<void>;
}

export type DemoStore = UseBoundStore<StoreApi<DemoStoreState>>;

export interface DemoStoreDeps {
  /** Reloads the page once the host runs the other profile. */
  readonly reload?: () => void;
}

export function createDemoStore(deps: DemoStoreDeps = {}): DemoStore {
  const reload = deps.reload ?? (() => window.location.reload());
  return create<DemoStoreState>()((set, get) => {
    /** After a switch in place the page reloads; a relaunching app only waits. */
    const switched = (state: DemoState): void => {
      set({ state });
      if (state.kind === 'running' || state.kind === 'stopped') reload();
    };
    return {
      state: null,
      switching: null,
      switchError: null,
      calling: null,
      lastCall: null,
      callError: null,

      async load() {
        const result = await antring().getDemoState();
        if (result.ok) set({ state: result.value });
      },

      async start(language) {
        if (get().switching) return;
        set({ switching: 'starting', switchError: null });
        const result = await antring().startDemo({ language });
        if (result.ok) switched(result.value);
        else set({ switching: null, switchError: result.error });
      },

      async stop() {
        if (get().switching) return;
        set({ switching: 'stopping', switchError: null });
        const result = await antring().stopDemo();
        if (result.ok) switched(result.value);
        else set({ switching: null, switchError: result.error });
      },

      async simulate(kind) {
        set({ calling: kind, callError: null });
        const result = await antring().simulateDemoCall({ kind });
        set(
          result.ok
            ? { calling: null, lastCall: result.value }
            : { calling: null, lastCall: null, callError: result.error },
        );
      },
    };
  });
}

/** The app's one demo store. */
export const useDemoStore = createDemoStore();

/** True while the app runs the demo profile. */
export const selectInDemo = (state: DemoStoreState): boolean => state.state?.kind === 'running';
