import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestNames, type RequestName } from '../../../src/shared/contract';
import { dispatchRequest } from '../../../src/shared/dispatch';
import { createServices } from '../../../src/main/services';
import { createRequestHandlers } from '../../../src/main/services/request-handlers';
import { createSettingsService } from '../../../src/main/services/settings';
import { fakeSecretBox, memoryDocument } from './fakes';

const APP_SECRET = 'app-secret-Zq81x';
const SIP_PASSWORD = 'sip-pass-Wm47y';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'antring-settings-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function provisioning(content: string): string {
  const path = join(dir, 'provisioning.json');
  writeFileSync(path, content);
  return path;
}

describe('precedence: env > file > saved > default', () => {
  it('takes each field from the highest layer that sets it, and says where it came from', () => {
    const document = memoryDocument({
      version: 1,
      values: {
        apiBaseUrl: 'https://saved.example',
        appId: 'saved-app',
        sipUser: 'saved-user',
        displayName: 'Saved Name',
      },
      secrets: {},
      plaintextSecretsConsent: false,
    });
    const file = provisioning(
      JSON.stringify({ apiBaseUrl: 'https://file.example', appId: 'file-app', language: 'en' }),
    );
    const settings = createSettingsService({
      document,
      secretBox: fakeSecretBox(),
      env: { ANTRING_CONFIG: file, ANTRING_API_URL: 'https://env.example' },
      osLocale: 'vi-VN',
    });
    const s = settings.effective();
    const { sources } = settings.view();
    expect([s.apiBaseUrl, sources.apiBaseUrl]).toEqual(['https://env.example', 'env']);
    expect([s.appId, sources.appId]).toEqual(['file-app', 'file']);
    expect([s.language, sources.language]).toEqual(['en', 'file']);
    expect([s.sipUser, sources.sipUser]).toEqual(['saved-user', 'saved']);
    expect([s.theme, sources.theme]).toEqual(['system', 'default']);
    expect([s.popupEnabled, sources.popupEnabled]).toEqual([true, 'default']);
  });

  it('never writes env or file values into the saved document', () => {
    const document = memoryDocument();
    const settings = createSettingsService({
      document,
      secretBox: fakeSecretBox(),
      env: { ANTRING_APP_ID: 'from-env', ANTRING_APP_SECRET: APP_SECRET },
      osLocale: 'en-US',
    });
    const saved = settings.save({ displayName: 'Agent 7' });
    expect(saved.ok).toBe(true);
    expect(document.text()).not.toContain('from-env');
    expect(document.text()).not.toContain(APP_SECRET);
    expect(settings.effective().appId).toBe('from-env');
  });
});

describe('secrets', () => {
  it('are stored only encrypted by the secret box', () => {
    const document = memoryDocument();
    const settings = createSettingsService({ document, secretBox: fakeSecretBox(), env: {}, osLocale: 'vi' });
    const result = settings.save({ appSecret: APP_SECRET, sipPassword: SIP_PASSWORD });
    expect(result.ok).toBe(true);
    expect(document.text()).not.toContain(APP_SECRET);
    expect(document.text()).not.toContain(SIP_PASSWORD);
    expect(document.text()).toContain('"scheme": "os"');
    // and they come back out decrypted
    expect(settings.effective().appSecret).toBe(APP_SECRET);
    expect(settings.effective().sipPassword).toBe(SIP_PASSWORD);
  });

  it('never appear in view(), which only says whether each is set', () => {
    const settings = createSettingsService({
      document: memoryDocument(),
      secretBox: fakeSecretBox(),
      env: {},
      osLocale: 'vi',
    });
    settings.save({ appSecret: APP_SECRET, sipPassword: SIP_PASSWORD });
    const text = JSON.stringify(settings.view());
    expect(text).not.toContain(APP_SECRET);
    expect(text).not.toContain(SIP_PASSWORD);
    expect(settings.view().secrets.appSecret).toEqual({ set: true, source: 'saved' });
  });

  it('appSecret is not readable through any contract request; only getSipCredentials returns the SIP password', async () => {
    const document = memoryDocument();
    const services = createServices({
      dataDir: dir,
      env: {},
      osLocale: 'vi',
      secretBox: fakeSecretBox(),
      settingsDocument: document,
    });
    services.settings.save({ appSecret: APP_SECRET, sipPassword: SIP_PASSWORD, sipUser: '1001' });
    const handlers = createRequestHandlers(services, {
      name: 'AntRing Companion',
      version: '0.0.0',
      host: 'electron',
      platform: 'linux',
      dataDir: dir,
    });
    // A new request without a sample here fails to compile and fails the key check below.
    const samples: Record<RequestName, unknown> = {
      getAppInfo: undefined,
      getSettings: undefined,
      saveSettings: { displayName: 'Agent 7' },
      getSipCredentials: undefined,
      getScreenPops: undefined,
      dismissScreenPop: { callId: 'call-1' },
      openInCrm: { callId: 'call-1' },
      getSignalState: undefined,
      getMissedCalls: undefined,
      clearMissedCalls: undefined,
      clickToCall: { number: '0912 345 678' },
      // The phone relay only carries what the renderer's phone reported: a call id and a number.
      reportPhoneCall: { ringing: { id: 'sip-session-1', number: '0912345678' } },
      getPhoneCall: undefined,
      phoneCommand: { action: 'answer', callId: 'sip-session-1' },
      getColleagues: undefined,
      recordCall: {
        sipCallId: 'call-id-1@example',
        direction: 'inbound',
        number: '0912345678',
        startedAt: 1_700_000_000_000,
        endedAt: 1_700_000_060_000,
        endReason: 'remote-hangup',
        quality: {
          samples: 0,
          avgJitterMs: null,
          avgLossPct: null,
          avgRttMs: null,
          avgMos: null,
          worstMos: null,
          worstLossPct: null,
        },
      },
      getCallLog: { limit: 10 },
      // Not configured here (no app id): answers not_configured without any network.
      getDashboard: undefined,
      // Not configured either: no URL is signed and nothing is downloaded.
      getRecordingUrl: { media: 'call_recording_1.wav' },
      downloadRecording: { media: 'call_recording_1.wav' },
      // No app id here either: the history store is not opened, these answer not_configured.
      queryHistory: { search: '0912', limit: 10 },
      countHistory: { search: '0912' },
      groupHistory: undefined,
      getHistorySyncState: undefined,
      refreshHistory: undefined,
      exportHistory: { format: 'csv' },
      countHistoryMissed: { sinceMs: 0 },
      // No CRM template here: answers config_invalid.
      crmLinkForNumber: { number: '0912 345 678', callId: 'call-1' },
      // Dial from anywhere: nothing waits, and with no app id a dial answers not_configured without any network.
      getDialPrompt: undefined,
      confirmDial: { id: 'prompt-1' },
      cancelDial: { id: 'prompt-1' },
      dialNumber: { text: '0912 345 678', source: 'palette' },
      getDialShortcut: undefined,
      setFavourite: { number: '0912 345 678', favourite: true },
      getTrayStatus: undefined,
      // No demo in this host (start answers not_configured), and a file that is not JSON stores nothing.
      getDemoState: undefined,
      startDemo: { language: 'en' },
      stopDemo: undefined,
      simulateDemoCall: { kind: 'inbound' },
      importProvisioning: { text: 'not json', fileName: 'it.json' },
      // Checks for IT: with no app id the API step fails before any network; the log entry is masked.
      testConnection: undefined,
      openLogsFolder: undefined,
      logFromRenderer: { level: 'error', message: 'TypeError: x is undefined' },
    };
    expect(Object.keys(samples).sort()).toEqual([...requestNames].sort());
    for (const name of requestNames) {
      // Some requests may answer an error here (no such call): their errors must not leak either.
      const result = await dispatchRequest(handlers, name, samples[name]);
      const text = JSON.stringify(result);
      expect(text, name).not.toContain(APP_SECRET);
      // The one request meant to return a secret proves the secrets really were saved.
      if (name === 'getSipCredentials') expect(text).toContain(SIP_PASSWORD);
      else expect(text, name).not.toContain(SIP_PASSWORD);
    }
  });

  it('an empty string clears a saved secret', () => {
    const document = memoryDocument();
    const settings = createSettingsService({ document, secretBox: fakeSecretBox(), env: {}, osLocale: 'vi' });
    settings.save({ sipPassword: SIP_PASSWORD });
    settings.save({ sipPassword: '' });
    expect(settings.effective().sipPassword).toBe('');
    expect(settings.view().secrets.sipPassword.set).toBe(false);
  });
});

describe('plaintext consent when the OS has no secret storage', () => {
  it('refuses without consent, stores with consent, removes when consent is withdrawn', () => {
    const document = memoryDocument();
    const settings = createSettingsService({ document, secretBox: fakeSecretBox(false), env: {}, osLocale: 'vi' });
    expect(settings.view().secretStorage.kind).toBe('unavailable');

    const before = document.text();
    const refused = settings.save({ sipPassword: SIP_PASSWORD });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('secret_storage_unavailable');
      expect(refused.error.field).toBe('sipPassword');
      expect(JSON.stringify(refused.error)).not.toContain(SIP_PASSWORD);
    }
    expect(document.text()).toBe(before);

    const consented = settings.save({ sipPassword: SIP_PASSWORD, plaintextSecretsConsent: true });
    expect(consented.ok).toBe(true);
    expect(settings.view().secretStorage.kind).toBe('plaintext-consented');
    expect(settings.effective().sipPassword).toBe(SIP_PASSWORD);
    expect(document.text()).toContain('"scheme": "plaintext"');

    const withdrawn = settings.save({ plaintextSecretsConsent: false });
    expect(withdrawn.ok).toBe(true);
    expect(document.text()).not.toContain(SIP_PASSWORD);
    expect(settings.effective().sipPassword).toBe('');
    expect(settings.view().secretStorage.kind).toBe('unavailable');
  });

  it('encrypts plaintext copies as soon as the OS offers encryption', () => {
    const document = memoryDocument({
      version: 1,
      values: {},
      secrets: { sipPassword: { scheme: 'plaintext', data: SIP_PASSWORD } },
      plaintextSecretsConsent: true,
    });
    const settings = createSettingsService({ document, secretBox: fakeSecretBox(true), env: {}, osLocale: 'vi' });
    expect(document.text()).not.toContain(SIP_PASSWORD);
    expect(document.text()).toContain('"scheme": "os"');
    expect(settings.effective().sipPassword).toBe(SIP_PASSWORD);
    expect(settings.view().secretStorage.kind).toBe('encrypted');
  });

  it('ignores and removes a plaintext copy nobody consented to (a hand-edited file)', () => {
    const document = memoryDocument({
      version: 1,
      values: {},
      secrets: { appSecret: { scheme: 'plaintext', data: APP_SECRET } },
      plaintextSecretsConsent: false,
    });
    const settings = createSettingsService({ document, secretBox: fakeSecretBox(false), env: {}, osLocale: 'vi' });
    expect(settings.effective().appSecret).toBe('');
    expect(document.text()).not.toContain(APP_SECRET);
  });
});

describe('an unreadable saved document', () => {
  it('is kept aside before a save replaces it, and the user is told where', () => {
    const unreadable = { version: 2, values: 'not an object', secrets: {} };
    const document = memoryDocument(unreadable);
    const settings = createSettingsService({ document, secretBox: fakeSecretBox(), env: {}, osLocale: 'vi' });
    expect(settings.view().problems.map((p) => p.code)).toContain('config_invalid');
    expect(document.writes).toBe(0);

    const saved = settings.save({ displayName: 'Agent 7' });
    expect(saved.ok).toBe(true);
    expect(document.preserved).toEqual([JSON.stringify(unreadable, null, '\t')]);
    expect(settings.view().values.displayName).toBe('Agent 7');
    expect(settings.view().problems.map((p) => p.file)).toContain('/virtual/settings.json.unreadable-1');
  });
});

describe('a malformed provisioning file', () => {
  const stored = {
    version: 1,
    values: { apiBaseUrl: 'https://saved.example', displayName: 'Saved Name' },
    secrets: {},
    plaintextSecretsConsent: false,
  };
  const cases = [
    { name: 'not JSON', content: '{ "apiBaseUrl": ', field: undefined },
    {
      name: 'an unknown key',
      content: JSON.stringify({ apiBaseUrl: 'https://file.example', colour: 'red' }),
      field: 'colour',
    },
    { name: 'a bad URL value', content: JSON.stringify({ apiBaseUrl: 'ftp://file.example' }), field: 'apiBaseUrl' },
  ];
  for (const c of cases) {
    it(`(${c.name}) is reported by file and field, ignored, and leaves the stored document byte-identical`, () => {
      const document = memoryDocument(stored);
      const before = document.text();
      const path = provisioning(c.content);
      const settings = createSettingsService({
        document,
        secretBox: fakeSecretBox(),
        env: { ANTRING_CONFIG: path },
        osLocale: 'vi',
      });
      const view = settings.view();
      const problem = view.problems.find((p) => p.file === path);
      expect(problem?.code).toBe('config_invalid');
      expect(problem?.message).toContain(path);
      if (c.field) {
        expect(problem?.field).toBe(c.field);
        expect(problem?.message).toContain(c.field);
      }
      // Nothing from the bad file is used; saved values still apply.
      expect(settings.effective().apiBaseUrl).toBe('https://saved.example');
      expect(view.sources.apiBaseUrl).toBe('saved');
      settings.reload();
      expect(document.text()).toBe(before);
      expect(document.writes).toBe(0);
    });
  }
});

describe('environment variables', () => {
  it('an invalid one is named in problems and ignored, without echoing a secret value', () => {
    const longSecret = `S${'x'.repeat(1000)}`;
    const settings = createSettingsService({
      document: memoryDocument(),
      secretBox: fakeSecretBox(),
      env: { ANTRING_API_URL: 'not a url', ANTRING_SIP_PASSWORD: longSecret, ANTRING_APP_ID: 'ok-app' },
      osLocale: 'vi',
    });
    const view = settings.view();
    const fields = view.problems.map((p) => p.field);
    expect(fields).toContain('ANTRING_API_URL');
    expect(fields).toContain('ANTRING_SIP_PASSWORD');
    expect(view.problems.find((p) => p.field === 'ANTRING_API_URL')?.message).toContain('ANTRING_API_URL');
    expect(JSON.stringify(view.problems)).not.toContain(longSecret);
    expect(settings.effective().apiBaseUrl).toBe('https://openapi.antbuddy.com');
    expect(settings.effective().appId).toBe('ok-app');
  });
});

describe('change notifications', () => {
  it('notify listeners with the new view after a save, and stop after unsubscribing', () => {
    const settings = createSettingsService({
      document: memoryDocument(),
      secretBox: fakeSecretBox(),
      env: {},
      osLocale: 'vi',
    });
    const seen: string[] = [];
    const off = settings.onChange((view) => seen.push(view.values.displayName));
    settings.save({ displayName: 'A' });
    off();
    settings.save({ displayName: 'B' });
    expect(seen).toEqual(['A']);
  });
});

describe('addresses that carry secrets', () => {
  it('must be encrypted unless they point at this computer', () => {
    const settings = createSettingsService({
      document: memoryDocument(),
      secretBox: fakeSecretBox(),
      env: { ANTRING_API_URL: 'http://openapi.example.vn', ANTRING_SIGNALS_URL: 'ws://127.0.0.1:5555' },
      osLocale: 'vi',
    });
    const view = settings.view();
    expect(view.values.apiBaseUrl).toBe('https://openapi.antbuddy.com');
    expect(view.problems.map((p) => p.field)).toEqual(['ANTRING_API_URL']);
    expect(view.values.signalsUrl).toBe('ws://127.0.0.1:5555');

    const refused = settings.save({ sipWsUrl: 'ws://sip.example.vn:8088' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.field).toBe('sipWsUrl');
    expect(settings.save({ sipWsUrl: 'wss://sip.example.vn:7443', apiBaseUrl: 'http://localhost:8080' }).ok).toBe(true);
  });
});

describe('lookups', () => {
  it('read the file and decrypt secrets once per change, not on every lookup', () => {
    const document = memoryDocument();
    let reads = 0;
    const read = document.read;
    document.read = () => {
      reads += 1;
      return read();
    };
    let decrypts = 0;
    const box = fakeSecretBox();
    const decrypt = box.decrypt;
    const countingBox = { ...box, decrypt: (cipher: string) => ((decrypts += 1), decrypt(cipher)) };
    const settings = createSettingsService({ document, secretBox: countingBox, env: {}, osLocale: 'vi' });
    settings.save({ appSecret: APP_SECRET, displayName: 'A' });
    const [readsAfterSave, decryptsAfterSave] = [reads, decrypts];
    for (let i = 0; i < 50; i += 1) expect(settings.effective().appSecret).toBe(APP_SECRET);
    expect([reads, decrypts]).toEqual([readsAfterSave, decryptsAfterSave]);
    settings.save({ displayName: 'B' });
    expect(settings.effective().displayName).toBe('B');
  });
});
