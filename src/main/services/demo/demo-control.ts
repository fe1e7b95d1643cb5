import { appError, type AppError, type AppResult } from '../../../shared/errors';
import type { DemoCallKind, DemoCallStarted, DemoState } from '../../../shared/first-run';
import { err, ok } from '../../../shared/result';
import type { Language } from '../../../shared/settings';
import type { DemoLaunch } from './demo-profile';
import type { DemoSession } from './demo-session';
import { createDemoStateMachine } from './demo-state-machine';

/**
 * What the contract's demo requests reach, whichever host runs them. The web host switches its
 * services in place; the Electron app relaunches itself into (or out of) the demo profile.
 */
export interface DemoControl {
  state(): DemoState;
  /** Answers the state reached: `running` (switched in place) or `starting` (the app relaunches). */
  start(options: { readonly language?: Language }): Promise<AppResult<DemoState>>;
  /** Answers `stopped` (switched back in place) or `stopping` (the app relaunches). */
  stop(): Promise<AppResult<DemoState>>;
  simulateCall(kind: DemoCallKind): Promise<AppResult<DemoCallStarted>>;
}

export function demoBusy(state: DemoState): AppError {
  return appError(
    'invalid_input',
    `The demo is ${state.kind} already.`,
    `Bản demo đang ở trạng thái "${VI_STATE[state.kind]}".`,
  );
}

export function demoNotRunning(): AppError {
  return appError('invalid_input', 'The demo is not running.', 'Bản demo không chạy.');
}

const VI_STATE: Record<DemoState['kind'], string> = {
  stopped: 'đã dừng',
  starting: 'đang khởi động',
  running: 'đang chạy',
  stopping: 'đang dừng',
};

/** For hosts without a demo (the `antring` command, tests that do not need one). */
export function unavailableDemoControl(): DemoControl {
  const unavailable = (): AppError =>
    appError('not_configured', 'This host cannot run the demo.', 'Chương trình này không chạy được bản demo.');
  return {
    state: () => ({ kind: 'stopped' }),
    start: async () => err(unavailable()),
    stop: async () => err(demoNotRunning()),
    simulateCall: async () => err(demoNotRunning()),
  };
}

export function runningState(session: DemoSession): DemoState {
  return { kind: 'running', sip: session.sip, agent: session.agent };
}

/**
 * The Electron app's demo: a process is either the real profile or the demo one (`--demo`,
 * its own userData folder for Chromium's storage too), so starting and leaving the demo
 * relaunch the app with or without the switch. `session` is the demo this process runs, if any.
 */
export function relaunchDemoControl(options: {
  readonly session: DemoSession | undefined;
  readonly relaunch: (launch: DemoLaunch) => void;
}): DemoControl {
  const { session } = options;
  const machine = createDemoStateMachine(session ? runningState(session) : { kind: 'stopped' });
  return {
    state: () => machine.state(),
    async start({ language }) {
      if (!machine.move({ kind: 'starting' })) return err(demoBusy(machine.state()));
      options.relaunch(language ? { demo: true, language } : { demo: true });
      return ok(machine.state());
    },
    async stop() {
      if (!session) return err(demoNotRunning());
      if (!machine.move({ kind: 'stopping' })) return err(demoBusy(machine.state()));
      options.relaunch({ demo: false });
      return ok(machine.state());
    },
    async simulateCall(kind) {
      return session && machine.state().kind === 'running' ? session.simulateCall(kind) : err(demoNotRunning());
    },
  };
}
