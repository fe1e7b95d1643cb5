import { describe, expect, it } from 'vitest';
import { createSettingsService } from '../../../src/main/services/settings';
import { fakeSecretBox, memoryDocument } from './fakes';

/**
 * The stored app secret and SIP password work only with the addresses they were entered for:
 * the page can change `apiBaseUrl`, and `x-auth-app-hash` (sha256(appId + appSecret), a bearer
 * credential that never changes), the company hashes and the SIP password would otherwise
 * follow it to any host.
 */

const APP_SECRET = 'app-secret-Zq81x';
const SIP_PASSWORD = 'sip-pass-Wm47y';

function configured(env: NodeJS.ProcessEnv = {}) {
  const document = memoryDocument();
  const settings = createSettingsService({ document, secretBox: fakeSecretBox(), env, osLocale: 'vi' });
  const saved = settings.save({
    apiBaseUrl: 'https://openapi.antbuddy.com',
    signalsUrl: 'wss://signals.antbuddy.com:5556',
    sipWsUrl: 'wss://sip.antbuddy.com:7443',
    appId: '6544646543674',
    appSecret: APP_SECRET,
    sipPassword: SIP_PASSWORD,
  });
  expect(saved.ok).toBe(true);
  return { document, settings };
}

describe('a save that moves the API address', () => {
  it('drops the stored app secret and SIP password, and says so', () => {
    const { document, settings } = configured();
    const moved = settings.save({ apiBaseUrl: 'https://attacker.example' });
    expect(moved.ok).toBe(true);
    expect(settings.effective().appSecret).toBe('');
    expect(settings.effective().sipPassword).toBe('');
    expect(document.text()).not.toContain('"appSecret"');
    expect(document.text()).not.toContain('"sipPassword"');
    if (!moved.ok) return;
    expect(moved.value.secrets.appSecret.set).toBe(false);
    const dropped = moved.value.problems.filter((p) => p.code === 'secret_dropped').map((p) => p.field);
    expect(dropped.sort()).toEqual(['appSecret', 'sipPassword']);
    expect(JSON.stringify(moved.value)).not.toContain(APP_SECRET);
  });

  it('keeps the secrets the same save enters again, bound to the new address', () => {
    const { settings } = configured();
    const moved = settings.save({ apiBaseUrl: 'https://openapi2.antbuddy.com', appSecret: 'new-secret-Qx12' });
    expect(moved.ok).toBe(true);
    expect(settings.effective().appSecret).toBe('new-secret-Qx12');
    // Not re-entered: the SIP password goes with the old address.
    expect(settings.effective().sipPassword).toBe('');
    if (!moved.ok) return;
    expect(moved.value.problems.filter((p) => p.code === 'secret_dropped').map((p) => p.field)).toEqual([
      'sipPassword',
    ]);
  });

  it('stops reporting a dropped secret once it is entered again', () => {
    const { settings } = configured();
    settings.save({ signalsUrl: 'wss://elsewhere.example' });
    const again = settings.save({ appSecret: APP_SECRET, sipPassword: SIP_PASSWORD });
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.problems.filter((p) => p.code === 'secret_dropped')).toEqual([]);
    expect(settings.effective().appSecret).toBe(APP_SECRET);
  });
});

describe('a save that moves the other addresses', () => {
  it('moving the call-signals address drops both secrets', () => {
    const { settings } = configured();
    settings.save({ signalsUrl: 'wss://signals.attacker.example' });
    expect(settings.effective().appSecret).toBe('');
    expect(settings.effective().sipPassword).toBe('');
  });

  it('moving the SIP server drops the SIP password only', () => {
    const { settings } = configured();
    settings.save({ sipWsUrl: 'wss://sip.attacker.example' });
    expect(settings.effective().appSecret).toBe(APP_SECRET);
    expect(settings.effective().sipPassword).toBe('');
  });

  it('saving the same address again, or anything else, keeps both secrets', () => {
    const { settings } = configured();
    settings.save({ apiBaseUrl: 'https://openapi.antbuddy.com', displayName: 'Lan', dnd: true });
    expect(settings.effective().appSecret).toBe(APP_SECRET);
    expect(settings.effective().sipPassword).toBe(SIP_PASSWORD);
  });
});

describe('a secret stored for another address (a hand-edited file, a copied profile)', () => {
  it('is not used, and the user is told to enter it again', () => {
    const { document } = configured();
    const edited = JSON.parse(document.text()) as { values: Record<string, unknown> };
    edited.values['apiBaseUrl'] = 'https://attacker.example';
    const reopened = createSettingsService({
      document: memoryDocument(edited),
      secretBox: fakeSecretBox(),
      env: {},
      osLocale: 'vi',
    });
    expect(reopened.effective().apiBaseUrl).toBe('https://attacker.example');
    expect(reopened.effective().appSecret).toBe('');
    expect(reopened.view().problems.some((p) => p.code === 'secret_dropped' && p.field === 'appSecret')).toBe(true);
  });

  it('a secret saved before secrets were bound is bound to the addresses in force when first read', () => {
    const box = fakeSecretBox();
    const legacy = memoryDocument({
      version: 1,
      values: { apiBaseUrl: 'https://openapi.antbuddy.com' },
      secrets: { appSecret: { scheme: 'os', data: box.encrypt(APP_SECRET) } },
      plaintextSecretsConsent: false,
    });
    const settings = createSettingsService({ document: legacy, secretBox: box, env: {}, osLocale: 'vi' });
    expect(settings.effective().appSecret).toBe(APP_SECRET);
    settings.save({ apiBaseUrl: 'https://attacker.example' });
    expect(settings.effective().appSecret).toBe('');
  });
});

describe('addresses set by IT', () => {
  it('stay read-only: a save that changes one is refused and changes nothing', () => {
    const { document, settings } = configured({ ANTRING_API_URL: 'https://openapi.antbuddy.com' });
    const before = document.text();
    const attempt = settings.save({ apiBaseUrl: 'https://attacker.example' });
    expect(attempt.ok).toBe(false);
    if (!attempt.ok) expect(attempt.error).toMatchObject({ code: 'setting_locked', field: 'apiBaseUrl' });
    expect(document.text()).toBe(before);
    expect(settings.effective().appSecret).toBe(APP_SECRET);
  });

  it('a save that repeats the value IT set is accepted (the form may send it unchanged)', () => {
    const { settings } = configured({ ANTRING_API_URL: 'https://openapi.antbuddy.com' });
    expect(settings.save({ apiBaseUrl: 'https://openapi.antbuddy.com', displayName: 'Lan' }).ok).toBe(true);
    expect(settings.effective().appSecret).toBe(APP_SECRET);
  });

  it('a secret provisioned by IT ties its addresses: the user cannot move them away from it', () => {
    const document = memoryDocument();
    const settings = createSettingsService({
      document,
      secretBox: fakeSecretBox(),
      env: { ANTRING_APP_SECRET: APP_SECRET },
      osLocale: 'vi',
    });
    const attempt = settings.save({ apiBaseUrl: 'https://other.example' });
    expect(attempt.ok).toBe(false);
    if (!attempt.ok) expect(attempt.error).toMatchObject({ code: 'setting_locked', field: 'apiBaseUrl' });
    expect(settings.effective().apiBaseUrl).toBe('https://openapi.antbuddy.com');
    expect(settings.effective().appSecret).toBe(APP_SECRET);
  });
});
