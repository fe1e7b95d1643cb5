// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { DemoPanel } from '../../../src/renderer/src/features/demo/DemoPanel';
import { createDemoStore } from '../../../src/renderer/src/features/demo/demo-store';
import { hasAccount } from '../../../src/renderer/src/features/first-run/account-setup';
import { FirstRunGate } from '../../../src/renderer/src/features/first-run/FirstRunGate';
import { useFirstRunStore } from '../../../src/renderer/src/features/first-run/first-run-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { appError } from '../../../src/shared/errors';
import type { DemoState } from '../../../src/shared/first-run';
import { ok } from '../../../src/shared/result';
import type { SettingsView } from '../../../src/shared/settings';
import { createFakeHost, installFakeHost, makeView, type FakeHost } from '../renderer/fake-host';

/** The renderer's side of the first run and the demo, against a stand-in for the host (window.antring). */

let host: FakeHost;
/** What the page asked the host for, by request name. */
let asked: { name: string; input: unknown }[];

function fakeRequest(name: string, answer: (input: unknown) => unknown): void {
  (host.api as unknown as Record<string, unknown>)[name] = (input: unknown) => {
    asked.push({ name, input });
    return Promise.resolve(answer(input));
  };
}

function installHost(view: SettingsView): void {
  host = createFakeHost(view);
  asked = [];
  installFakeHost(host);
}

beforeEach(() => {
  useSettingsStore.setState(initialSettingsState);
  useNavigationStore.setState({ screen: 'phone' });
  useFirstRunStore.setState({ importStatus: { kind: 'idle' } });
  document.title = 'AntRing Companion';
});
afterEach(() => cleanup());

describe('whether an account is set up', () => {
  it('is no for a fresh install, yes once IT or the user set an app id, app secret or SIP user', () => {
    expect(hasAccount(makeView())).toBe(false);
    expect(hasAccount(makeView({ values: { displayName: 'An', companyDomain: 'acme.vn' } }))).toBe(false);
    expect(hasAccount(makeView({ values: { appId: '654' } }))).toBe(true);
    expect(hasAccount(makeView({ secretsSet: { appSecret: true } }))).toBe(true);
    expect(hasAccount(makeView({ values: { sipUser: 'agent8001' } }))).toBe(true);
  });
});

function renderGate(language: 'en' | 'vi' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <FirstRunGate>
        <p>the phone screen</p>
      </FirstRunGate>
    </I18nextProvider>,
  );
}

describe('the first-run gate', () => {
  it('shows the first-run screen instead of the Phone screen while nothing is set up', async () => {
    installHost(makeView({ values: { language: 'en' } }));
    renderGate();
    await act(() => useSettingsStore.getState().loadSettings());
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to AntRing Companion' })).toBeTruthy();
    expect(screen.queryByText('the phone screen')).toBeNull();
    // Settings stay one click away.
    await userEvent.setup().click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(useNavigationStore.getState().screen).toBe('settings');
    expect(screen.getByText('the phone screen')).toBeTruthy();
  });

  it('shows the Phone screen once an account is set up', async () => {
    installHost(makeView({ values: { language: 'en', appId: '654' } }));
    renderGate();
    await act(() => useSettingsStore.getState().loadSettings());
    expect(screen.getByText('the phone screen')).toBeTruthy();
    expect(screen.queryByTestId('first-run')).toBeNull();
  });

  it('lists every problem the host found in a picked provisioning file, in the UI language', async () => {
    installHost(makeView({ values: { language: 'vi' } }));
    fakeRequest('importProvisioning', () =>
      ok({
        kind: 'invalid',
        problems: [
          appError('config_invalid', 'bad language', 'ngôn ngữ sai', { field: 'language' }),
          appError('config_invalid', 'unknown key', 'khoá lạ', { field: 'appSecrett' }),
        ],
      }),
    );
    renderGate('vi');
    await act(() => useSettingsStore.getState().loadSettings());
    const file = new File(['{"language":"fr","appSecrett":"x"}'], 'it.json', { type: 'application/json' });
    await userEvent.setup().upload(screen.getByTestId('provisioning-file'), file);
    expect((await screen.findByTestId('provisioning-problems')).textContent).toBe('ngôn ngữ saikhoá lạ');
    expect(asked).toEqual([
      { name: 'importProvisioning', input: { text: '{"language":"fr","appSecrett":"x"}', fileName: 'it.json' } },
    ]);
  });

  it('never sends a file too big to be a provisioning file', async () => {
    installHost(makeView({ values: { language: 'en' } }));
    fakeRequest('importProvisioning', () => ok({ kind: 'imported', keys: [], file: '/x' }));
    renderGate();
    await act(() => useSettingsStore.getState().loadSettings());
    const big = new File(['x'.repeat(70 * 1024)], 'big.json', { type: 'application/json' });
    await userEvent.setup().upload(screen.getByTestId('provisioning-file'), big);
    expect(await screen.findByText('This file is too big to be a provisioning file.')).toBeTruthy();
    expect(asked).toEqual([]);
  });
});

const RUNNING: DemoState = {
  kind: 'running',
  sip: { kind: 'withoutSip', reason: 'kamailio-not-installed' },
  agent: { name: 'Nguyễn Văn An', extension: '8001' },
};

describe('the Demo panel', () => {
  it('says it is the demo and why there is no SIP, places simulated calls and leads back out', async () => {
    installHost(makeView({ values: { language: 'en', appId: 'demo' } }));
    fakeRequest('getDemoState', () => ok(RUNNING));
    fakeRequest('simulateDemoCall', () => ok({ kind: 'queue', callId: 'c1', caller: '0912345678', overSip: false }));
    fakeRequest('stopDemo', () => ok({ kind: 'stopped' }));
    const reloads: string[] = [];
    const store = createDemoStore({ reload: () => reloads.push('reload') });
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <DemoPanel store={store} />
      </I18nextProvider>,
    );
    expect(await screen.findByRole('heading', { level: 2, name: 'Demo' })).toBeTruthy();
    expect(screen.getByText(/You are Nguyễn Văn An, extension 8001/)).toBeTruthy();
    expect(screen.getByTestId('demo-sip').textContent).toContain('Kamailio is not installed');
    expect(document.title).toBe('AntRing Companion (Demo)');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Queue call' }));
    expect(screen.getByTestId('demo-call-status').textContent).toBe('0912 345 678 is calling through a queue.');

    await user.click(screen.getByRole('button', { name: 'Leave the demo' }));
    expect(asked.map((request) => request.name)).toEqual(['getDemoState', 'simulateDemoCall', 'stopDemo']);
    expect(asked[1]?.input).toEqual({ kind: 'queue' });
    // Back in the real profile: the page reloads for it.
    expect(reloads).toEqual(['reload']);
  });

  it('shows nothing outside the demo', async () => {
    installHost(makeView({ values: { language: 'en' } }));
    fakeRequest('getDemoState', () => ok({ kind: 'stopped' }));
    const store = createDemoStore({ reload: () => undefined });
    const { container } = render(
      <I18nextProvider i18n={createI18n('en')}>
        <DemoPanel store={store} />
      </I18nextProvider>,
    );
    await act(() => store.getState().load());
    expect(container.textContent).toBe('');
    expect(document.title).toBe('AntRing Companion');
  });
});
