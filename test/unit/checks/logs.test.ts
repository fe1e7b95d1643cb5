import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogFields, Logger } from '../../../src/main/services/logger';
import { createLogsService } from '../../../src/main/services/logs';
import { openFolderWith } from '../../../src/main/shell/logging';
import { createFileLogger, createWebHostLog } from '../../../src/webhost/file-logger';
import { ok } from '../../../src/shared/result';

// Electron faked: shell/logging.ts loads electron-log's main-process part, which needs Electron.
vi.mock('electron-log/main', () => ({ default: {} }));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'antring-logs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A Logger that keeps its lines, to read what the service wrote. */
function keptLines(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep =
    (level: string) =>
    (message: string, fields?: LogFields): void => {
      lines.push(`${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
    };
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

describe('the logs folder', () => {
  it('without a way to open folders (the web host), answers the path and creates the folder', async () => {
    const logs = createLogsService({ dataDir: dir, log: keptLines() });
    const answer = await logs.open();
    expect(answer).toEqual(ok({ path: join(dir, 'logs'), opened: false }));
    expect(statSync(join(dir, 'logs')).isDirectory()).toBe(true);
  });

  it('with one (Electron), opens <data>/logs; a refusal still answers the path, not opened', async () => {
    const asked: string[] = [];
    const shell = {
      openPath: (path: string) => {
        asked.push(path);
        return Promise.resolve(asked.length === 1 ? '' : 'Failed to open path');
      },
    };
    const log = keptLines();
    const logs = createLogsService({ dataDir: dir, log, openFolder: openFolderWith(shell) });
    expect(await logs.open()).toEqual(ok({ path: join(dir, 'logs'), opened: true }));
    expect(await logs.open()).toEqual(ok({ path: join(dir, 'logs'), opened: false }));
    expect(asked).toEqual([join(dir, 'logs'), join(dir, 'logs')]);
    expect(log.lines).toEqual(['warn Could not open the logs folder {"code":"internal"}']);
  });

  it('the renderer’s errors reach the log, at most 30 a minute, then a count of the dropped ones', () => {
    let now = 0;
    const log = keptLines();
    const logs = createLogsService({ dataDir: dir, log, now: () => now });
    logs.fromRenderer({ level: 'error', message: 'TypeError: x is undefined', stack: 'at App (App.tsx:1)' });
    logs.fromRenderer({ level: 'warn', message: 'slow' });
    expect(log.lines).toEqual(['error renderer: TypeError: x is undefined\nat App (App.tsx:1)', 'warn renderer: slow']);
    for (let i = 0; i < 40; i++) logs.fromRenderer({ level: 'error', message: `loop ${i}` });
    expect(log.lines).toHaveLength(30);
    now = 60_000;
    logs.fromRenderer({ level: 'error', message: 'later' });
    expect(log.lines.slice(-2)).toEqual(['warn renderer: more entries dropped {"count":12}', 'error renderer: later']);
  });
});

describe('the web host’s log file', () => {
  it('writes webhost.log in the logs folder, with the known secrets and anything hash-like masked', () => {
    const secret = 'a-secret-the-log-must-never-show';
    const log = createFileLogger(join(dir, 'logs'), () => [secret]);
    log.info('signed in', { detail: `secret=${secret}` });
    log.error(`renderer: failed with ${secret} and ${'ab'.repeat(32)}`);
    const text = readFileSync(join(dir, 'logs', 'webhost.log'), 'utf8');
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\dT[^\]]+\] \[info\] signed in /);
    expect(text).toContain('[error] renderer: failed with [redacted] and [redacted]');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('ab'.repeat(32));
  });

  it('starts a new file past its size limit, keeping one old one', () => {
    const log = createFileLogger(join(dir, 'logs'), () => [], 200);
    for (let i = 0; i < 10; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['webhost.log', 'webhost.old.log']);
    expect(statSync(join(dir, 'logs', 'webhost.log')).size).toBeLessThanOrEqual(200);
    expect(readFileSync(join(dir, 'logs', 'webhost.log'), 'utf8')).toContain('line 9');
  });

  it('learns the secrets of the settings, and again after they change', () => {
    let current = { appSecret: 'first-secret-value', sipPassword: 'first-sip-password' };
    const listeners: (() => void)[] = [];
    const log = createWebHostLog(dir);
    log.followSecrets({
      effective: () => ({ ...current }) as never,
      onChange: (listener) => {
        listeners.push(() => listener(undefined as never));
        return () => undefined;
      },
    });
    log.warn('first-secret-value first-sip-password');
    current = { appSecret: 'second-secret-value', sipPassword: '' };
    for (const listener of listeners) listener();
    log.warn('second-secret-value');
    const text = readFileSync(log.file, 'utf8');
    expect(log.file).toBe(join(dir, 'logs', 'webhost.log'));
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('first-sip-password');
  });
});
