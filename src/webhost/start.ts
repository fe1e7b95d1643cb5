import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appError, type AppResult } from '../shared/errors';
import { err, ok } from '../shared/result';
import { createServices } from '../main/services';
import { openProfileHost, projectSandboxLauncher } from '../main/services/demo';
import { openConfDocument, PRODUCT_NAME, resolveDataDir, unavailableSecretBox } from '../main/services/settings';
import { readFileInside } from '../main/services/static-files';
import { contentTypeFor, resolveStaticPath } from '../main/services/static-path';
import { buildBridgeScript } from './bridge-bundle';
import { createWebHostLog } from './file-logger';
import { BRIDGE_SCRIPT_PATH } from './bridge-protocol';
import { createBridgeServer } from './bridge-server';
import { webHostPageUrl } from './bridge-token';
import { osLocaleFromEnv } from './locale';
import { injectBridgeScript } from './static-files';
import { securityHeaders, SECURITY_HEADERS, webHostContentSecurityPolicy, withWebHostCsp } from './security';

export interface WebHostOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Defaults to process.env; ANTRING_DATA_DIR and the ANTRING_* overrides are read from it. */
  readonly env?: NodeJS.ProcessEnv;
  /** The built renderer (out/renderer by default). */
  readonly rendererDir?: string;
  /** Start in the demo (its own profile against the project's sandbox) instead of the real profile. */
  readonly demo?: boolean;
}

export interface WebHost {
  /** Address to open: the page, with the access token in the fragment (`/#token=…`). */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly dataDir: string;
  /**
   * A `tel:`/`callto:`/`sip:` link, delivered as the OS delivers one to the desktop app (through
   * the same dial service): the page shows the confirmation, or says the link is not dialable.
   */
  dialLink(url: string): AppResult<import('../shared/dial').DialPrompt>;
  /**
   * Sleep and wake as Electron's powerMonitor reports them to the app (shell/power.ts): the
   * connection closes on suspend and comes back at once on resume. The web host has no OS power
   * events of its own, so tests (the soak's simulated lid close) raise them here.
   */
  readonly power: { suspend(): void; resume(): void };
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The project's out/renderer. This file runs from out/main (the build) or src/webhost (tests),
 * both two levels below the project root.
 */
export function defaultRendererDir(): string {
  return join(here, '..', '..', 'out', 'renderer');
}

/** The version in the project's package.json (src/webhost and out/main are both two levels down). */
async function packageVersion(): Promise<string> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(here, '..', '..', 'package.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') {
      return parsed.version;
    }
  } catch {
    // fall through: the version is informational only
  }
  return '0.0.0';
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<AppResult<number>> {
  return new Promise((resolvePort) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use`
          : `cannot listen on port ${port} (${error.code ?? 'error'})`;
      const reasonVi =
        error.code === 'EADDRINUSE'
          ? `cổng ${port} đang được dùng`
          : `không mở được cổng ${port} (${error.code ?? 'lỗi'})`;
      resolvePort(err(appError('network', `Web host: ${reason}.`, `Web host: ${reasonVi}.`)));
    };
    server.once('error', onError);
    // Loopback only: the bridge hands out settings and the SIP password.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolvePort(ok((server.address() as AddressInfo).port));
    });
  });
}

/**
 * Starts the web host: the same services and contract handlers as the Electron app, the
 * built renderer on http://127.0.0.1:<port>, and `window.antring` bridged over a WebSocket
 * that only this host's own page (with the per-run token) can open.
 */
export async function startWebHost(options: WebHostOptions = {}): Promise<AppResult<WebHost>> {
  const env = options.env ?? process.env;
  const rendererDir = resolve(options.rendererDir ?? defaultRendererDir());
  const indexPath = join(rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    return err(
      appError(
        'not_configured',
        `No built renderer at ${rendererDir}; run "npx electron-vite build" first.`,
        `Chưa có bản dựng giao diện tại ${rendererDir}; hãy chạy "npx electron-vite build" trước.`,
        { file: indexPath },
      ),
    );
  }
  const bridgeScript = await buildBridgeScript();
  if (!bridgeScript.ok) return bridgeScript;

  const dataDir = resolveDataDir(env);
  const version = await packageVersion();
  // The real profile, or the demo's (services/demo): switched in place, the page reloads after.
  const profiles = await openProfileHost({
    realDataDir: dataDir,
    env,
    startInDemo: options.demo === true,
    launcher: projectSandboxLauncher(),
    appInfo: (profileDir) => ({
      name: PRODUCT_NAME,
      version,
      host: 'web',
      platform: process.platform,
      dataDir: profileDir,
    }),
    createServices: (profile) => {
      const opened = openConfDocument(profile.dataDir);
      if (!opened.ok) return opened;
      // Each profile logs into its own data folder's logs/ (Settings › Open logs folder shows it).
      const log = createWebHostLog(profile.dataDir);
      const services = createServices({
        dataDir: profile.dataDir,
        env: profile.env,
        osLocale: osLocaleFromEnv(profile.env),
        secretBox: unavailableSecretBox('the web host has no OS keyring access'),
        settingsDocument: opened.value.document,
        startupProblems: opened.value.problems,
        demo: profile.demo,
        log,
      });
      log.followSecrets(services.settings);
      return ok(services);
    },
  });
  if (!profiles.ok) return profiles;
  const host = profiles.value;

  const token = randomBytes(32).toString('base64url');
  let origin = '';
  const bridge = createBridgeServer({ handlers: host.handlers, token, origin: () => origin });
  const unsubscribers = [host.forwardEvents((name, payload) => bridge.emit(name, payload))];

  const server = createServer((request, response) => {
    serve(request, response).catch(() => {
      // One bad request must never take the host down: answer it and carry on.
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end();
    });
  });

  /** The request target's path, or undefined for a target that is not a URL (never a crash). */
  function safePathname(target: string | undefined): string | undefined {
    try {
      return new URL(target ?? '/', origin).pathname;
    } catch {
      return undefined;
    }
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // From the settings as they are now: the page may talk to the loopback servers they name.
    const csp = webHostContentSecurityPolicy(host.current().settings.effective());
    const send = (status: number, type: string, body: string | Buffer): void => {
      response.writeHead(status, {
        ...securityHeaders(csp.header),
        'Content-Type': type,
        'Content-Length': String(Buffer.byteLength(body)),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    // A Host other than our own means a DNS-rebinding page is asking: refuse it.
    if (request.headers.host !== new URL(origin).host)
      return send(421, 'text/plain; charset=utf-8', 'Misdirected request\n');
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    const path = safePathname(request.url);
    if (path === undefined) return send(400, 'text/plain; charset=utf-8', 'Bad request\n');
    if (path === '/' || path === '/index.html') {
      const html = await readFile(indexPath, 'utf8').catch(() => null);
      if (html === null) return send(500, 'text/plain; charset=utf-8', 'The built renderer disappeared; rebuild it.\n');
      return send(200, contentTypeFor('index.html'), injectBridgeScript(withWebHostCsp(html, csp.meta)));
    }
    if (path === BRIDGE_SCRIPT_PATH && bridgeScript.ok)
      return send(200, contentTypeFor('bridge.js'), bridgeScript.value);
    const file = resolveStaticPath(rendererDir, path);
    const body = file ? await readFileInside(rendererDir, file) : null;
    if (!file || !body) return send(404, 'text/plain; charset=utf-8', 'Not found\n');
    return send(200, contentTypeFor(file), body);
  }

  server.on('upgrade', (request, socket, head) => bridge.handleUpgrade(request, socket, head));

  const listening = await listen(server, options.port ?? 0);
  if (!listening.ok) {
    await host.dispose();
    return listening;
  }
  const port = listening.value;
  origin = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | null = null;
  return ok({
    url: webHostPageUrl(origin, token),
    origin,
    port,
    token,
    dataDir,
    dialLink: (url) => host.current().dial.request({ text: url, source: 'link', confirm: true }),
    power: { suspend: () => host.current().suspend(), resume: () => host.current().resume() },
    close() {
      closed ??= (async () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
        await bridge.close();
        server.closeAllConnections();
        await new Promise<void>((done) => server.close(() => done()));
        await host.dispose();
      })();
      return closed;
    },
  });
}
