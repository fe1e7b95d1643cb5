// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TrayStatusBanner } from '../../../src/renderer/src/features/tray-status/TrayStatusBanner';
import { useTrayStatusStore } from '../../../src/renderer/src/features/tray-status/tray-status-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { AntringApi } from '../../../src/shared/contract';
import type { TrayStatus } from '../../../src/shared/reachability';
import { ok } from '../../../src/shared/result';
import type { Language } from '../../../src/shared/settings';
import { createFakeHost, installFakeHost, makeView } from './fake-host';

const GNOME_WITHOUT_TRAY = { kind: 'missing', reason: 'gnome-without-extension', desktop: 'GNOME' } as const;

/** The fake host, answering getTrayStatus with `status` and able to push trayStatusChanged. */
function hostWith(status: TrayStatus) {
  const host = createFakeHost(makeView());
  const listeners = new Set<(status: TrayStatus) => void>();
  const api = {
    ...host.api,
    getTrayStatus: () => Promise.resolve(ok(status)),
    on: {
      ...host.api.on,
      trayStatusChanged: (listener: (status: TrayStatus) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  } as unknown as AntringApi;
  installFakeHost({ ...host, api });
  return {
    push(next: TrayStatus) {
      act(() => {
        for (const listener of listeners) listener(next);
      });
    },
  };
}

function show(language: Language) {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <TrayStatusBanner />
    </I18nextProvider>,
  );
}

beforeEach(() => useTrayStatusStore.setState({ status: null }));
afterEach(() => cleanup());

describe('the state banner where the desktop shows no tray icon', () => {
  it('is absent where the tray can be seen, and in a host without a tray', async () => {
    const host = hostWith({ availability: { kind: 'shown' }, reachability: { kind: 'reachable' } });
    show('en');
    // Once the answer arrived (and on every later state), nothing is shown.
    await act(async () => undefined);
    expect(screen.queryByTestId('tray-status')).toBeNull();
    host.push({
      availability: { kind: 'not-applicable' },
      reachability: { kind: 'unreachable', reasons: [{ kind: 'phone-starting' }] },
    });
    host.push({ availability: { kind: 'checking' }, reachability: { kind: 'reachable' } });
    expect(screen.queryByTestId('tray-status')).toBeNull();
  });

  it('shows the state and says why it is there, in English', async () => {
    hostWith({ availability: GNOME_WITHOUT_TRAY, reachability: { kind: 'reachable' } });
    show('en');
    const banner = await screen.findByRole('region', { name: 'Phone state' });
    expect(screen.getByRole('status').textContent).toBe('Ready for calls');
    expect(banner.textContent).toContain(
      'Your desktop (GNOME) shows no tray icons without the “AppIndicator and KStatusNotifierItem Support” extension, so AntRing shows its state here.',
    );
    expect(banner.textContent).toContain('Closing the window minimises it instead: calls still ring.');
    expect(banner.getAttribute('data-state')).toBe('reachable');
  });

  it('follows the host: the reasons of an outage, Do not disturb, a call, in Vietnamese', async () => {
    const host = hostWith({ availability: GNOME_WITHOUT_TRAY, reachability: { kind: 'reachable' } });
    show('vi');
    await screen.findByRole('region', { name: 'Trạng thái điện thoại' });
    host.push({
      availability: { kind: 'missing', reason: 'no-status-notifier', desktop: 'sway' },
      reachability: {
        kind: 'unreachable',
        reasons: [
          { kind: 'phone-failed', detail: '403 Forbidden' },
          { kind: 'signals-reconnecting', attempt: 3, detail: 'closed' },
        ],
      },
    });
    expect(screen.getByRole('status').textContent).toBe(
      'Không thể nhận cuộc gọi: máy chủ SIP từ chối đăng ký điện thoại (403 Forbidden); mất tín hiệu cuộc gọi, đang thử lại (lần 3)',
    );
    expect(screen.getByTestId('tray-status').textContent).toContain(
      'Màn hình của bạn (sway) không có khay hệ thống (StatusNotifier) để hiện biểu tượng AntRing',
    );
    host.push({ availability: GNOME_WITHOUT_TRAY, reachability: { kind: 'dnd' } });
    expect(screen.getByRole('status').textContent).toBe('Không làm phiền: cuộc gọi bị từ chối');
    host.push({ availability: GNOME_WITHOUT_TRAY, reachability: { kind: 'in-call' } });
    expect(screen.getByRole('status').textContent).toBe('Đang trong cuộc gọi');
    // The tray became visible (the extension was turned on): the banner goes.
    host.push({ availability: { kind: 'shown' }, reachability: { kind: 'in-call' } });
    expect(screen.queryByTestId('tray-status')).toBeNull();
  });

  it('has a text for every reason in both languages (no key shown raw)', async () => {
    const reasons = [
      { kind: 'phone-not-set-up' },
      { kind: 'phone-starting' },
      { kind: 'phone-registering' },
      { kind: 'phone-failed' },
      { kind: 'phone-offline' },
      { kind: 'phone-offline', detail: 'Connection Error' },
      { kind: 'signals-not-set-up' },
      { kind: 'signals-paused' },
      { kind: 'signals-connecting' },
      { kind: 'signals-failed', detail: 'refused' },
    ] as const;
    for (const language of ['en', 'vi'] as const) {
      const host = hostWith({
        availability: { ...GNOME_WITHOUT_TRAY, desktop: '' },
        reachability: { kind: 'reachable' },
      });
      show(language);
      await screen.findByTestId('tray-status');
      host.push({
        availability: { ...GNOME_WITHOUT_TRAY, desktop: '' },
        reachability: { kind: 'unreachable', reasons: [...reasons] },
      });
      const text = screen.getByTestId('tray-status').textContent ?? '';
      expect(text).not.toMatch(/tray\.|\{\{/);
      expect(text).toContain(language === 'en' ? 'this desktop' : 'màn hình này');
      expect(screen.getByRole('status').textContent?.split(';')).toHaveLength(reasons.length);
      cleanup();
      useTrayStatusStore.setState({ status: null });
    }
  });
});
