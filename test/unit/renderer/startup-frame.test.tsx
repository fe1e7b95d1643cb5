// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { usePhoneStartupStore } from '../../../src/renderer/src/sip/phone-startup';
import { initialPhoneState, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import type { AntringApi, SipCredentials } from '../../../src/shared/contract';
import type { AppResult } from '../../../src/shared/errors';
import { ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from './fake-host';

/** A host that has not answered yet: every request stays pending until the test says. */
function silentHost(): { api: AntringApi; answerCredentials(result: AppResult<SipCredentials>): void } {
  const host = createFakeHost(makeView({ values: { language: 'en', sipUser: '1001' } }));
  const api = host.api as unknown as Record<string, unknown>;
  const view = host.view;
  let answerSettings: (() => void) | null = null;
  let answerCredentials: ((result: AppResult<SipCredentials>) => void) | null = null;
  for (const [name, value] of Object.entries(api)) {
    if (typeof value === 'function') api[name] = () => new Promise(() => undefined);
  }
  api['getSettings'] = () => new Promise((resolve) => (answerSettings = () => resolve(ok(view))));
  api['getSipCredentials'] = () => new Promise((resolve) => (answerCredentials = resolve));
  return {
    api: host.api,
    answerCredentials(result) {
      // The settings come first, as over the real bridge.
      answerSettings?.();
      answerCredentials?.(result);
    },
  };
}

const NO_SIP_ACCOUNT: SipCredentials = {
  wsUrl: '',
  domain: '',
  user: '',
  password: '',
  displayName: '',
  iceServers: [],
};

beforeEach(() => {
  useSettingsStore.setState(initialSettingsState);
  useNavigationStore.setState({ screen: 'phone', focusTitle: false });
  usePhoneStore.setState(initialPhoneState);
  usePhoneStartupStore.setState({ started: false });
});

afterEach(() => cleanup());

describe('the first paint', () => {
  it('shows the frame and a skeleton of the Phone screen before the host has answered anything', () => {
    const host = silentHost();
    installFakeHost({ api: host.api } as Parameters<typeof installFakeHost>[0]);
    render(<App i18n={createI18n('en')} />);

    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Phone', 'History', 'Dashboard', 'Settings']);
    expect(screen.getByRole('heading', { level: 1, name: 'Phone' })).toBeTruthy();
    // The dial field is where it will be, but cannot be used before the phone knows its account.
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').disabled).toBe(true);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Call' }).disabled).toBe(true);
    expect(screen.getByText('Phone: starting…')).toBeTruthy();
    // What is not known yet is not said: no "not set up" before the credentials are read.
    expect(screen.queryByText('Your phone is not connected yet')).toBeNull();
    expect(screen.queryByText('Phone: not set up')).toBeNull();
  });

  it('swaps the skeleton for the Phone screen as soon as the credentials are read', async () => {
    const host = silentHost();
    installFakeHost({ api: host.api } as Parameters<typeof installFakeHost>[0]);
    render(<App i18n={createI18n('en')} />);
    expect(screen.getByTestId('phone-skeleton')).toBeTruthy();

    await act(async () => host.answerCredentials(ok(NO_SIP_ACCOUNT)));

    expect(await screen.findByText('Your phone is not connected yet')).toBeTruthy();
    expect(screen.queryByTestId('phone-skeleton')).toBeNull();
    expect(screen.getByText('Phone: not set up')).toBeTruthy();
  });
});
