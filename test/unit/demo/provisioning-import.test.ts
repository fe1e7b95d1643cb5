import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import { unavailableDemoControl, type DemoControl } from '../../../src/main/services/demo';
import {
  checkProvisioningText,
  createProvisioningImport,
  importedProvisioningPath,
  withImportedProvisioning,
} from '../../../src/main/services/first-run';
import { createRequestHandlers } from '../../../src/main/services/request-handlers';
import { createSettingsService, settingsFilePath, unavailableSecretBox } from '../../../src/main/services/settings';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { testSettingsDocument } from '../../support/settings-document';

const APP_SECRET = 'imported-secret-Qk29';
const SIP_PASSWORD = 'imported-sip-Vb73';

/** A provisioning file as IT writes one; the API address is this computer's discard port, so nothing leaves it. */
const GOOD = {
  apiBaseUrl: 'http://127.0.0.1:9',
  appId: '6544646543674',
  appSecret: APP_SECRET,
  companyDomain: 'acme.antbuddy.com',
  companyEmail: 'it@acme.vn',
  sipUser: 'agent8001',
  sipPassword: SIP_PASSWORD,
  language: 'en',
  dashboardRefreshSeconds: '30',
};

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'antring-provisioning-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Settings as a host opens them (settings.json through conf, no keyring), with the import beside them. */
function open(env: NodeJS.ProcessEnv = {}) {
  const settingsEnv = withImportedProvisioning(env, dataDir);
  const settings = createSettingsService({
    document: testSettingsDocument(dataDir),
    secretBox: unavailableSecretBox('no keyring in this test'),
    env: settingsEnv,
    osLocale: 'vi',
  });
  const provisioning = createProvisioningImport({ dataDir, settingsEnv, reloadSettings: () => settings.reload() });
  return { settings, provisioning };
}

describe('importing a provisioning file', () => {
  it('stores a good file owner-only, and the settings use it as IT-set values at once and after a restart', () => {
    const { settings, provisioning } = open();
    settings.save({ displayName: 'An' });
    const savedBefore = readFileSync(settingsFilePath(dataDir), 'utf8');
    const changes: string[] = [];
    settings.onChange((view) => changes.push(view.values.appId));

    const result = provisioning.importText(JSON.stringify(GOOD), 'acme.json');
    expect(result).toEqual({
      ok: true,
      value: { kind: 'imported', keys: Object.keys(GOOD).sort(), file: importedProvisioningPath(dataDir) },
    });
    expect(statSync(importedProvisioningPath(dataDir)).mode & 0o777).toBe(0o600);
    const view = settings.view();
    expect(view.values).toMatchObject({
      appId: GOOD.appId,
      companyDomain: GOOD.companyDomain,
      dashboardRefreshSeconds: 30,
    });
    expect(view.sources.appId).toBe('file');
    expect(view.secrets.appSecret).toEqual({ set: true, source: 'file' });
    expect(settings.effective().sipPassword).toBe(SIP_PASSWORD);
    expect(changes).toEqual([GOOD.appId]);
    // What the user saved is untouched, and still applies where the file says nothing.
    expect(readFileSync(settingsFilePath(dataDir), 'utf8')).toBe(savedBefore);
    expect(view.values.displayName).toBe('An');
    // IT's values are locked, as from an ANTRING_CONFIG file.
    expect(settings.save({ appId: 'other' })).toMatchObject({ ok: false, error: { code: 'setting_locked' } });

    const restarted = open();
    expect(restarted.settings.view().sources.companyDomain).toBe('file');
    expect(restarted.settings.effective().appSecret).toBe(APP_SECRET);
  });

  it('may import a corrected file over an earlier import', () => {
    const { settings, provisioning } = open();
    expect(provisioning.importText(JSON.stringify(GOOD)).ok).toBe(true);
    const again = provisioning.importText(JSON.stringify({ ...GOOD, companyDomain: 'acme2.antbuddy.com' }));
    expect(again).toMatchObject({ ok: true, value: { kind: 'imported' } });
    expect(settings.view().values.companyDomain).toBe('acme2.antbuddy.com');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an insecure API address', { apiBaseUrl: 'http://openapi.example.vn' }, 'apiBaseUrl'],
    ['an API address that is no URL', { apiBaseUrl: 'openapi' }, 'apiBaseUrl'],
    ['a signals address that is not a websocket', { signalsUrl: 'https://signals.example.vn' }, 'signalsUrl'],
    ['a SIP websocket without encryption', { sipWsUrl: 'ws://sip.example.vn' }, 'sipWsUrl'],
    ['an e-mail that is none', { companyEmail: 'it at acme' }, 'companyEmail'],
    ['an unknown language', { language: 'fr' }, 'language'],
    ['an unknown theme', { theme: 'blue' }, 'theme'],
    ['a CRM template that opens a program', { crmUrlTemplate: 'file:///bin/sh' }, 'crmUrlTemplate'],
    ['a refresh outside 5..300 s', { dashboardRefreshSeconds: 2 }, 'dashboardRefreshSeconds'],
    ['history days outside 31..365', { historyDays: 1000 }, 'historyDays'],
    ['a yes/no setting given as text', { popupEnabled: 'yes' }, 'popupEnabled'],
    ['an ICE server without urls', { iceServers: [{ username: 'u' }] }, 'iceServers'],
    ['a secret that is not text', { appSecret: 12345 }, 'appSecret'],
    ['a key that is not a setting', { appSecrett: 'typo' }, 'appSecrett'],
  ])('refuses %s, naming the field, and stores nothing', (_what, bad, field) => {
    const { settings, provisioning } = open();
    const before = settings.view();
    const result = provisioning.importText(JSON.stringify({ ...GOOD, ...bad }), 'it.json');
    expect(result.ok).toBe(true);
    if (!result.ok || result.value.kind !== 'invalid') throw new Error('expected an invalid outcome');
    expect(result.value.problems.map((p) => p.field)).toEqual([field]);
    const [problem] = result.value.problems;
    expect(problem).toMatchObject({ code: 'config_invalid', file: 'it.json' });
    expect(problem?.message).toContain(field);
    expect(problem?.messageVi).toContain(field);
    expect(existsSync(importedProvisioningPath(dataDir))).toBe(false);
    expect(existsSync(settingsFilePath(dataDir))).toBe(false);
    expect(settings.view()).toEqual(before);
  });

  it('names every bad field of a file at once, and never repeats a value (a secret may be one)', () => {
    const checked = checkProvisioningText(
      JSON.stringify({
        appSecret: ['not', 'text', APP_SECRET],
        apiBaseUrl: `http://${APP_SECRET}.example`,
        language: 'de',
        iceServers: [{}, { urls: 3 }],
        unknownOne: 1,
        unknownTwo: 2,
      }),
      'it.json',
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.error.map((p) => p.field).sort()).toEqual(
      ['apiBaseUrl', 'appSecret', 'iceServers', 'language', 'unknownOne', 'unknownTwo'].sort(),
    );
    expect(JSON.stringify(checked.error)).not.toContain(APP_SECRET);
  });

  it.each([
    ['text that is not JSON', '{"appId": "65', 'not valid JSON'],
    ['a JSON list', '[{"appId": "6544"}]', 'one JSON object'],
    ['a JSON string', '"appId"', 'one JSON object'],
    ['an object that sets nothing', '{}', 'sets nothing'],
  ])('refuses %s as a whole, and stores nothing', (_what, text, says) => {
    const { provisioning } = open();
    const result = provisioning.importText(text, 'it.json');
    expect(result).toMatchObject({ ok: true, value: { kind: 'invalid' } });
    if (!result.ok || result.value.kind !== 'invalid') return;
    expect(result.value.problems).toHaveLength(1);
    expect(result.value.problems[0]?.message).toContain(says);
    expect(existsSync(importedProvisioningPath(dataDir))).toBe(false);
  });

  it('leaves an earlier import in force when a later file is bad', () => {
    const { settings, provisioning } = open();
    provisioning.importText(JSON.stringify(GOOD));
    const stored = readFileSync(importedProvisioningPath(dataDir), 'utf8');
    expect(provisioning.importText(JSON.stringify({ ...GOOD, language: 'xx' }))).toMatchObject({
      value: { kind: 'invalid' },
    });
    expect(readFileSync(importedProvisioningPath(dataDir), 'utf8')).toBe(stored);
    expect(settings.view().values.language).toBe('en');
  });

  it("is refused while IT's own ANTRING_CONFIG file is in force (it would never be used)", () => {
    const itFile = join(dataDir, 'it-provisioning.json');
    writeFileSync(itFile, JSON.stringify({ companyDomain: 'it.antbuddy.com' }));
    const { settings, provisioning } = open({ ANTRING_CONFIG: itFile });
    const result = provisioning.importText(JSON.stringify(GOOD));
    expect(result).toMatchObject({ ok: false, error: { code: 'setting_locked', file: itFile } });
    expect(existsSync(importedProvisioningPath(dataDir))).toBe(false);
    expect(settings.view().values.companyDomain).toBe('it.antbuddy.com');
  });
});

describe('the importProvisioning request', () => {
  function handlersWith(demo: DemoControl) {
    const services = createServices({
      dataDir,
      env: {},
      osLocale: 'vi',
      secretBox: unavailableSecretBox('no keyring in this test'),
      settingsDocument: testSettingsDocument(dataDir),
      demo,
    });
    const handlers = createRequestHandlers(services, {
      name: 'AntRing Companion',
      version: '0.0.0',
      host: 'web',
      platform: 'linux',
      dataDir,
    });
    return { services, handlers };
  }

  it('imports through the contract, and the settings view says where each value came from', async () => {
    const { services, handlers } = handlersWith(unavailableDemoControl());
    const result = await dispatchRequest(handlers, 'importProvisioning', {
      text: JSON.stringify({ companyDomain: 'acme.antbuddy.com', language: 'en' }),
      fileName: 'acme.json',
    });
    expect(result).toMatchObject({ ok: true, value: { kind: 'imported', keys: ['companyDomain', 'language'] } });
    const view = await dispatchRequest(handlers, 'getSettings', undefined);
    expect(view).toMatchObject({ ok: true, value: { sources: { companyDomain: 'file', language: 'file' } } });
    await services.dispose();
  });

  it('is refused in the demo profile: a provisioning file is for the real account', async () => {
    const running: DemoControl = {
      ...unavailableDemoControl(),
      state: () => ({
        kind: 'running',
        sip: { kind: 'withoutSip', reason: 'kamailio-not-installed' },
        agent: { name: 'An', extension: '8001' },
      }),
    };
    const { services, handlers } = handlersWith(running);
    const result = await dispatchRequest(handlers, 'importProvisioning', { text: JSON.stringify(GOOD) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(existsSync(importedProvisioningPath(dataDir))).toBe(false);
    await services.dispose();
  });
});
