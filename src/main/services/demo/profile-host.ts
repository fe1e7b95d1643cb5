import { requestNames, type AppInfo, type RequestHandlers, type Unsubscribe } from '../../../shared/contract';
import type { AppResult } from '../../../shared/errors';
import type { DemoState } from '../../../shared/first-run';
import { err, ok } from '../../../shared/result';
import type { Language } from '../../../shared/settings';
import type { Services } from '../index';
import type { Logger } from '../logger';
import { createRequestHandlers } from '../request-handlers';
import { forwardServiceEvents, type EmitEvent } from '../service-events';
import { demoBusy, demoNotRunning, runningState, type DemoControl } from './demo-control';
import type { SandboxLauncher } from './demo-sandbox';
import { startDemoSession, type DemoSession } from './demo-session';
import { createDemoStateMachine } from './demo-state-machine';

/**
 * A host process that can switch between the real profile and the demo one in place (the web
 * host): it owns whichever services run now, answers the contract through them, and moves the
 * host's event stream along when they change. Entering the demo starts the sandbox, creates
 * the demo profile's services and only then stops the real ones (a failed start leaves the
 * app as it was); leaving does the reverse. The page reloads after a switch, which also gives
 * it the Content-Security-Policy of the servers the new profile names.
 */

/** Creates one profile's services (the host's wiring: its settings document, secret box, log). */
export type ProfileServicesFactory = (profile: {
  readonly dataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly demo: DemoControl;
}) => AppResult<Services>;

export interface ProfileHostOptions {
  readonly realDataDir: string;
  /** The host's environment, as the real profile reads it. */
  readonly env: NodeJS.ProcessEnv;
  readonly createServices: ProfileServicesFactory;
  readonly appInfo: (dataDir: string) => AppInfo;
  readonly launcher: SandboxLauncher;
  /** Open in the demo (`--demo`): the real profile's services are never created. */
  readonly startInDemo?: boolean;
  readonly log?: Logger;
}

export interface ProfileHost {
  /** The services of the profile in use now. */
  current(): Services;
  /** The contract, answered by the current profile's services. */
  readonly handlers: RequestHandlers;
  /** Sends every service event of whichever profile is current to `emit`. */
  forwardEvents(emit: EmitEvent): Unsubscribe;
  readonly demo: DemoControl;
  dispose(): Promise<void>;
}

interface OpenProfile {
  readonly services: Services;
  readonly handlers: RequestHandlers;
}

export async function openProfileHost(options: ProfileHostOptions): Promise<AppResult<ProfileHost>> {
  const machine = createDemoStateMachine();
  let session: DemoSession | undefined;
  let current: OpenProfile | undefined;
  const forwards = new Set<{ readonly emit: EmitEvent; stop: Unsubscribe }>();
  let disposed: Promise<void> | undefined;

  function open(dataDir: string, env: NodeJS.ProcessEnv): AppResult<OpenProfile> {
    const created = options.createServices({ dataDir, env, demo });
    if (!created.ok) return created;
    return ok({ services: created.value, handlers: createRequestHandlers(created.value, options.appInfo(dataDir)) });
  }

  async function switchTo(next: OpenProfile): Promise<void> {
    const previous = current;
    current = next;
    for (const forward of forwards) {
      forward.stop();
      forward.stop = forwardServiceEvents(next.services, forward.emit);
    }
    await previous?.services.dispose();
  }

  /** The demo profile starts in the language the page showed (its own settings file keeps it). */
  function speak(services: Services, language: Language | undefined): void {
    if (!language || services.settings.view().values.language === language) return;
    const saved = services.settings.save({ language });
    if (!saved.ok) options.log?.warn('The demo profile kept its language', { code: saved.error.code });
  }

  async function enterDemo(language: Language | undefined): Promise<AppResult<DemoState>> {
    if (!machine.move({ kind: 'starting' })) return err(demoBusy(machine.state()));
    const started = await startDemoSession({
      realDataDir: options.realDataDir,
      baseEnv: options.env,
      launcher: options.launcher,
      sipPolicy: { allowed: true },
    });
    if (!started.ok) {
      machine.move({ kind: 'stopped' });
      return started;
    }
    if (disposed) {
      // The host closed while the sandbox started: nothing may outlive it.
      await started.value.close();
      machine.move({ kind: 'stopped' });
      return err(demoBusy(machine.state()));
    }
    const opened = open(started.value.dataDir, started.value.env);
    if (!opened.ok) {
      await started.value.close();
      machine.move({ kind: 'stopped' });
      return opened;
    }
    speak(opened.value.services, language);
    session = started.value;
    await switchTo(opened.value);
    machine.move(runningState(started.value));
    options.log?.info('Demo started', { sip: started.value.sip.kind });
    return ok(machine.state());
  }

  async function leaveDemo(): Promise<AppResult<DemoState>> {
    const ending = session;
    if (!ending || machine.state().kind !== 'running')
      return err(ending ? demoBusy(machine.state()) : demoNotRunning());
    // Opened before anything stops: if the real profile cannot open, the demo simply goes on.
    const real = open(options.realDataDir, options.env);
    if (!real.ok) return real;
    machine.move({ kind: 'stopping' });
    await switchTo(real.value);
    session = undefined;
    await ending.close();
    machine.move({ kind: 'stopped' });
    options.log?.info('Demo stopped');
    return ok(machine.state());
  }

  const demo: DemoControl = {
    state: () => machine.state(),
    start: ({ language }) => enterDemo(language),
    stop: leaveDemo,
    async simulateCall(kind) {
      return session && machine.state().kind === 'running' ? session.simulateCall(kind) : err(demoNotRunning());
    },
  };

  if (options.startInDemo) {
    const entered = await enterDemo(undefined);
    if (!entered.ok) return entered;
  } else {
    const real = open(options.realDataDir, options.env);
    if (!real.ok) return real;
    current = real.value;
  }

  const now = (): OpenProfile => {
    if (!current) throw new Error('profile host used after a failed open');
    return current;
  };
  // Each request goes to the profile current when it arrives.
  const handlers = Object.fromEntries(
    requestNames.map((name) => [
      name,
      (input: unknown) => (now().handlers[name] as (input: unknown) => unknown)(input),
    ]),
  ) as unknown as RequestHandlers;

  return ok({
    current: () => now().services,
    handlers,
    demo,
    forwardEvents(emit) {
      const forward = { emit, stop: forwardServiceEvents(now().services, emit) };
      forwards.add(forward);
      return () => {
        forward.stop();
        forwards.delete(forward);
      };
    },
    dispose() {
      disposed ??= (async () => {
        for (const forward of forwards) forward.stop();
        forwards.clear();
        await current?.services.dispose();
        await session?.close();
      })();
      return disposed;
    },
  });
}
