// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentCalls } from '../../../src/renderer/src/features/phone/CallCards';
import { DialPad } from '../../../src/renderer/src/features/phone/DialPad';
import { useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import en from '../../../src/renderer/src/i18n/en.json';
import vi_ from '../../../src/renderer/src/i18n/vi.json';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { DialVia } from '../../../src/shared/settings';
import { ok } from '../../../src/shared/result';
import { FakeSession } from '../sip/fake-user-agent';
import { createPhoneHarness, type PhoneHarness } from '../sip/phone-harness';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

const newClickToCall = () => vi.fn((_input: { number: string }) => Promise.resolve(ok(undefined)));
let harness: PhoneHarness;
let clickToCall: ReturnType<typeof newClickToCall>;

async function useDialVia(dialVia: DialVia): Promise<void> {
  const host = createFakeHost(makeView({ values: { dialVia } }));
  clickToCall = newClickToCall();
  installFakeHost({ ...host, api: { ...host.api, clickToCall } });
  await useSettingsStore.getState().loadSettings();
}

function renderPhone(language: 'en' | 'vi' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <CurrentCalls />
      <DialPad />
    </I18nextProvider>,
  );
}

async function dial(number: string): Promise<void> {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox'), number);
  await user.click(screen.getByRole('button', { name: en.phone.call }));
}

beforeEach(() => {
  harness = createPhoneHarness();
});
afterEach(() => {
  cleanup();
  harness.dispose();
});

describe('dialing over SIP (dialVia: sip)', () => {
  it('says so under the field, in both languages', async () => {
    await useDialVia('sip');
    const { unmount } = renderPhone('en');
    expect(screen.getByTestId('dial-via').textContent).toBe(en.phone.dialVia.sip);
    unmount();
    renderPhone('vi');
    expect(screen.getByTestId('dial-via').textContent).toBe(vi_.phone.dialVia.sip);
  });

  it('sends an INVITE to sip:<number>@<domain>, audio only with the ICE servers, and shows the call', async () => {
    await useDialVia('sip');
    renderPhone();
    await dial('0987 654 321');
    expect(clickToCall).not.toHaveBeenCalled();
    const placed = harness.ua().lastPlaced();
    expect(placed.target).toBe('sip:0987654321@agents.example.vn');
    expect(placed.options).toEqual({
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [{ urls: 'stun:stun.example.vn:3478' }] },
    });
    expect(await screen.findByTestId('call-progress')).toHaveProperty('textContent', en.phone.progress.trying);

    placed.session.emit('progress', { originator: 'remote', response: { status_code: 180 } });
    expect((await screen.findByTestId('call-progress')).textContent).toBe(en.phone.progress.ringing);
    placed.session.accept();
    expect(await screen.findByRole('timer')).toBeTruthy();
  });

  it.each([
    [404, 'number not found'],
    [486, 'busy'],
    [603, 'declined'],
    [480, 'unavailable'],
    [499, 'SIP 499'],
  ])('a call refused with %i says "%s"', async (status, words) => {
    await useDialVia('sip');
    renderPhone();
    await dial('8002');
    const { session } = harness.ua().lastPlaced();
    session.emit('failed', { originator: 'remote', cause: 'Rejected', message: { status_code: status } });
    expect(harness.call(session.id).status).toEqual({ kind: 'ended', reason: 'refused', sipStatus: status });
    expect((await screen.findByTestId('call-ended')).textContent).toBe(`The call did not go through: ${words}.`);
  });

  it('holds the call the agent is on before dialing another', async () => {
    const live = new FakeSession('c1', '0912345678');
    harness.connect(live);
    await useDialVia('sip');
    renderPhone();
    await dial('8002');
    expect(live.holds).toEqual(['hold']);
    expect(harness.ua().placed).toHaveLength(1);
  });

  it('refuses a third call and says why', async () => {
    harness.connect(new FakeSession('c1', '0912345678'));
    await useDialVia('sip');
    renderPhone();
    await dial('8002');
    await dial('8003');
    expect(harness.ua().placed).toHaveLength(1);
    expect((await screen.findByTestId('dial-error')).textContent).toMatch(/two calls/);
  });
});

describe('dialing through click-to-call (dialVia: click-to-call, the default)', () => {
  it('asks AntBuddy, sends no INVITE, and says the phone rings first', async () => {
    await useDialVia('click-to-call');
    renderPhone();
    expect(screen.getByTestId('dial-via').textContent).toBe(en.phone.dialVia['click-to-call']);
    await dial('0987 654 321');
    await vi.waitFor(() => expect(clickToCall).toHaveBeenCalledWith({ number: '0987654321' }));
    expect(harness.ua().placed).toEqual([]);
  });
});
