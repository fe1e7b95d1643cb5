// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { useQueuedDialStore } from '../../../src/renderer/src/features/phone/queued-dial';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { usePhoneStartupStore } from '../../../src/renderer/src/sip/phone-startup';
import { initialPhoneState, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import type { AntringApi, SipCredentials } from '../../../src/shared/contract';
import type { AppResult } from '../../../src/shared/errors';
import { ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from './fake-host';

/** A host that has not answered yet: every request stays pending until the test says. */
function silentHost(): {
  api: AntringApi;
  clickToCall: ReturnType<typeof vi.fn>;
  answerCredentials(result: AppResult<SipCredentials>): void;
} {
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
  const clickToCall = vi.fn((_input: { number: string }) => Promise.resolve(ok(undefined)));
  api['clickToCall'] = clickToCall;
  return {
    api: host.api,
    clickToCall,
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
  useQueuedDialStore.setState({ number: null });
});

afterEach(() => cleanup());

describe('the first render', () => {
  it('shows the frame and the Phone screen, its dial field working, before the host has answered anything', () => {
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
    // The agent can type and call already: a Call waits for the phone (the next test).
    expect(screen.getByLabelText<HTMLInputElement>('Phone number').disabled).toBe(false);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Call' }).disabled).toBe(false);
    expect(screen.queryByTestId('phone-skeleton')).toBeNull();
    expect(screen.getByText('Starting the phone…')).toBeTruthy();
    expect(screen.getByText('Phone: starting…')).toBeTruthy();
    // What is not known yet is not said: no "not set up", no way of dialling guessed.
    expect(screen.queryByText('Your phone is not connected yet')).toBeNull();
    expect(screen.queryByText('Phone: not set up')).toBeNull();
    expect(screen.getByTestId('dial-via').textContent).toBe('');
  });

  it('keeps a Call pressed before the host answered, says so, and places it once the app knows how', async () => {
    const host = silentHost();
    installFakeHost({ api: host.api } as Parameters<typeof installFakeHost>[0]);
    render(<App i18n={createI18n('en')} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Phone number'), '0912 345 678');
    await user.click(screen.getByRole('button', { name: 'Call' }));

    expect(screen.getByTestId('dial-queued').textContent).toContain('as soon as the phone is ready');
    expect(host.clickToCall).not.toHaveBeenCalled();

    // No SIP account: the phone is "not set up", and the call goes the way the settings say
    // (click-to-call, the default): the platform rings the agent's own phone.
    await act(async () => host.answerCredentials(ok(NO_SIP_ACCOUNT)));

    expect(host.clickToCall).toHaveBeenCalledTimes(1);
    expect(host.clickToCall).toHaveBeenCalledWith({ number: '0912345678' });
    expect(await screen.findByTestId('dial-placed')).toBeTruthy();
    expect(screen.queryByTestId('dial-queued')).toBeNull();
  });

  it('lets the agent take back a Call still waiting', async () => {
    const host = silentHost();
    installFakeHost({ api: host.api } as Parameters<typeof installFakeHost>[0]);
    render(<App i18n={createI18n('en')} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('Phone number'), '0912345678');
    await user.click(screen.getByRole('button', { name: 'Call' }));
    await user.click(screen.getByRole('button', { name: 'Cancel this call' }));
    expect(screen.queryByTestId('dial-queued')).toBeNull();

    await act(async () => host.answerCredentials(ok(NO_SIP_ACCOUNT)));
    expect(host.clickToCall).not.toHaveBeenCalled();
  });

  it('shows "not connected" as soon as the credentials say there is no SIP account', async () => {
    const host = silentHost();
    installFakeHost({ api: host.api } as Parameters<typeof installFakeHost>[0]);
    render(<App i18n={createI18n('en')} />);
    expect(screen.getByText('Starting the phone…')).toBeTruthy();

    await act(async () => host.answerCredentials(ok(NO_SIP_ACCOUNT)));

    expect(await screen.findByText('Your phone is not connected yet')).toBeTruthy();
    expect(screen.queryByText('Starting the phone…')).toBeNull();
    expect(screen.getByText('Phone: not set up')).toBeTruthy();
  });
});
