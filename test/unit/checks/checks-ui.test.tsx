// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { levelOf } from '../../../src/renderer/src/features/checks/audio-level';
import { reportRendererErrors } from '../../../src/renderer/src/features/checks/report-renderer-errors';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { ConnectionReport } from '../../../src/shared/connection-check';
import { appError } from '../../../src/shared/errors';
import type { LogsFolder, RendererLogEntry } from '../../../src/shared/logs';
import { ok } from '../../../src/shared/result';
import type { Language } from '../../../src/shared/settings';
import { createFakeHost, installFakeHost, makeView, type FakeHost } from '../renderer/fake-host';

const FAILED_AT_SIGNALS: ConnectionReport = {
  checkedAt: '2025-03-01T08:30:00.000Z',
  failedStep: 'signals',
  steps: [
    { step: 'api', outcome: { kind: 'ok', detail: { en: 'Token issued.', vi: 'Đã cấp mã.' } } },
    {
      step: 'signals',
      outcome: {
        kind: 'failed',
        error: appError('network', 'Nothing answers at 127.0.0.1:9.', 'Không có gì trả lời tại 127.0.0.1:9.', {
          field: 'signalsUrl',
        }),
      },
    },
    { step: 'sip', outcome: { kind: 'skipped', after: 'signals' } },
    { step: 'clickToCall', outcome: { kind: 'skipped', after: 'signals' } },
  ],
};

let host: FakeHost;

function fakeRequest(name: string, answer: (input: unknown) => unknown): void {
  (host.api as unknown as Record<string, unknown>)[name] = (input: unknown) => Promise.resolve(answer(input));
}

async function openSettings(language: Language): Promise<ReturnType<typeof userEvent.setup>> {
  host = createFakeHost(makeView({ values: { language } }));
  fakeRequest('testConnection', () => ok(FAILED_AT_SIGNALS));
  fakeRequest('openLogsFolder', () =>
    ok<LogsFolder>({ path: '/home/agent/.config/AntRing Companion/logs', opened: false }),
  );
  installFakeHost(host);
  const user = userEvent.setup();
  render(<App i18n={createI18n(language)} />);
  const nav = screen.getByRole('navigation');
  await user.click(within(nav).getByRole('button', { name: language === 'en' ? 'Settings' : 'Cài đặt' }));
  await screen.findByRole('heading', { level: 2, name: language === 'en' ? 'Checks for IT' : 'Kiểm tra dành cho IT' });
  return user;
}

beforeEach(() => {
  useSettingsStore.setState(initialSettingsState);
  useNavigationStore.setState({ screen: 'phone' });
});

afterEach(() => cleanup());

describe('Test connection in Settings', () => {
  it('lists every step with what it found, names the failing one, and leads to its setting', async () => {
    const user = await openSettings('en');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    // The time is the computer's local time of checkedAt.
    const summary = await screen.findByTestId('check-summary');
    expect(summary.textContent).toMatch(/^Failed at “Call signals \(subscribed\)” \(checked at \d\d:\d\d\)\.$/);
    const api = screen.getByTestId('check-step-api');
    expect(api.dataset['outcome']).toBe('ok');
    expect(api.textContent).toContain('Token issued.');
    const signals = screen.getByTestId('check-step-signals');
    expect(signals.dataset['outcome']).toBe('failed');
    expect(signals.textContent).toContain('Failed');
    expect(signals.textContent).toContain('Nothing answers at 127.0.0.1:9.');
    for (const step of ['sip', 'clickToCall']) {
      const row = screen.getByTestId(`check-step-${step}`);
      expect(row.dataset['outcome']).toBe('skipped');
      expect(row.textContent).toContain('Not checked: “Call signals (subscribed)” failed first.');
    }
    // The results are a live region: a screen reader hears them without looking for them.
    expect(screen.getByTestId('check-results').getAttribute('aria-live')).toBe('polite');
    await user.click(within(signals).getByRole('button', { name: 'Go to the setting' }));
    expect(document.activeElement?.id).toBe('setting-signalsUrl');
  });

  it('speaks Vietnamese', async () => {
    const user = await openSettings('vi');
    await user.click(screen.getByRole('button', { name: 'Kiểm tra kết nối' }));
    const signals = await screen.findByTestId('check-step-signals');
    await waitFor(() => expect(signals.textContent).toContain('Không có gì trả lời tại 127.0.0.1:9.'));
    expect(signals.textContent).toContain('Lỗi');
    expect(screen.getByTestId('check-step-api').textContent).toContain('Đã cấp mã.');
    expect(screen.getByTestId('check-step-sip').textContent).toContain('Bỏ qua');
  });

  it('a host that cannot run the test says so', async () => {
    const user = await openSettings('en');
    fakeRequest('testConnection', () => ({ ok: false, error: appError('internal', 'Host gone.', 'Mất kết nối.') }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The test could not run');
    expect(alert.textContent).toContain('Host gone.');
  });
});

describe('Open logs folder', () => {
  it('shows the path the web host answers, to copy', async () => {
    const user = await openSettings('en');
    await user.click(screen.getByRole('button', { name: 'Open logs folder' }));
    const path = await screen.findByTestId<HTMLInputElement>('logs-path');
    expect(path.value).toBe('/home/agent/.config/AntRing Companion/logs');
    expect(screen.getByLabelText('The log files are in this folder:')).toBe(path);
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
  });
});

describe('the renderer’s errors reach the host’s log', () => {
  it('sends uncaught errors and rejections once each, not a flood of the same one', async () => {
    host = createFakeHost(makeView());
    const sent: RendererLogEntry[] = [];
    fakeRequest('logFromRenderer', (entry) => {
      sent.push(entry as RendererLogEntry);
      return ok(undefined);
    });
    installFakeHost(host);
    const target = new EventTarget() as unknown as Window;
    const stop = reportRendererErrors(target, () => 1_000);
    const boom = new TypeError('x is undefined');
    for (let i = 0; i < 3; i++) target.dispatchEvent(new ErrorEvent('error', { error: boom, message: boom.message }));
    const rejection = new Event('unhandledrejection') as Event & { reason: unknown };
    rejection.reason = 'no answer';
    target.dispatchEvent(rejection);
    stop();
    target.dispatchEvent(new ErrorEvent('error', { message: 'after stop' }));
    expect(sent.map(({ level, message }) => ({ level, message }))).toEqual([
      { level: 'error', message: 'TypeError: x is undefined' },
      { level: 'error', message: 'no answer' },
    ]);
    expect(sent[0]?.stack).toContain('TypeError');
  });
});

describe('the microphone level', () => {
  it('follows decibels: silence 0, full scale 1, -20 dBFS two thirds', () => {
    expect(levelOf(new Float32Array(512))).toBe(0);
    expect(levelOf(new Float32Array(512).fill(1))).toBe(1);
    expect(levelOf(new Float32Array(512).fill(0.1))).toBeCloseTo(2 / 3, 5);
    expect(levelOf(new Float32Array(512).fill(0.0001))).toBe(0);
    expect(levelOf([])).toBe(0);
  });
});
