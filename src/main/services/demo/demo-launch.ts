import type { AppResult } from '../../../shared/errors';
import type { DemoLaunch } from './demo-profile';
import { projectSandboxLauncher, type DemoSipPolicy, type SandboxLauncher } from './demo-sandbox';
import { startDemoSession, type DemoSession } from './demo-session';

/**
 * The desktop app's phone may reach only encrypted SIP servers (its Content-Security-Policy
 * allows wss: and https:, see shell/security.ts), and the demo's Kamailio is a plain ws:// one
 * on this computer: the desktop demo runs without SIP and says so, rather than show a phone
 * that can never register.
 */
export const DESKTOP_DEMO_SIP: DemoSipPolicy = { allowed: false, reason: 'desktop-policy' };

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
