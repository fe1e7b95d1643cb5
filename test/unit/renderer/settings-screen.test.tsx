// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { appError } from '../../../src/shared/errors';
import { err } from '../../../src/shared/result';
import type { SettingsView } from '../../../src/shared/settings';
import { createFakeHost, installFakeHost, makeView, type FakeHost } from './fake-host';

let host: FakeHost;

async function openSettings(view: SettingsView): Promise<ReturnType<typeof userEvent.setup>> {
  host = createFakeHost(view);
  installFakeHost(host);
  const user = userEvent.setup();
  render(<App i18n={createI18n(view.values.language)} />);
  const nav = screen.getByRole('navigation');
  await user.click(within(nav).getByRole('button', { name: view.values.language === 'en' ? 'Settings' : 'Cài đặt' }));
  await screen.findByRole('group', { name: view.values.language === 'en' ? 'AntBuddy API' : 'API AntBuddy' });
  return user;
}

beforeEach(() => {
  useSettingsStore.setState(initialSettingsState);
  useNavigationStore.setState({ screen: 'phone' });
});

afterEach(() => cleanup());

const english = (extra: Parameters<typeof makeView>[0] = {}): SettingsView =>
  makeView({ ...extra, values: { language: 'en', ...extra.values } });

describe('Settings screen', () => {
  it('shows the values the host reports, grouped', async () => {
    await openSettings(english({ values: { appId: 'app-123', sipUser: '1001', dnd: true, theme: 'dark' } }));
    expect(screen.getByLabelText<HTMLInputElement>('API base URL').value).toBe('https://openapi.antbuddy.com');
    expect(screen.getByLabelText<HTMLInputElement>('App ID').value).toBe('app-123');
    const sip = screen.getByRole('group', { name: 'SIP phone' });
    expect(within(sip).getByLabelText<HTMLInputElement>('User').value).toBe('1001');
    expect(screen.getByRole('checkbox', { name: 'Do not disturb' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText<HTMLSelectElement>('Theme').value).toBe('dark');
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });

  it('explains a bad URL in the UI language and does not save', async () => {
    const user = await openSettings(english());
    const apiUrl = screen.getByLabelText('API base URL');
    await user.clear(apiUrl);
    await user.type(apiUrl, 'not a url');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Enter a full address, for example https://example.com')).toBeTruthy();
    expect(apiUrl.getAttribute('aria-invalid')).toBe('true');
    expect(host.saved).toEqual([]);

    await user.clear(apiUrl);
    await user.type(apiUrl, 'ftp://files.example.com');
    expect(await screen.findByText('The address must start with http:// or https://')).toBeTruthy();

    const sipWs = screen.getByRole('group', { name: 'SIP phone' });
    const ws = within(sipWs).getByLabelText('WebSocket URL');
    await user.type(ws, 'https://sip.example.com');
    await user.tab();
    expect(await screen.findByText('The address must start with ws:// or wss://')).toBeTruthy();
  });

  it('shows validation messages in Vietnamese too', async () => {
    const user = await openSettings(makeView({ values: { language: 'vi' } }));
    const email = screen.getByLabelText('Email');
    await user.type(email, 'khong-phai-email');
    await user.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));
    expect(await screen.findByText('Hãy nhập địa chỉ email, ví dụ ten@congty.vn')).toBeTruthy();
    expect(host.saved).toEqual([]);
  });

  it('sends only the fields that changed', async () => {
    const user = await openSettings(english({ values: { displayName: 'Lan' } }));
    const name = screen.getByLabelText('Display name');
    await user.clear(name);
    await user.type(name, 'Lan Nguyễn');
    await user.click(screen.getByRole('checkbox', { name: 'Do not disturb' }));
    // Edited and put back: not a change.
    const appId = screen.getByLabelText('App ID');
    await user.type(appId, 'x');
    await user.clear(appId);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(host.saved).toEqual([{ displayName: 'Lan Nguyễn', dnd: true }]);
    expect(await screen.findByText('Settings saved.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save changes' })).toHaveProperty('disabled', true);
  });

  it('parses ICE servers from JSON and rejects broken JSON', async () => {
    const user = await openSettings(english());
    const ice = screen.getByLabelText('ICE servers');
    await user.clear(ice);
    await user.click(ice);
    await user.paste('[{"urls": "stun:stun.example.com:3478"}');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('This is not valid JSON')).toBeTruthy();
    await user.click(ice);
    await user.paste(']');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(host.saved).toEqual([{ iceServers: [{ urls: 'stun:stun.example.com:3478' }] }]);
  });

  it('shows values set by IT as read-only and never sends them', async () => {
    const user = await openSettings(
      english({
        values: { companyDomain: 'acme.antbuddy.vn', sipUser: '2002' },
        sources: { companyDomain: 'env', sipUser: 'file', crmOpenOn: 'file', sipPassword: 'env' },
        secretsSet: { sipPassword: true },
      }),
    );
    const domain = screen.getByRole('group', { name: 'Company' });
    const domainInput = within(domain).getByLabelText<HTMLInputElement>('Domain');
    expect(domainInput.readOnly).toBe(true);
    expect(domainInput.value).toBe('acme.antbuddy.vn');
    expect(within(domain).getByText('Set by your IT administrator (environment variable)')).toBeTruthy();
    const sip = screen.getByRole('group', { name: 'SIP phone' });
    expect(within(sip).getByLabelText<HTMLInputElement>('User').readOnly).toBe(true);
    expect(within(sip).getByLabelText<HTMLInputElement>('Password').readOnly).toBe(true);
    expect(screen.getByLabelText<HTMLSelectElement>('Open the CRM page').disabled).toBe(true);
    expect(screen.getAllByText('Set by your IT administrator (provisioning file)')).toHaveLength(2);

    await user.type(domainInput, 'evil');
    expect(domainInput.value).toBe('acme.antbuddy.vn');
    // The editable fields still save, without the locked ones.
    await user.type(screen.getByLabelText('App ID'), 'a1');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(host.saved).toEqual([{ appId: 'a1' }]);
  });

  it('asks for explicit consent before storing secrets unencrypted', async () => {
    const user = await openSettings(english({ secretStorage: { kind: 'unavailable', reason: 'no keyring' } }));
    expect(screen.getByText(/offers no encrypted storage for passwords/)).toBeTruthy();
    expect(screen.getByText('Technical detail: no keyring')).toBeTruthy();
    const consent = screen.getByRole('checkbox', { name: 'Store secrets unencrypted on this computer' });
    expect(consent).toHaveProperty('checked', false);
    const sip = screen.getByRole('group', { name: 'SIP phone' });
    const password = within(sip).getByLabelText<HTMLInputElement>('Password');
    expect(password.disabled).toBe(true);
    expect(password.value).toBe('');

    await user.click(consent);
    expect(password.disabled).toBe(false);
    await user.type(password, 's3cret-pw');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(host.saved).toEqual([{ plaintextSecretsConsent: true, sipPassword: 's3cret-pw' }]);
    // Write-only: after saving, the field is empty again and only says the secret is saved.
    expect(await within(sip).findByText('Saved')).toBeTruthy();
    expect(within(sip).getByLabelText<HTMLInputElement>('Password').value).toBe('');
  });

  it('removes a saved secret only when asked', async () => {
    const user = await openSettings(english({ secretsSet: { appSecret: true } }));
    const api = screen.getByRole('group', { name: 'AntBuddy API' });
    expect(within(api).getByText('Saved')).toBeTruthy();
    await user.click(within(api).getByRole('button', { name: 'Remove' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(host.saved).toEqual([{ appSecret: '' }]);
    expect(await within(api).findByText('Not set')).toBeTruthy();
  });

  it("shows the host's error next to the field it names, or in a banner", async () => {
    const user = await openSettings(english());
    host.nextSaveResult = err(
      appError('secret_storage_unavailable', 'Email rejected by host.', 'Máy chủ từ chối email.', {
        field: 'companyEmail',
      }),
    );
    const email = screen.getByLabelText('E-mail');
    await user.type(email, 'lan@acme.vn');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const message = await screen.findByText('Email rejected by host.');
    expect(email.getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.getByRole('alert').textContent).toContain('Settings were not saved');

    host.nextSaveResult = err(appError('internal', 'Disk is full.', 'Ổ đĩa đã đầy.'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Disk is full.');
  });

  it('shows provisioning problems in a banner', async () => {
    await openSettings(
      english({
        problems: [
          appError(
            'config_invalid',
            'Environment variable ANTRING_API_URL (apiBaseUrl) must be a URL.',
            'Biến môi trường sai.',
            { field: 'ANTRING_API_URL' },
          ),
        ],
      }),
    );
    const banner = screen.getByRole('status', { name: 'Some settings could not be used' });
    expect(within(banner).getByText('Environment variable ANTRING_API_URL (apiBaseUrl) must be a URL.')).toBeTruthy();
  });

  it('follows settings changed elsewhere, keeping unsaved edits', async () => {
    const user = await openSettings(english());
    await user.type(screen.getByLabelText('App ID'), 'mine');
    host.emit('settingsChanged', english({ values: { appId: 'theirs', displayName: 'From IT' } }));
    expect(await screen.findByDisplayValue('From IT')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('App ID').value).toBe('mine');
  });

  it('switches the whole UI language after saving it', async () => {
    const user = await openSettings(makeView({ values: { language: 'vi' } }));
    expect(screen.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Ngôn ngữ'), 'en');
    await user.click(screen.getByRole('button', { name: 'Lưu thay đổi' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(within(screen.getByRole('navigation')).getByRole('button', { name: 'History' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(host.saved).toEqual([{ language: 'en' }]);
  });

  it('applies the theme from settings to the document', async () => {
    const user = await openSettings(english());
    expect(document.documentElement.dataset['theme']).toBe('system');
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Settings saved.');
    expect(document.documentElement.dataset['theme']).toBe('dark');
  });
});

describe('App frame', () => {
  it('has a labelled navigation that marks the current screen and moves focus to its title', async () => {
    host = createFakeHost(english());
    installFakeHost(host);
    const user = userEvent.setup();
    render(<App i18n={createI18n('en')} />);
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('button', { name: 'Phone' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('status', { name: 'Connection status' })).toBeTruthy();
    await user.click(within(nav).getByRole('button', { name: 'History' }));
    expect(within(nav).getByRole('button', { name: 'History' }).getAttribute('aria-current')).toBe('page');
    // History loads on its first visit (a lazy chunk); focus lands on its title once it is there.
    const historyTitle = await screen.findByRole('heading', { level: 1, name: 'Call history' });
    await waitFor(() => expect(document.activeElement).toBe(historyTitle));
    // Arrow keys move between items.
    within(nav).getByRole('button', { name: 'History' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(nav).getByRole('button', { name: 'Dashboard' }));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
  });
});

describe('moving an address that a saved secret is bound to', () => {
  it('warns before saving that the secret will have to be entered again', async () => {
    const user = await openSettings(
      english({
        secretsSet: { appSecret: true, sipPassword: true },
        sources: { appSecret: 'saved', sipPassword: 'saved' },
      }),
    );
    const apiUrl = screen.getByLabelText('API base URL');
    expect(screen.queryByText(/removes the saved/)).toBeNull();
    await user.clear(apiUrl);
    await user.type(apiUrl, 'https://other.example.com');
    expect(screen.getByText(/Saving this address removes the saved app secret, SIP password/)).toBeTruthy();
    // Typing the secret again keeps it: the warning then names the SIP password only.
    await user.type(screen.getByLabelText('App secret'), 'new-secret');
    expect(screen.getByText(/removes the saved SIP password:/)).toBeTruthy();
  });
});
