import { appError, type AppError, type AppResult } from '../../../shared/errors';
import type { DemoAgent, DemoCallKind, DemoCallStarted, DemoSip } from '../../../shared/first-run';
import { err, ok } from '../../../shared/result';
import { demoCallSpec } from './demo-calls';
import { demoDataDir, demoEnvironment, overlapsRealProfile } from './demo-profile';
import { startDemoSandbox, type DemoSandbox, type DemoSipPolicy, type SandboxLauncher } from './demo-sandbox';

/**
 * One run of the demo: the sandbox, the demo profile's folder and the environment its services
 * start with (the sandbox's account, as IT would set it), and the calls the Demo panel starts.
 */
export interface DemoSession {
  /** The demo profile's data folder (never the real one). */
  readonly dataDir: string;
  /** For the demo's services: the sandbox's account as ANTRING_* values, ANTRING_DATA_DIR = dataDir. */
  readonly env: NodeJS.ProcessEnv;
  readonly sip: DemoSip;
  readonly agent: DemoAgent;
  simulateCall(kind: DemoCallKind): Promise<AppResult<DemoCallStarted>>;
  /** Stops the sandbox (and its Kamailio); idempotent. */
  close(): Promise<void>;
}

export interface DemoSessionOptions {
  readonly realDataDir: string;
  /** The host's environment: everything but its ANTRING_* values carries over. */
  readonly baseEnv: NodeJS.ProcessEnv;
  readonly launcher: SandboxLauncher;
  readonly sipPolicy: DemoSipPolicy;
}

function demoProblem(en: string, vi: string): AppError {
  return appError('internal', en, vi);
}

export async function startDemoSession(options: DemoSessionOptions): Promise<AppResult<DemoSession>> {
  const dataDir = demoDataDir(options.realDataDir);
  if (overlapsRealProfile(dataDir, options.realDataDir)) {
    // Cannot happen with demoDataDir; checked anyway because the cost of being wrong is the user's data.
    return err(
      demoProblem(
        'The demo profile would share the real data folder; the demo was not started.',
        'Hồ sơ demo sẽ dùng chung thư mục dữ liệu thật; bản demo chưa được khởi động.',
      ),
    );
  }
  const started = await startDemoSandbox(options.launcher, options.sipPolicy);
  if (!started.ok) return started;
  const { sandbox, sip } = started.value;
  const agent = sandbox.agents[0];
  if (!agent) {
    await sandbox.close();
    return err(
      demoProblem('The demo sandbox has no agents.', 'Máy chủ thử nghiệm của bản demo không có nhân viên nào.'),
    );
  }
  const overSip = sip.kind === 'withSip';
  const env = demoEnvironment(
    options.baseEnv,
    {
      apiUrl: sandbox.apiUrl,
      appId: sandbox.appId,
      appSecret: sandbox.appSecret,
      domain: sandbox.domain,
      email: sandbox.email,
      accountId: sandbox.accountId,
      signalsUrl: sandbox.signalsUrl,
      sipUser: agent.sipUser,
      ...(overSip && sandbox.sipWsUrl !== undefined && sandbox.sipDomain !== undefined
        ? { sip: { wsUrl: sandbox.sipWsUrl, domain: sandbox.sipDomain, password: agent.sipPassword } }
        : {}),
    },
    dataDir,
  );
  return ok(sessionOf(sandbox, { dataDir, env, sip, agent }));
}

function sessionOf(
  sandbox: DemoSandbox,
  parts: { dataDir: string; env: NodeJS.ProcessEnv; sip: DemoSip; agent: DemoSandbox['agents'][number] },
): DemoSession {
  const { agent, sip } = parts;
  const overSip = sip.kind === 'withSip';
  // Each press calls from the next customer, so repeated calls do not all look the same.
  let presses = 0;
  let closing: Promise<void> | undefined;
  return {
    dataDir: parts.dataDir,
    env: parts.env,
    sip,
    agent: { name: agent.name, extension: agent.extensions[0] ?? agent.sipUser },
    async simulateCall(kind) {
      if (closing) return err(demoProblem('The demo is stopping.', 'Bản demo đang dừng.'));
      const customer = sandbox.customers[presses % Math.max(sandbox.customers.length, 1)] ?? { number: '0912345678' };
      presses += 1;
      const placed = await sandbox.placeCall(demoCallSpec(kind, { agent, queues: sandbox.queues, customer, overSip }));
      if (!placed.ok) {
        return err(
          demoProblem(
            `The demo call could not start: ${placed.message}`,
            `Không bắt đầu được cuộc gọi demo: ${placed.message}`,
          ),
        );
      }
      return ok({ kind, callId: placed.callId, caller: customer.number, overSip });
    },
    close() {
      closing ??= sandbox.close();
      return closing;
    },
  };
}
