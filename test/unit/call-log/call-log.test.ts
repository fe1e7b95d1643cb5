import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import { CALL_LOG_FILE, createCallLog } from '../../../src/main/services/call-log';
import { createRequestHandlers } from '../../../src/main/services/request-handlers';
import { forwardServiceEvents } from '../../../src/main/services/service-events';
import type { CallSummary } from '../../../src/shared/call-log';
import { requests } from '../../../src/shared/contract';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { fakeSecretBox, memoryDocument } from '../settings/fakes';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'antring-call-log-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function call(n: number, overrides: Partial<CallSummary> = {}): CallSummary {
  const startedAt = 1_700_000_000_000 + n * 60_000;
  return {
    sipCallId: `call-${n}@sip.example.vn`,
    direction: 'inbound',
    number: `09123456${String(n % 100).padStart(2, '0')}`,
    startedAt,
    answeredAt: startedAt + 3_000,
    endedAt: startedAt + 45_000,
    endReason: 'remote-hangup',
    quality: {
      samples: 21,
      avgJitterMs: 4.2,
      avgLossPct: 0.3,
      avgRttMs: 38,
      avgMos: 4.31,
      worstMos: 3.9,
      worstLossPct: 1.5,
    },
    ...overrides,
  };
}

const logPath = (): string => join(dir, CALL_LOG_FILE);

describe('call log file', () => {
  it('appends calls as JSON lines and lists the newest first, as many as asked', () => {
    const log = createCallLog(dir);
    for (const n of [1, 2, 3]) expect(log.record(call(n))).toEqual({ ok: true, value: undefined });
    expect(log.latest(2).map((c) => c.sipCallId)).toEqual(['call-3@sip.example.vn', 'call-2@sip.example.vn']);
    expect(readFileSync(logPath(), 'utf8').trim().split('\n')).toHaveLength(3);

    // A restart reads the same calls back.
    expect(createCallLog(dir).latest(10)).toEqual([call(3), call(2), call(1)]);
  });

  it('is readable by its owner only', () => {
    const log = createCallLog(dir);
    log.record(call(1));
    expect(statSync(logPath()).mode & 0o777).toBe(0o600);
  });

  it('keeps an existing file private too', () => {
    writeFileSync(logPath(), '', { mode: 0o644 });
    createCallLog(dir).record(call(1));
    expect(statSync(logPath()).mode & 0o777).toBe(0o600);
  });

  it('skips a corrupt or torn line instead of losing the whole log', () => {
    const log = createCallLog(dir);
    log.record(call(1));
    appendFileSync(logPath(), 'not json at all\n');
    appendFileSync(logPath(), `${JSON.stringify({ v: 1, call: { ...call(9), endReason: 'exploded' } })}\n`);
    log.record(call(2));
    // A crash in the middle of a write leaves half a line at the end.
    appendFileSync(logPath(), JSON.stringify({ v: 1, call: call(3) }).slice(0, 40));

    const reread = createCallLog(dir);
    expect(reread.latest(10).map((c) => c.sipCallId)).toEqual(['call-2@sip.example.vn', 'call-1@sip.example.vn']);
    expect(reread.skippedLines).toBe(3);
    // And recording goes on after the torn line.
    expect(reread.record(call(4)).ok).toBe(true);
    expect(createCallLog(dir).latest(1)[0]?.sipCallId).toBe('call-4@sip.example.vn');
  });

  it('stays bounded: once past its size it keeps only the newest calls', () => {
    const log = createCallLog(dir, { maxEntries: 10 });
    for (let n = 1; n <= 35; n += 1) log.record(call(n));
    const lines = readFileSync(logPath(), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    const kept = createCallLog(dir, { maxEntries: 10 }).latest(100);
    expect(kept[0]?.sipCallId).toBe('call-35@sip.example.vn');
    expect(kept.map((c) => c.sipCallId)).not.toContain('call-20@sip.example.vn');
  });

  it('records the same SIP call once, however often it is sent', () => {
    const log = createCallLog(dir);
    log.record(call(1));
    log.record(call(1));
    expect(log.latest(10)).toHaveLength(1);
    expect(readFileSync(logPath(), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('recordCall and getCallLog through the contract', () => {
  function handlers() {
    const services = createServices({
      dataDir: dir,
      env: {},
      osLocale: 'vi',
      secretBox: fakeSecretBox(),
      settingsDocument: memoryDocument(),
    });
    return {
      services,
      handlers: createRequestHandlers(services, {
        name: 'AntRing Companion',
        version: '0.0.0',
        host: 'web',
        platform: 'linux',
        dataDir: dir,
      }),
    };
  }

  it('stores a validated call and returns the latest ones', async () => {
    const { services, handlers: h } = handlers();
    expect(await dispatchRequest(h, 'recordCall', call(1))).toEqual({ ok: true, value: undefined });
    expect(await dispatchRequest(h, 'recordCall', call(2, { answeredAt: undefined, endReason: 'canceled' }))).toEqual({
      ok: true,
      value: undefined,
    });
    const listed = await dispatchRequest(h, 'getCallLog', { limit: 1 });
    expect(listed).toEqual({ ok: true, value: [call(2, { answeredAt: undefined, endReason: 'canceled' })] });
    const all = await dispatchRequest(h, 'getCallLog', undefined);
    expect(all.ok && (all.value as unknown[]).length).toBe(2);
    await services.dispose();
  });

  it('refuses a malformed call summary before it reaches the file', async () => {
    const { services, handlers: h } = handlers();
    const bad = [
      { ...call(1), endedAt: call(1).startedAt - 1 },
      { ...call(1), extra: 'field' },
      { ...call(1), quality: { ...call(1).quality, avgMos: -1 } },
      { ...call(1), direction: 'sideways' },
      { ...call(1), sipCallId: '' },
    ];
    for (const input of bad) {
      const result = await dispatchRequest(h, 'recordCall', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(requests.getCallLog.input.safeParse({ limit: 501 }).success).toBe(false);
    expect(services.callLog.latest(10)).toEqual([]);
    await services.dispose();
  });

  it('tells listeners when the machine woke up, after the services resumed', async () => {
    const { services } = handlers();
    const seen: number[] = [];
    const stop = services.onResumed((event) => seen.push(event.at));
    services.resume();
    stop();
    services.resume();
    expect(seen).toHaveLength(1);
    await services.dispose();
  });

  it('forwards systemResumed to the renderer from resume() only (the web host never resumes)', async () => {
    const { services } = handlers();
    const emitted: string[] = [];
    const stop = forwardServiceEvents(services, (name) => emitted.push(name));
    expect(emitted).not.toContain('systemResumed');
    services.resume();
    expect(emitted.filter((name) => name === 'systemResumed')).toHaveLength(1);
    stop();
    await services.dispose();
  });
});
