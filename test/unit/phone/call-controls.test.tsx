// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CurrentCalls } from '../../../src/renderer/src/features/phone/CallCards';
import { useColleaguesStore } from '../../../src/renderer/src/features/phone/colleagues-store';
import { DialPad } from '../../../src/renderer/src/features/phone/DialPad';
import en from '../../../src/renderer/src/i18n/en.json';
import vi from '../../../src/renderer/src/i18n/vi.json';
import { createI18n } from '../../../src/renderer/src/i18n';
import { usePhoneShortcuts } from '../../../src/renderer/src/sip/phone-shortcuts';
import type { Colleague } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import { FakeSession, fakeConnection, remoteSdp } from '../sip/fake-user-agent';
import { createPhoneHarness, type PhoneHarness } from '../sip/phone-harness';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

const COLLEAGUES: Colleague[] = [
  { name: 'Trần Văn Bình', extensions: ['8002'], username: 'binh' },
  { name: 'Lê Thị Cúc', extensions: ['8003'], username: 'cuc' },
];

let harness: PhoneHarness;

function Phone(): ReactElement {
  usePhoneShortcuts();
  return (
    <>
      <input aria-label="Search history" />
      <div aria-live="polite">
        <CurrentCalls />
      </div>
      <DialPad />
    </>
  );
}

function renderPhone(language: 'en' | 'vi' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <Phone />
    </I18nextProvider>,
  );
}

beforeEach(() => {
  const host = createFakeHost(makeView());
  installFakeHost({ ...host, api: { ...host.api, getColleagues: () => Promise.resolve(ok(COLLEAGUES)) } });
  useColleaguesStore.setState({ colleagues: [] });
  harness = createPhoneHarness();
});
afterEach(() => {
  cleanup();
  harness.dispose();
});

describe('keyboard: Enter answers and Esc declines a ringing call', () => {
  it('Enter answers when nothing in particular has the focus', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.ua().ring(session));
    await user.keyboard('{Enter}');
    expect(session.answered).toHaveLength(1);
  });

  it('Esc declines', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.ua().ring(session));
    await user.keyboard('{Escape}');
    expect(session.terminated).toEqual([{ status_code: 603, reason_phrase: 'Decline' }]);
  });

  it('not while the agent types in a field of another screen', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.ua().ring(session));
    await user.click(screen.getByRole('textbox', { name: 'Search history' }));
    await user.keyboard('{Enter}{Escape}');
    expect(session.answered).toEqual([]);
    expect(session.terminated).toEqual([]);
  });

  it('in the dial field, Enter answers the ringing call instead of dialing', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.ua().ring(session));
    await user.type(screen.getByRole('textbox', { name: en.phone.dialLabel }), '8002{Enter}');
    expect(session.answered).toHaveLength(1);
    expect(harness.ua().placed).toEqual([]);
  });

  it('nothing happens without a ringing call', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.connect(session));
    await user.keyboard('{Escape}{Enter}');
    expect(session.terminated).toEqual([]);
  });

  it('the buttons say so', () => {
    renderPhone();
    act(() => harness.ua().ring(new FakeSession('c1', '0912345678')));
    const answer = screen.getByRole('button', { name: en.phone.answer });
    expect(answer.getAttribute('aria-keyshortcuts')).toBe('Enter');
    expect(answer.getAttribute('title')).toBe('Answer (Enter)');
    expect(screen.getByRole('button', { name: en.phone.decline }).getAttribute('aria-keyshortcuts')).toBe('Escape');
  });
});

describe('keyboard: Ctrl+Shift+M mutes and Ctrl+Shift+H holds the call the agent is on', () => {
  it('toggles mute and hold, even from a text field, and the buttons announce the keys', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.connect(session));
    const mute = screen.getByRole('button', { name: en.phone.mute });
    expect(mute.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+M');
    expect(mute.getAttribute('title')).toBe('Mute (Ctrl+Shift+M)');
    expect(screen.getByRole('button', { name: en.phone.hold }).getAttribute('aria-keyshortcuts')).toBe(
      'Control+Shift+H',
    );

    await user.keyboard('{Control>}{Shift>}M{/Shift}{/Control}');
    expect(session.mutes).toEqual(['mute']);
    expect(mute.getAttribute('aria-pressed')).toBe('true');

    await user.click(screen.getByRole('textbox', { name: 'Search history' }));
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    expect(session.holds).toEqual(['hold']);
    expect(screen.getByRole('button', { name: en.phone.resume }).getAttribute('title')).toBe('Resume (Ctrl+Shift+H)');
    await user.keyboard('{Control>}{Shift>}H{/Shift}{/Control}');
    expect(session.holds).toEqual(['hold', 'unhold']);
  });
});

describe('the keypad', () => {
  it('opens a "Keypad" group of digit buttons; pressed and typed keys are sent as DTMF', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '19001234');
    act(() => harness.connect(session));
    session.connection = fakeConnection({ sdp: remoteSdp(true) });
    const toggle = screen.getByRole('button', { name: en.phone.keypad });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const keypad = screen.getByRole('group', { name: en.phone.keypad });
    expect(toggle.getAttribute('aria-controls')).toBe(keypad.id);
    const names = within(keypad)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);

    await user.click(within(keypad).getByRole('button', { name: '5' }));
    await user.keyboard('1#');
    expect(session.dtmf.map((d) => d.tones)).toEqual(['5', '1', '#']);
    expect(screen.getByTestId('dtmf-sent').textContent).toBe('Sent: 51#');

    // Typed in a text field, digits are text.
    await user.type(screen.getByRole('textbox', { name: 'Search history' }), '9');
    expect(session.dtmf).toHaveLength(3);

    await user.click(toggle);
    await user.keyboard('7');
    expect(session.dtmf, 'closed: typed digits are not sent').toHaveLength(3);
  });

  it('is named in Vietnamese too', async () => {
    const user = userEvent.setup();
    renderPhone('vi');
    act(() => harness.connect(new FakeSession('c1', '19001234')));
    await user.click(screen.getByRole('button', { name: 'Bàn phím' }));
    expect(screen.getByRole('group', { name: 'Bàn phím' })).toBeTruthy();
    expect(screen.getByRole('button', { name: vi.phone.hold })).toBeTruthy();
  });
});

describe('the transfer panel', () => {
  it('offers colleagues as the agent types and blind-transfers to the one chosen by name', async () => {
    const user = userEvent.setup();
    renderPhone();
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.connect(session));
    await user.click(screen.getByRole('button', { name: en.phone.transfer }));
    const field = screen.getByRole('combobox', { name: en.phone.transferTo });
    await user.type(field, 'bình');
    const options = [...screen.getByTestId('transfer-suggestions').querySelectorAll('option')];
    expect(options.map((o) => [o.value, o.textContent])).toEqual([['8002', 'Trần Văn Bình']]);

    await user.clear(field);
    await user.type(field, 'Trần Văn Bình');
    await user.click(screen.getByRole('button', { name: en.phone.blindTransfer }));
    expect(session.refers.map((r) => r.target)).toEqual(['sip:8002@agents.example.vn']);
    expect(screen.getByTestId('transfer-state').textContent).toBe('Transferring to 8002…');

    act(() => session.lastRefer().subscriber.notify(486));
    expect(screen.getByTestId('transfer-failed').textContent).toBe(
      'The transfer to 8002 did not go through (busy). The call is still yours.',
    );
  });

  it('says what is wrong with the target', async () => {
    const user = userEvent.setup();
    renderPhone();
    act(() => harness.connect(new FakeSession('c1', '0912345678')));
    await user.click(screen.getByRole('button', { name: en.phone.transfer }));
    await user.click(screen.getByRole('button', { name: en.phone.blindTransfer }));
    expect(screen.getByRole('alert').textContent).toBe(en.phone.transferProblem.empty);
  });

  it('consult, then complete: the consultation call carries "Complete transfer" and "Back to caller"', async () => {
    const user = userEvent.setup();
    renderPhone('vi');
    const session = new FakeSession('c1', '0912345678');
    act(() => harness.connect(session));
    await user.click(screen.getByRole('button', { name: 'Chuyển' }));
    await user.type(screen.getByRole('combobox', { name: 'Chuyển tới' }), '8003');
    await user.click(screen.getByRole('button', { name: 'Hỏi ý kiến' }));
    const consult = harness.ua().lastPlaced().session;
    expect(session.holds).toEqual(['hold']);

    const complete = screen.getByRole('button', { name: 'Hoàn tất chuyển' });
    expect(complete).toHaveProperty('disabled', true);
    act(() => consult.accept());
    expect(complete).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: 'Quay lại người gọi' })).toBeTruthy();
    await user.click(complete);
    expect(session.lastRefer().replaces).toBe(consult);
  });
});

describe('call waiting on screen', () => {
  it('shows the waiting caller; once answered, the held call offers Resume', async () => {
    const user = userEvent.setup();
    renderPhone();
    act(() => harness.connect(new FakeSession('c1', '0912345678')));
    const second = new FakeSession('c2', '0987654321', 'Bình');
    act(() => harness.ua().ring(second));
    const waiting = screen.getByTestId('incoming-call');
    expect(within(waiting).getByRole('heading').textContent).toBe(en.phone.waitingTitle);
    expect(within(waiting).getByText('Bình')).toBeTruthy();
    expect(waiting.dataset['ringStyle']).toBe('waiting');

    await user.click(within(waiting).getByRole('button', { name: en.phone.answer }));
    act(() => second.accept());
    const cards = screen.getAllByTestId('active-call');
    expect(cards.map((c) => c.dataset['callId'])).toEqual(['c1', 'c2']);
    const held = cards[0]!;
    expect(within(held).getByRole('heading').textContent).toBe(en.phone.heldTitle);
    await user.click(within(held).getByRole('button', { name: en.phone.resume }));
    expect(second.holds).toEqual(['hold']);
  });
});
