// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CurrentCalls } from '../../../src/renderer/src/features/phone/CallCards';
import { ScreenPopStack } from '../../../src/renderer/src/features/screenpop';
import { useScreenPopStore } from '../../../src/renderer/src/features/screenpop/screenpop-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { PhoneCallsState } from '../../../src/renderer/src/sip/phone-state';
import { bindPhone, initialPhoneState, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import type { AntringApi, ScreenPop } from '../../../src/shared/contract';
import { err, ok } from '../../../src/shared/result';

const POP: ScreenPop = {
  callId: 'call-1',
  state: 'ringing',
  direction: 'inbound',
  caller: { raw: '+84912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
  recentCalls: [],
  ringingSince: '2025-11-27T03:00:00.000Z',
};

const ringing = (number: string): PhoneCallsState => ({
  calls: [
    {
      id: 's1',
      direction: 'inbound',
      remote: { number },
      status: { kind: 'ringing', autoAnswer: false, ringStyle: 'full' },
    },
  ],
  focusedId: 's1',
});

let actions: string[];
let unbind: () => void;

function installHost(pops: readonly ScreenPop[]): void {
  const api = { getScreenPops: async () => ok(pops), on: { screenPopsChanged: () => () => undefined } };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
}

beforeEach(() => {
  actions = [];
  usePhoneStore.setState(initialPhoneState);
  useScreenPopStore.setState({ pops: [], failure: null });
  const record = (action: string) => (id?: string) => void actions.push(id ? `${action} ${id}` : action);
  unbind = bindPhone({
    answer: record('answer'),
    decline: record('decline'),
    hangup: record('hangup'),
    toggleMute: record('mute'),
    toggleHold: record('hold'),
    sendDtmf: (tone) => actions.push(`dtmf ${tone}`) > 0,
    placeCall: () => err('not-possible'),
    blindTransfer: () => err('not-possible'),
    consult: () => err('not-possible'),
    completeTransfer: record('complete'),
    backToCaller: record('back'),
    expectClickToCallCallback: () => actions.push('expect-callback'),
    cancelClickToCallCallback: () => void actions.push('cancel-callback'),
  });
});

afterEach(() => {
  unbind();
  cleanup();
});

describe('screen-pop Answer and Decline', () => {
  const renderStack = (language: 'vi' | 'en') =>
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <ScreenPopStack />
      </I18nextProvider>,
    );

  it('answers and declines the SIP call ringing from the same number, spelled differently', async () => {
    installHost([POP]);
    usePhoneStore.setState(ringing('0912345678'));
    const user = userEvent.setup();
    renderStack('en');
    const card = await screen.findByTestId('screenpop-card');
    await user.click(within(card).getByRole('button', { name: 'Answer' }));
    await user.click(within(card).getByRole('button', { name: 'Decline' }));
    expect(actions).toEqual(['answer', 'decline']);
  });

  it('uses the Vietnamese names', async () => {
    installHost([POP]);
    usePhoneStore.setState(ringing('84912345678'));
    renderStack('vi');
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).getByRole('button', { name: 'Trả lời' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Từ chối' })).toBeTruthy();
  });

  it('offers nothing for another caller, or once the phone stops ringing', async () => {
    installHost([POP]);
    usePhoneStore.setState(ringing('0987654321'));
    renderStack('en');
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).queryByRole('button', { name: 'Answer' })).toBeNull();

    act(() => usePhoneStore.setState(ringing('0912345678')));
    expect(within(card).getByRole('button', { name: 'Answer' })).toBeTruthy();
    act(() => usePhoneStore.setState({ calls: [], focusedId: null }));
    expect(within(card).queryByRole('button', { name: 'Answer' })).toBeNull();
  });
});

describe('phone call cards', () => {
  const renderCall = () =>
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <CurrentCalls />
      </I18nextProvider>,
    );

  it('shows the incoming caller with Answer and Decline', async () => {
    usePhoneStore.setState(ringing('0912345678'));
    const user = userEvent.setup();
    renderCall();
    const card = screen.getByTestId('incoming-call');
    expect(within(card).getByTestId('call-number').textContent).toBe('0912 345 678');
    await user.click(within(card).getByRole('button', { name: 'Trả lời' }));
    await user.click(within(card).getByRole('button', { name: 'Từ chối' }));
    expect(actions).toEqual(['answer s1', 'decline s1']);
  });

  it('shows the call in progress with a timer, a Mute toggle and Hang up', async () => {
    usePhoneStore.setState({
      calls: [
        {
          id: 's1',
          direction: 'inbound',
          remote: { number: '0912345678' },
          status: { kind: 'in-call', since: Date.now(), muted: true, held: false, remoteHeld: false },
        },
      ],
      focusedId: 's1',
    });
    const user = userEvent.setup();
    renderCall();
    const card = screen.getByTestId('active-call');
    expect(within(card).getByRole('timer').textContent).toMatch(/^\d+:\d\d$/);
    const mute = within(card).getByRole('button', { name: 'Tắt tiếng' });
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    await user.click(mute);
    await user.click(within(card).getByRole('button', { name: 'Kết thúc' }));
    expect(actions).toEqual(['mute s1', 'hangup s1']);
  });
});
