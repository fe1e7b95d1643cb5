import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from '@playwright/test';
import type { RunningSandbox } from '../../../sandbox/index';

/**
 * Everything the run printed or logged, kept to be searched for secrets and errors at the end:
 * the host process's stdout and stderr (the web host, the sandbox, the services), its uncaught
 * exceptions and unhandled rejections, the web host's log file, and the page's console and
 * errors. Also the secret values themselves: the app secret, the SIP passwords, the page's
 * bridge token, and every voice token and request hash that crossed the wire (collected from
 * the sandbox as it issues and receives them).
 */

export interface LoggedLine {
  readonly at: number;
  readonly source: 'stdout' | 'stderr' | 'host-log' | 'page-console' | 'page-error' | 'uncaught';
  readonly level: string;
  readonly text: string;
}

const HEX_RUN = /[0-9a-f]{32,}/gi;
/** Voice tokens and SHA-256 request hashes. */
const SECRET_HEX_LENGTH = 64;

export class LogCapture {
  readonly lines: LoggedLine[] = [];
  private readonly fixedSecrets = new Set<string>();
  private readonly hexSecrets = new Set<string>();
  private readonly undo: (() => void)[] = [];

  /** Tees the process's stdout and stderr into the capture (they still print). */
  captureProcess(): void {
    for (const source of ['stdout', 'stderr'] as const) {
      const stream = process[source];
      const write = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
        const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
        for (const line of text.split('\n'))
          if (line !== '') this.add(source, source === 'stderr' ? 'error' : 'info', line);
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      this.undo.push(() => {
        stream.write = write;
      });
    }
    const onException = (error: Error): void =>
      this.add('uncaught', 'error', `uncaughtException: ${error.stack ?? error.message}`);
    const onRejection = (reason: unknown): void =>
      this.add(
        'uncaught',
        'error',
        `unhandledRejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
      );
    process.on('uncaughtException', onException);
    process.on('unhandledRejection', onRejection);
    this.undo.push(() => {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    });
  }

  capturePage(page: Page): void {
    page.on('console', (message: ConsoleMessage) => this.add('page-console', message.type(), message.text()));
    page.on('pageerror', (error) => this.add('page-error', 'error', error.stack ?? error.message));
  }

  /** Learns the secrets of this run as the sandbox issues and receives them. */
  watchSandbox(sandbox: RunningSandbox): void {
    const tokens = sandbox.state.tokens;
    const issue = tokens.issue.bind(tokens);
    tokens.issue = () => {
      const token = issue();
      this.hexSecrets.add(token.value.toLowerCase());
      return token;
    };
    const onRequest = (req: { url?: string; headers: Record<string, string | string[] | undefined> }): void => {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      for (const value of [url.searchParams.get('hash'), req.headers['x-auth-app-hash']])
        if (typeof value === 'string' && value.length >= 32) this.hexSecrets.add(value.toLowerCase());
    };
    sandbox.httpServer.prependListener('request', onRequest);
    this.undo.push(() => {
      tokens.issue = issue;
      sandbox.httpServer.off('request', onRequest);
    });
  }

  addSecret(value: string): void {
    if (value.length >= 6) this.fixedSecrets.add(value);
  }

  /** The web host's log files (`<data>/logs/*.log`), read once the host has stopped. */
  readHostLogs(dataDir: string): void {
    const folder = join(dataDir, 'logs');
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder)
      .filter((n) => n.endsWith('.log'))
      .sort()) {
      for (const line of readFileSync(join(folder, name), 'utf8').split('\n')) {
        if (line === '') continue;
        const level = /\] \[(\w+)\]/.exec(line)?.[1] ?? 'info';
        const stamped = Date.parse(/^\[([^\]]+)\]/.exec(line)?.[1] ?? '');
        this.add('host-log', level, line, Number.isFinite(stamped) ? stamped : undefined);
      }
    }
  }

  /** Lines that contain a secret, and which kind (never the secret itself). */
  linesWithSecrets(): {
    readonly source: string;
    readonly at: number;
    readonly kind: string;
    readonly excerpt: string;
  }[] {
    const found: { source: string; at: number; kind: string; excerpt: string }[] = [];
    for (const line of this.lines) {
      let kind: string | undefined;
      for (const secret of this.fixedSecrets)
        if (line.text.includes(secret)) kind = 'app secret, SIP password or bridge token';
      for (const run of line.text.match(HEX_RUN) ?? [])
        if (this.hexSecretsHas(run)) kind = 'voice token or request hash';
      if (kind) found.push({ source: line.source, at: line.at, kind, excerpt: this.mask(line.text).slice(0, 160) });
    }
    return found;
  }

  get secretsKnown(): number {
    return this.fixedSecrets.size + this.hexSecrets.size;
  }

  release(): void {
    for (const undo of this.undo.splice(0)) undo();
  }

  private hexSecretsHas(run: string): boolean {
    const lower = run.toLowerCase();
    if (this.hexSecrets.has(lower)) return true;
    // Tokens and hashes are 64 hex digits: one inside a longer hex run still counts.
    for (let i = 0; i + SECRET_HEX_LENGTH <= lower.length; i++)
      if (this.hexSecrets.has(lower.slice(i, i + SECRET_HEX_LENGTH))) return true;
    return false;
  }

  private mask(text: string): string {
    let out = text.replace(HEX_RUN, (run) => (this.hexSecretsHas(run) ? '[secret]' : run));
    for (const secret of this.fixedSecrets) out = out.split(secret).join('[secret]');
    return out;
  }

  private add(source: LoggedLine['source'], level: string, text: string, at = Date.now()): void {
    this.lines.push({ at, source, level, text });
  }
}
