import type { AppResult } from '../../../shared/errors';
import type { DemoLaunch } from './demo-profile';
import { projectSandboxLauncher, type DemoSipPolicy, type SandboxLauncher } from './demo-sandbox';
import { startDemoSession, type DemoSession } from './demo-session';

/**
 * The desktop demo may run its Kamailio: the desktop phone's Content-Security-Policy allows
 * only encrypted SIP servers (wss:), but a process that started the demo itself also admits
 * exactly that plain ws://127.0.0.1:<port> Kamailio (shell/renderer-csp.ts).
 */
export const DESKTOP_DEMO_SIP: DemoSipPolicy = { allowed: true };

/** A process launched with `--demo` starts its demo before the services; any other process has none. */
export async function startLaunchedDemo(options: {
  readonly launch: DemoLaunch;
  readonly realDataDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly sipPolicy: DemoSipPolicy;
  readonly launcher?: SandboxLauncher;
}): Promise<AppResult<DemoSession> | undefined> {
  if (!options.launch.demo) return undefined;
  return startDemoSession({
    realDataDir: options.realDataDir,
    baseEnv: options.env,
    launcher: options.launcher ?? projectSandboxLauncher(),
    sipPolicy: options.sipPolicy,
  });
}
