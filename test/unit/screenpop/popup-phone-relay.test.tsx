// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { ScreenPopStack } from '../../../src/renderer/src/features/screenpop';
import { useScreenPopStore } from '../../../src/renderer/src/features/screenpop/screenpop-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { useRelayedCallStore } from '../../../src/renderer/src/sip/phone-relay';
import type { AntringApi, PhoneCallSummary, PhoneCommand, ScreenPop } from '../../../src/shared/contract';
import { appError } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { I18nextProvider } from 'react-i18next';

const POP: ScreenPop = {
  callId: 'signal-call-1',
  state: 'ringing',
  direction: 'inbound',
  caller: { raw: '+84912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
  recentCalls: [],
  ringingSince: '2025-11-27T03:00:00.000Z',
};

const IDLE = { registration: { kind: 'registered' }, inCall: false } as const;
const RINGING: PhoneCallSummary = { ...IDLE, ringing: { id: 'sip-session-7', number: '0912345678' } };

/** The host as the popup window sees it: pops, the relayed phone call, and the command it sends. */
function installHost(initialCall: PhoneCallSummary) {
  let pushCall: ((summary: PhoneCallSummary) => void) | undefined;
  const commands: PhoneCommand[] = [];
  const api = {
    getSettings: async () => err(appError('internal', 'not faked', 'chưa giả lập')),
    getScreenPops: async () => ok([POP]),
    getPhoneCall: async () => ok(initialCall),
    phoneCommand: async (command: PhoneCommand) => {
      commands.push(command);
      return ok(undefined);
    },
    on: {
      settingsChanged: () => () => undefined,
      screenPopsChanged: () => () => undefined,
      phoneCallChanged: (listener: (summary: PhoneCallSummary) => void) => {
        pushCall = listener;
        return () => (pushCall = undefined);
      },
    },
  };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
  return { commands, pushCall: (summary: PhoneCallSummary) => act(() => pushCall?.(summary)) };
}

function renderPopupWindow(language: 'vi' | 'en') {
  window.location.hash = '#/popup';
  return render(<App i18n={createI18n(language)} />);
}

beforeEach(() => {
  useScreenPopStore.setState({ pops: [], failure: null });
  useRelayedCallStore.setState({ ringing: null });
  useSettingsStore.setState(initialSettingsState);
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('popup window Answer and Decline (the phone is in the main window)', () => {
  it('offers them once the host relays that the caller rings, and sends the answer to the phone', async () => {
    const host = installHost({ ...IDLE, ringing: null });
    renderPopupWindow('en');
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).queryByTestId('screenpop-answer')).toBeNull();

    host.pushCall(RINGING);
    const answer = within(card).getByRole('button', { name: 'Answer' });
    expect(answer.dataset['testid']).toBe('screenpop-answer');
    expect(within(card).getByRole('button', { name: 'Decline' }).dataset['testid']).toBe('screenpop-decline');
    await userEvent.setup().click(answer);
    expect(host.commands).toEqual([{ action: 'answer', callId: 'sip-session-7' }]);

    // The phone answered: it reports that nothing rings any more.
    host.pushCall({ ...IDLE, ringing: null });
    expect(within(card).queryByTestId('screenpop-answer')).toBeNull();
  });

  it('reads what already rings when the window opens, and declines in Vietnamese', async () => {
    const host = installHost(RINGING);
    renderPopupWindow('vi');
    const card = await screen.findByTestId('screenpop-card');
    const decline = await within(card).findByRole('button', { name: 'Từ chối' });
    expect(within(card).getByRole('button', { name: 'Trả lời' })).toBeTruthy();
    await userEvent.setup().click(decline);
    expect(host.commands).toEqual([{ action: 'decline', callId: 'sip-session-7' }]);
  });

  it('offers nothing for another caller ringing on the phone', async () => {
    const host = installHost({ ...IDLE, ringing: null });
    renderPopupWindow('en');
    const card = await screen.findByTestId('screenpop-card');
    host.pushCall({ ...IDLE, ringing: { id: 'sip-session-8', number: '0987654321' } });
    expect(within(card).queryByRole('button', { name: 'Answer' })).toBeNull();
    expect(host.commands).toEqual([]);
  });

  it('the main window’s cards follow their own phone, not the relay', async () => {
    installHost(RINGING);
    useRelayedCallStore.setState({ ringing: RINGING.ringing });
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <ScreenPopStack />
      </I18nextProvider>,
    );
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).queryByTestId('screenpop-answer')).toBeNull();
  });
});
