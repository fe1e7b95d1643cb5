// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DialPad } from '../../../src/renderer/src/features/phone/DialPad';
import en from '../../../src/renderer/src/i18n/en.json';
import { createI18n } from '../../../src/renderer/src/i18n';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { usePhoneStartupStore } from '../../../src/renderer/src/sip/phone-startup';
import { initialPhoneState, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import { ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

const newClickToCall = () => vi.fn((_input: { number: string }) => Promise.resolve(ok(undefined)));
let clickToCall: ReturnType<typeof newClickToCall>;

beforeEach(async () => {
  usePhoneStore.setState(initialPhoneState);
  const host = createFakeHost(makeView());
  clickToCall = newClickToCall();
  installFakeHost({ ...host, api: { ...host.api, clickToCall } });
  // The app as it runs: settings read and the phone started (it has no SIP account here), so
  // Call dials at once (how a Call pressed before then waits: test/unit/renderer/queued-dial.test.tsx).
  useSettingsStore.setState(initialSettingsState);
  await useSettingsStore.getState().loadSettings();
  usePhoneStartupStore.setState({ started: true });
});
afterEach(() => cleanup());

async function dial(text: string): Promise<void> {
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <DialPad />
    </I18nextProvider>,
  );
  await user.type(screen.getByRole('textbox'), text);
  await user.click(screen.getByRole('button', { name: en.phone.call }));
}

describe('DialPad validates with the shared dial-number rule', () => {
  it.each(['..', '(.)', '+', '1'])('%j shows the invalid-number message and asks nothing of the host', async (text) => {
    await dial(text);
    expect((await screen.findByRole('alert')).textContent).toBe(en.phone.invalidNumber);
    expect(clickToCall).not.toHaveBeenCalled();
  });

  it('sends the normalised number', async () => {
    await dial('0912 345-678');
    await vi.waitFor(() => expect(clickToCall).toHaveBeenCalledWith({ number: '0912345678' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
