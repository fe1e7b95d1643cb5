import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import {
  demoDataDir,
  openProfileHost,
  projectSandboxLauncher,
  type ProfileHost,
  type ProfileServicesFactory,
} from '../../../src/main/services/demo';
import { openConfDocument, settingsFilePath, unavailableSecretBox } from '../../../src/main/services/settings';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { ok } from '../../../src/shared/result';

/**
 * Switching a host between the real profile and the demo's, in place (what the web host does),
 * against the project's real sandbox on 127.0.0.1. Kamailio is declared absent, so this
 * covers the demo without SIP; the web e2e (first-run.spec.ts) covers it with Kamailio.
 */

let realDir: string;
let host: ProfileHost | undefined;
/** The data folder of every set of services the host created, and the demo state at that moment. */
let created: { dataDir: string; demoState: string }[];

const createServicesFor: ProfileServicesFactory = (profile) => {
  created.push({ dataDir: profile.dataDir, demoState: profile.demo.state().kind });
  const opened = openConfDocument(profile.dataDir);
  if (!opened.ok) return opened;
  return ok(
    createServices({
      dataDir: profile.dataDir,
      env: profile.env,
      osLocale: 'vi',
      secretBox: unavailableSecretBox('no keyring in this test'),
      settingsDocument: opened.value.document,
      demo: profile.demo,
    }),
  );
};

const withoutKamailio = { ...projectSandboxLauncher(), kamailioInstalled: async () => false };

async function openHost(startInDemo = false): Promise<ProfileHost> {
  const opened = await openProfileHost({
    realDataDir: realDir,
    env: { ANTRING_DATA_DIR: realDir },
    createServices: createServicesFor,
    appInfo: (dataDir) => ({ name: 'AntRing Companion', version: '0.0.0', host: 'web', platform: 'linux', dataDir }),
    launcher: withoutKamailio,
    startInDemo,
  });
  if (!opened.ok) throw new Error(opened.error.message);
  host = opened.value;
  return host;
}

beforeEach(() => {
  realDir = mkdtempSync(join(tmpdir(), 'antring-profile-host-'));
  created = [];
});
afterEach(async () => {
  await host?.dispose();
  host = undefined;
  rmSync(realDir, { recursive: true, force: true });
});

// Each test starts the real sandbox (seeded history, signals); on a busy machine that is seconds.
describe('a host switching between the real profile and the demo', { timeout: 90_000 }, () => {
  it("enters the demo with the sandbox's account in the demo folder and leaves it, never touching the real settings", async () => {
    const opened = await openHost();
    expect(opened.current().dataDir).toBe(realDir);
    expect(opened.current().settings.save({ displayName: 'Real An', language: 'vi' }).ok).toBe(true);
    const realSettings = readFileSync(settingsFilePath(realDir), 'utf8');
    const events: string[] = [];
    opened.forwardEvents((name) => events.push(name));

    const started = await dispatchRequest(opened.handlers, 'startDemo', { language: 'en' });
    expect(started).toMatchObject({
      ok: true,
      value: { kind: 'running', sip: { kind: 'withoutSip', reason: 'kamailio-not-installed' } },
    });
    const demo = opened.current();
    expect(demo.dataDir).toBe(demoDataDir(realDir));
    expect(demo.settings.effective().apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.settings.effective().sipWsUrl).toBe('');
    // The demo starts in the language the page showed, kept in its own settings file.
    expect(demo.settings.view().values.language).toBe('en');
    expect(demo.settings.view().values.displayName).toBe('');
    expect(existsSync(settingsFilePath(demoDataDir(realDir)))).toBe(true);
    // The contract now answers from the demo profile.
    expect(await dispatchRequest(opened.handlers, 'getAppInfo', undefined)).toMatchObject({
      value: { dataDir: demoDataDir(realDir) },
    });
    // Events of the demo's services reach the host's stream.
    demo.settings.save({ theme: 'dark' });
    expect(events).toContain('settingsChanged');

    const call = await dispatchRequest(opened.handlers, 'simulateDemoCall', { kind: 'missed' });
    expect(call).toMatchObject({ ok: true, value: { kind: 'missed', overSip: false } });
    expect(call).toMatchObject({ value: { callId: expect.stringMatching(/\S/) } });

    // Twice is refused: one sandbox per demo.
    expect(await dispatchRequest(opened.handlers, 'startDemo', undefined)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    const stopped = await dispatchRequest(opened.handlers, 'stopDemo', undefined);
    expect(stopped).toEqual({ ok: true, value: { kind: 'stopped' } });
    expect(opened.current().dataDir).toBe(realDir);
    expect(opened.current().settings.view().values.displayName).toBe('Real An');
    expect(readFileSync(settingsFilePath(realDir), 'utf8')).toBe(realSettings);
    expect(await dispatchRequest(opened.handlers, 'simulateDemoCall', { kind: 'inbound' })).toMatchObject({
      ok: false,
    });
    expect(await dispatchRequest(opened.handlers, 'stopDemo', undefined)).toMatchObject({ ok: false });
    // Real profile, then the demo's created while starting, then the real one again.
    expect(created).toEqual([
      { dataDir: realDir, demoState: 'stopped' },
      { dataDir: demoDataDir(realDir), demoState: 'starting' },
      { dataDir: realDir, demoState: 'running' },
    ]);
  });

  it('opens straight in the demo (--demo) without ever creating the real profile', async () => {
    const opened = await openHost(true);
    expect(opened.demo.state()).toMatchObject({ kind: 'running', agent: { extension: expect.stringMatching(/\d/) } });
    expect(created.map((c) => c.dataDir)).toEqual([demoDataDir(realDir)]);
    expect(existsSync(settingsFilePath(realDir))).toBe(false);
  });
});
