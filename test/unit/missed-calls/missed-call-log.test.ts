import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../src/shared/contract';
import type { MissedCall } from '../../../src/shared/domain';
import { createServices, type Services } from '../../../src/main/services';
import { createMissedCallLog } from '../../../src/main/services/missed-calls';
import { forwardServiceEvents } from '../../../src/main/services/service-events';
import { unavailableSecretBox } from '../../../src/main/services/settings';
import { testSettingsDocument } from '../../support/settings-document';
import { missedCallsText } from '../../../src/main/shell/status-text';

const call = (callId: string, at: string, number = '0912345678'): MissedCall => ({
  callId,
  from: { number },
  to: { number: '8001' },
  at,
  statusDetail: 'IVR',
});

describe('missed-call log', () => {
  it('keeps calls newest first, once each, and tells listeners only about changes', () => {
    const log = createMissedCallLog();
    const seen: number[] = [];
    log.onChange((calls) => seen.push(calls.length));
    log.add([call('a', '2026-11-27T01:00:00.000Z'), call('b', '2026-11-27T03:00:00.000Z')]);
    log.add([
      call('b', '2026-11-27T03:00:00.000Z'),
      call('c', '2026-11-27T02:00:00.000Z'),
      call('c', '2026-11-27T02:00:00.000Z'),
    ]);
    log.add([call('a', '2026-11-27T01:00:00.000Z')]);
    expect(log.list().map((c) => c.callId)).toEqual(['b', 'c', 'a']);
    expect(seen).toEqual([2, 3]);
    log.clear();
    log.clear();
    expect(log.list()).toEqual([]);
    expect(seen).toEqual([2, 3, 0]);
  });

  it('is bounded: the oldest calls go first', () => {
    const log = createMissedCallLog(2);
    log.add([call('old', '2026-11-01T00:00:00.000Z'), call('mid', '2026-11-02T00:00:00.000Z')]);
    log.add([call('new', '2026-11-03T00:00:00.000Z')]);
    expect(log.list().map((c) => c.callId)).toEqual(['new', 'mid']);
  });
});

describe('forwardServiceEvents', () => {
  let services: Services | undefined;
  let dir = '';
  afterEach(async () => {
    await services?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('forwards what the services publish under the contract event names', () => {
    dir = mkdtempSync(join(tmpdir(), 'antring-events-'));
    services = createServices({
      dataDir: dir,
      env: {},
      osLocale: 'vi',
      secretBox: unavailableSecretBox('test'),
      settingsDocument: testSettingsDocument(dir),
    });
    const emitted: EventName[] = [];
    const stop = forwardServiceEvents(services, (name) => emitted.push(name));
    services.settings.save({ displayName: 'Agent 7' });
    services.missedCalls.add([call('x', '2026-11-27T01:00:00.000Z')]);
    expect(emitted).toEqual(['settingsChanged', 'missedCallsChanged']);
    stop();
    services.missedCalls.clear();
    expect(emitted).toHaveLength(2);
  });
});

describe('notification text', () => {
  it('names the first missed numbers and counts the rest', () => {
    const calls = ['0912345678', '0987654321', '02873019555', '0901234567'].map((n, i) =>
      call(`c${i}`, '2026-11-27T01:00:00.000Z', n),
    );
    expect(missedCallsText(calls, 'en')).toEqual({
      title: '4 calls missed while offline',
      body: '0912 345 678, 0987 654 321, 028 7301 9555 and 1 more',
    });
  });
});
