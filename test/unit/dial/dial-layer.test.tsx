// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { DialLayer } from '../../../src/renderer/src/features/dial/DialLayer';
import { useDialPromptStore } from '../../../src/renderer/src/features/dial/dial-prompt-store';
import { useColleaguesStore } from '../../../src/renderer/src/features/phone/colleagues-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import {
  bindPhone,
  initialPhoneState,
  usePhoneStore,
  type PhoneControls,
} from '../../../src/renderer/src/sip/phone-store';
import type { AntringApi, Colleague, EventName, EventPayload } from '../../../src/shared/contract';
import type { DialPrompt } from '../../../src/shared/dial';
import { appError } from '../../../src/shared/errors';
import { ok } from '../../../src/shared/result';
import { makeView } from '../renderer/fake-host';

const COLLEAGUES: Colleague[] = [{ name: 'Nguyễn Văn Đức', username: 'agent8001', extensions: ['8001'] }];
const CONFIRM: DialPrompt = {
  id: 'prompt-1',
  source: 'link',
  kind: 'confirm',
  number: { dial: '0912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
};

/** The host behind window.antring, as far as dialling goes: what was asked, and events to push. */
function installHost(initial: DialPrompt | null = null) {
  const asked: { name: string; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let favourites: string[] = [];
  const record =
    (name: string, answer: (input: unknown) => unknown = () => ok(undefined)) =>
    (input: unknown) => {
      asked.push({ name, input });
      return Promise.resolve(answer(input));
    };
  const api = {
    getDialPrompt: record('getDialPrompt', () => ok(initial)),
    confirmDial: record('confirmDial'),
    cancelDial: record('cancelDial'),
    dialNumber: record('dialNumber', () => ok({ ...CONFIRM, kind: 'dialing', via: 'click-to-call' })),
    setFavourite: record('setFavourite', (input) => {
      const { number, favourite } = input as { number: string; favourite: boolean };
      favourites = favourite ? [number, ...favourites] : favourites.filter((n) => n !== number);
      return ok(favourites);
    }),
    getColleagues: () => Promise.resolve(ok(COLLEAGUES)),
    getCallLog: () => Promise.resolve(ok([])),
    queryHistory: () => Promise.resolve(ok({ rows: [] })),
    on: Object.fromEntries(
      (['dialPromptChanged', 'phoneDialRequested', 'settingsChanged'] as const).map((name) => [
        name,
        (listener: (payload: never) => void) => {
          const set = listeners.get(name) ?? new Set();
          set.add(listener);
          listeners.set(name, set);
          return () => set.delete(listener);
        },
      ]),
    ),
  };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
  return {
    asked: (name: string) => asked.filter((a) => a.name === name).map((a) => a.input),
    emit<E extends EventName>(name: E, payload: EventPayload<E>) {
      act(() => {
        for (const listener of listeners.get(name) ?? []) (listener as (p: EventPayload<E>) => void)(payload);
      });
    },
  };
}

function renderLayer(language: 'en' | 'vi' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <button type="button">somewhere else</button>
      <DialLayer />
    </I18nextProvider>,
  );
}

beforeEach(() => {
  useDialPromptStore.setState({ prompt: null, hostError: null });
  useSettingsStore.setState(initialSettingsState);
  useSettingsStore.getState().applyView(makeView());
  useColleaguesStore.setState({ colleagues: [] });
  usePhoneStore.setState(initialPhoneState);
  useNavigationStore.setState({ screen: 'history' });
});

afterEach(() => cleanup());

describe('the dial confirmation', () => {
  it('shows a prompt waiting from before the page loaded: a labelled modal, the number formatted, Call focused', async () => {
    installHost(CONFIRM);
    renderLayer('vi');
    const dialog = await screen.findByRole('dialog', { name: 'Gọi số này?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByTestId('dial-prompt-number').textContent).toBe('0912 345 678');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Gọi' }));
  });

  it('Enter calls (once, even pressed twice while dialling); the host says what follows', async () => {
    const host = installHost(CONFIRM);
    renderLayer();
    await screen.findByRole('dialog', { name: 'Call this number?' });
    const user = userEvent.setup();
    await user.keyboard('{Enter}');
    expect(host.asked('confirmDial')).toEqual([{ id: 'prompt-1' }]);
    host.emit('dialPromptChanged', { ...CONFIRM, kind: 'dialing', via: 'click-to-call' });
    expect(screen.getByTestId('dial-prompt-dialing').textContent).toContain('0912 345 678');
    await user.keyboard('{Enter}');
    expect(host.asked('confirmDial')).toHaveLength(1);
    host.emit('dialPromptChanged', null);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Esc cancels and dials nothing; focus goes back where it was', async () => {
    const host = installHost(null);
    renderLayer();
    const before = screen.getByRole('button', { name: 'somewhere else' });
    before.focus();
    host.emit('dialPromptChanged', CONFIRM);
    expect(screen.getByRole('dialog')).toBeTruthy();
    await userEvent.setup().keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(host.asked('cancelDial')).toEqual([{ id: 'prompt-1' }]);
    expect(host.asked('confirmDial')).toEqual([]);
    expect(document.activeElement).toBe(before);
  });

  it('keeps Tab inside the dialog', async () => {
    installHost(CONFIRM);
    renderLayer();
    const dialog = await screen.findByRole('dialog');
    const user = userEvent.setup();
    for (let i = 0; i < 5; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('says when a link held no number, and closes without dialling', async () => {
    const host = installHost({ id: 'prompt-2', source: 'link', kind: 'not-dialable', problem: 'characters' });
    renderLayer();
    const dialog = await screen.findByRole('dialog', { name: 'Nothing to call' });
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'The link is not a phone number or an extension, so nothing was dialled.',
    );
    await userEvent.setup().keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(host.asked('confirmDial')).toEqual([]);
  });

  it('a refused call shows the reason; Try again asks the host again', async () => {
    const refused = appError('not_registered', 'Your softphone is not registered.', 'Softphone chưa đăng ký.');
    const host = installHost({ ...CONFIRM, kind: 'failed', error: refused });
    renderLayer();
    const dialog = await screen.findByRole('dialog', { name: 'The call could not be placed' });
    expect(within(dialog).getByRole('alert').textContent).toBe('Your softphone is not registered.');
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(host.asked('confirmDial')).toEqual([{ id: 'prompt-1' }]);
  });
});

describe('the phone carrying out the host’s dial', () => {
  function fakePhone() {
    const log: string[] = [];
    let ticket = 0;
    const phone = {
      placeCall: (target: string) => {
        log.push(`sip ${target}`);
        return ok('session-1');
      },
      expectClickToCallCallback: () => {
        ticket += 1;
        log.push(`expect ${ticket}`);
        return ticket;
      },
      cancelClickToCallCallback: (t: number) => log.push(`withdraw ${t}`),
    } as unknown as PhoneControls;
    return { phone, log };
  }

  it('expects the callback of a click-to-call the host sends, withdraws it when refused, and shows the Phone', () => {
    const host = installHost();
    const { phone, log } = fakePhone();
    const unbind = bindPhone(phone);
    renderLayer();
    host.emit('phoneDialRequested', { kind: 'click-to-call-sending', ticket: 'p1', number: '0912345678' });
    expect(usePhoneStore.getState().dial).toEqual({ status: 'dialing', number: '0912345678' });
    expect(useNavigationStore.getState().screen).toBe('phone');
    const refused = appError('not_registered', 'Not registered.', 'Chưa đăng ký.');
    host.emit('phoneDialRequested', {
      kind: 'click-to-call-finished',
      ticket: 'p1',
      number: '0912345678',
      error: refused,
    });
    expect(usePhoneStore.getState().dial).toMatchObject({ status: 'failed', error: refused });
    // A placed one keeps its expectation: its callback is about to ring.
    host.emit('phoneDialRequested', { kind: 'click-to-call-sending', ticket: 'p2', number: '8001' });
    host.emit('phoneDialRequested', { kind: 'click-to-call-finished', ticket: 'p2', number: '8001' });
    expect(log).toEqual(['expect 1', 'withdraw 1', 'expect 2']);
    expect(usePhoneStore.getState().dial).toEqual({ status: 'placed', number: '8001' });
    unbind();
  });

  it('places a SIP call when the host asks (dialVia sip)', () => {
    const host = installHost();
    const { phone, log } = fakePhone();
    const unbind = bindPhone(phone);
    renderLayer();
    host.emit('phoneDialRequested', { kind: 'call-over-sip', number: '0912345678' });
    expect(log).toEqual(['sip 0912345678']);
    unbind();
  });
});

describe('the quick-dial palette', () => {
  it('Ctrl+K opens it; a colleague found by name is dialled with Enter; Esc closes', async () => {
    const host = installHost();
    renderLayer();
    const user = userEvent.setup();
    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Quick dial' });
    const input = within(palette).getByRole('combobox');
    expect(document.activeElement).toBe(input);
    await user.type(input, 'duc');
    const option = await within(palette).findByRole('option', { name: /Nguyễn Văn Đức/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(option.id);
    await user.keyboard('{Enter}');
    expect(host.asked('dialNumber')).toEqual([{ text: '8001', source: 'palette' }]);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Quick dial' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(host.asked('dialNumber')).toHaveLength(1);
  });

  it('arrow keys move the choice; the favourite button adds the chosen number through the host', async () => {
    const host = installHost();
    useSettingsStore.getState().applyView(makeView({ values: { favourites: ['+84987654321'] } }));
    renderLayer();
    const user = userEvent.setup();
    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Quick dial' });
    const options = within(palette).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['★ 0987 654 321(favourite)']);
    await user.type(within(palette).getByRole('combobox'), '0912 345 678');
    await user.keyboard('{ArrowDown}{ArrowUp}');
    await user.click(within(palette).getByRole('button', { name: 'Add 0912 345 678 to favourites' }));
    expect(host.asked('setFavourite')).toEqual([{ number: '0912345678', favourite: true }]);
  });

  it('favourites set by IT cannot be changed from the palette', async () => {
    installHost();
    useSettingsStore
      .getState()
      .applyView(makeView({ values: { favourites: ['8001'] }, sources: { favourites: 'file' } }));
    renderLayer();
    const user = userEvent.setup();
    await user.keyboard('{Control>}k{/Control}');
    const button = within(await screen.findByRole('dialog')).getByTestId('dial-palette-favourite');
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('a prompt from outside replaces the palette', async () => {
    const host = installHost();
    renderLayer();
    await userEvent.setup().keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Quick dial' });
    host.emit('dialPromptChanged', CONFIRM);
    const prompt = screen.getByRole('dialog', { name: 'Call this number?' });
    expect(screen.queryByRole('dialog', { name: 'Quick dial' })).toBeNull();
    expect(document.activeElement).toBe(within(prompt).getByRole('button', { name: 'Call' }));
  });
});
