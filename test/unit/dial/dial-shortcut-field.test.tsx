// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DialShortcutField } from '../../../src/renderer/src/features/dial/DialShortcutField';
import { useDialShortcutStore } from '../../../src/renderer/src/features/dial/dial-shortcut-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { AntringApi } from '../../../src/shared/contract';
import type { DialShortcutState } from '../../../src/shared/dial';
import { ok } from '../../../src/shared/result';
import type { SettingsPatch, SettingsView } from '../../../src/shared/settings';
import { makeView } from '../renderer/fake-host';

function installHost(state: DialShortcutState, view: SettingsView) {
  const saved: SettingsPatch[] = [];
  let push: ((state: DialShortcutState) => void) | undefined;
  let current = view;
  const api = {
    getDialShortcut: () => Promise.resolve(ok(state)),
    saveSettings: (patch: SettingsPatch) => {
      saved.push(patch);
      current = { ...current, values: { ...current.values, ...patch } } as SettingsView;
      return Promise.resolve(ok(current));
    },
    on: {
      dialShortcutChanged: (listener: (s: DialShortcutState) => void) => {
        push = listener;
        return () => (push = undefined);
      },
    },
  };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
  return { saved, push: (next: DialShortcutState) => act(() => push?.(next)) };
}

function renderField(view: SettingsView, onSubmit: () => void = () => undefined) {
  useSettingsStore.getState().applyView(view);
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <DialShortcutField view={view} />
      </form>
    </I18nextProvider>,
  );
}

beforeEach(() => {
  useSettingsStore.setState(initialSettingsState);
  useDialShortcutStore.setState({ state: null });
});
afterEach(() => cleanup());

describe('the dial shortcut field in Settings', () => {
  it('says the shortcut works, or that another program holds it (with Try again), as the host reports', async () => {
    const host = installHost({ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' }, makeView());
    renderField(makeView());
    const state = await screen.findByText('Ctrl+Alt+D works in every program.');
    expect(state.getAttribute('role')).toBe('status');
    host.push({ kind: 'failed', accelerator: 'CommandOrControl+Alt+D', reason: 'taken' });
    expect(screen.getByTestId('dial-shortcut-state').textContent).toMatch(/held by the system or another program/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(host.saved).toEqual([{ dialShortcut: 'CommandOrControl+Alt+D' }]);
  });

  it('records a pressed combination; Enter applies it without submitting the Settings form', async () => {
    const host = installHost({ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' }, makeView());
    let submitted = 0;
    renderField(makeView(), () => (submitted += 1));
    const input = screen.getByRole('textbox', { name: 'Dial shortcut' });
    fireEvent.keyDown(input, { key: 'ǩ', code: 'KeyK', ctrlKey: true, shiftKey: true });
    expect((input as HTMLInputElement).value).toBe('CommandOrControl+Shift+K');
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await act(async () => undefined);
    expect(host.saved).toEqual([{ dialShortcut: 'CommandOrControl+Shift+K' }]);
    expect(submitted).toBe(0);
  });

  it('a typed shortcut that is not one is explained and cannot be applied', async () => {
    const host = installHost({ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' }, makeView());
    renderField(makeView());
    const input = screen.getByRole('textbox', { name: 'Dial shortcut' });
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, 'Shift+D');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/needs Control, Alt, Command or Super/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Apply' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(host.saved).toEqual([{ dialShortcut: '' }]);
  });

  it('set by IT: read-only, no buttons to change it', async () => {
    const view = makeView({ values: { dialShortcut: 'Alt+Super+K' }, sources: { dialShortcut: 'env' } });
    installHost({ kind: 'registered', accelerator: 'Alt+Super+K' }, view);
    renderField(view);
    const input = screen.getByRole('textbox', { name: 'Dial shortcut' });
    expect(input.hasAttribute('readonly')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Apply' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Turn off' })).toBeNull();
  });

  it('in the browser (the web host) it says global shortcuts need the desktop app', async () => {
    installHost({ kind: 'unavailable' }, makeView());
    renderField(makeView());
    expect(await screen.findByText(/work in the desktop app only/)).toBeTruthy();
  });
});
