import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { createRequestHandlers } from '../../../src/main/services/request-handlers';
import { createAgentDirectory, systemTimers } from '../../../src/main/services/screenpop';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { AGENTS, directorySource } from '../screenpop/fixtures';
import { fakeSecretBox, memoryDocument } from '../settings/fakes';

describe('the agent directory lists its colleagues', () => {
  it('is empty before the first load, then holds every agent of the last successful load', async () => {
    const directory = createAgentDirectory({ source: directorySource, timers: systemTimers });
    expect(directory.list()).toEqual([]);
    await directory.refresh();
    expect(directory.list().map((a) => [a.name, a.extensions, a.username])).toEqual([
      ['Nguyễn Văn An', ['8001'], 'nguyenvanan'],
      ['Trần Thị Bình', ['8002'], 'tranthibinh'],
    ]);
    directory.dispose();
  });

  it('keeps the last list when a later load fails', async () => {
    let fail = false;
    const directory = createAgentDirectory({
      source: { getAgents: async () => (fail ? err(appError('network', 'down', 'mất mạng')) : ok(AGENTS)) },
      timers: systemTimers,
    });
    await directory.refresh();
    fail = true;
    await directory.refresh();
    expect(directory.list()).toHaveLength(2);
    directory.dispose();
  });
});

describe('getColleagues through the contract', () => {
  let dir: string;
  let services: Services;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'antring-colleagues-'));
    services = createServices({
      dataDir: dir,
      env: {},
      osLocale: 'vi',
      secretBox: fakeSecretBox(),
      settingsDocument: memoryDocument(),
    });
  });
  afterEach(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const appInfo = { name: 'AntRing Companion', version: '0.0.0', host: 'web' as const, platform: 'linux', dataDir: '' };

  it('answers an empty list while nothing is loaded (no API configured)', async () => {
    expect(await dispatchRequest(createRequestHandlers(services, appInfo), 'getColleagues', undefined)).toEqual({
      ok: true,
      value: [],
    });
  });

  it('answers name, extensions and user name of each cached colleague, nothing else', async () => {
    const directory = createAgentDirectory({ source: directorySource, timers: systemTimers });
    await directory.refresh();
    const handlers = createRequestHandlers({ ...services, colleagues: () => directory.list() }, appInfo);
    const result = await dispatchRequest(handlers, 'getColleagues', undefined);
    expect(result).toEqual({
      ok: true,
      value: [
        { name: 'Nguyễn Văn An', extensions: ['8001'], username: 'nguyenvanan' },
        { name: 'Trần Thị Bình', extensions: ['8002'], username: 'tranthibinh' },
      ],
    });
    expect(JSON.stringify(result)).not.toContain('a'.repeat(32));
    directory.dispose();
  });
});
