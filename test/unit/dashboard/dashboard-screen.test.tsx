// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { DashboardScreen } from '../../../src/renderer/src/features/dashboard/DashboardScreen';
import {
  createDashboardStore,
  type DashboardStore,
} from '../../../src/renderer/src/features/dashboard/dashboard-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { DashboardSnapshot } from '../../../src/shared/dashboard';
import { appError, type AppResult } from '../../../src/shared/errors';
import { err, ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

/** The Dashboard screen over a faked host: what people and screen readers get. */

const NOW = Date.parse('2026-01-28T03:00:00.000Z');

const SNAPSHOT: DashboardSnapshot = {
  generatedAt: '2026-01-28T03:00:00.000Z',
  agents: [
    {
      id: 'a1',
      name: 'Nguyễn Văn An',
      username: 'nguyenvanan',
      extensions: ['8001'],
      status: { kind: 'ready' },
      since: '2026-01-28T02:55:00.000Z',
      idleSeconds: 300,
      waitingCalls: 0,
    },
    {
      id: 'a2',
      name: 'Trần Thị Bình',
      username: 'tranthibinh',
      extensions: ['8002', '8099'],
      status: { kind: 'other', raw: 'connecting' },
      since: '2026-01-28T02:59:30.000Z',
      idleSeconds: null,
      waitingCalls: 2,
    },
    {
      id: 'a3',
      name: 'Lê Minh',
      username: 'leminh',
      extensions: [],
      status: { kind: 'logged_out' },
      since: null,
      idleSeconds: null,
      waitingCalls: 0,
    },
  ],
  counts: [
    { status: { kind: 'ready' }, count: 1 },
    { status: { kind: 'connected' }, count: 0 },
    { status: { kind: 'wrapup' }, count: 0 },
    { status: { kind: 'paused' }, count: 0 },
    { status: { kind: 'logged_in' }, count: 0 },
    { status: { kind: 'logged_out' }, count: 1 },
    { status: { kind: 'other', raw: 'connecting' }, count: 1 },
  ],
  queueStatistics: {
    offered: 12,
    received: 12,
    handled: 11,
    abandoned: 1,
    averageWaitSeconds: 6,
    longestWaitSeconds: 75,
    averageTalkSeconds: 180,
    waitingNow: 2,
  },
  queues: [
    {
      key: 'q1',
      name: 'Chăm sóc khách hàng',
      waitingNow: 2,
      members: [
        { id: 'a3', name: 'Lê Minh', status: { kind: 'logged_out' } },
        { id: 'a1', name: 'Nguyễn Văn An', status: { kind: 'ready' } },
      ],
    },
  ],
};

let answers: AppResult<DashboardSnapshot>[] = [];
let requests = 0;
let store: DashboardStore;

function renderScreen(language: 'vi' | 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <DashboardScreen store={store} />
    </I18nextProvider>,
  );
}

/** Lets the pending request answer and React render. */
async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  answers = [];
  requests = 0;
  const host = createFakeHost(makeView());
  Object.assign(host.api, {
    getDashboard: () => {
      requests += 1;
      return Promise.resolve(answers.shift() ?? ok(SNAPSHOT));
    },
  });
  installFakeHost(host);
  store = createDashboardStore();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the dashboard screen', () => {
  it('shows the agents in a table with column and row headers, statuses in words, unknown ones as sent', async () => {
    renderScreen('en');
    await settle();
    const table = screen.getByRole('table', { name: 'Agents' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Extension', 'Status', 'Since', 'Idle', 'Waiting calls']);
    const an = within(table).getByRole('row', { name: /Nguyễn Văn An/ });
    expect(within(an).getByRole('rowheader').textContent).toBe('Nguyễn Văn An');
    expect(an.textContent).toContain('8001');
    expect(an.textContent).toContain('Ready');
    expect(an.textContent).toContain('5 min 0 s');
    expect(
      within(an)
        .getByText(/\d\d:\d\d:\d\d/)
        .getAttribute('datetime'),
    ).toBe('2026-01-28T02:55:00.000Z');
    const binh = within(table).getByRole('row', { name: /Trần Thị Bình/ });
    expect(binh.textContent).toContain('8002, 8099');
    expect(binh.textContent).toContain('connecting');
  });

  it('counts agents by status in a chart with a title and in a table with the same numbers', async () => {
    renderScreen('en');
    await settle();
    expect(screen.getByRole('img', { name: /Bar chart of agents by status/ })).toBeTruthy();
    const counts = screen.getByRole('table', { name: 'Agents by status' });
    expect(within(counts).getByRole('row', { name: /Ready/ }).textContent).toContain('1');
    expect(within(counts).getByRole('row', { name: /Other: connecting/ }).textContent).toContain('1');
    expect(within(counts).getByRole('row', { name: /Total/ }).textContent).toContain('3');
  });

  it('shows queue statistics and queues with their members, in Vietnamese', async () => {
    renderScreen('vi');
    await settle();
    const stats = screen.getByRole('table', { name: 'Thống kê hàng đợi' });
    expect(within(stats).getByRole('row', { name: /Thời gian chờ lâu nhất/ }).textContent).toContain('1 phút 15 giây');
    expect(within(stats).getByRole('row', { name: /Khách bỏ máy/ }).textContent).toContain('1');
    const members = screen.getByRole('list', { name: 'Nhân viên trong Chăm sóc khách hàng' });
    expect(
      within(members)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Lê MinhĐã đăng xuất', 'Nguyễn Văn AnSẵn sàng']);
    expect(screen.getByText('2 đang chờ')).toBeTruthy();
  });

  it('"updated N s ago" ticks outside any live region; staleness is announced once, in a live region', async () => {
    const offline = err(appError('network', 'Could not reach AntBuddy', 'Không kết nối được AntBuddy'));
    answers = [ok(SNAPSHOT), offline, offline, offline];
    renderScreen('en');
    await settle();
    await settle(3_000);
    const updated = screen.getByTestId('dashboard-updated');
    expect(updated.textContent).toBe('Updated 3 s ago');
    expect(updated.closest('[aria-live]')).toBeNull();
    expect(screen.queryByTestId('dashboard-stale')).toBeNull();

    await settle(17_000); // failed refreshes, and 20 s (two periods) since the figures arrived
    const stale = screen.getByTestId('dashboard-stale');
    expect(stale.closest('[aria-live="polite"]')).not.toBeNull();
    expect(stale.textContent).toContain('out of date');
    expect(screen.getByTestId('dashboard-updated').textContent).toBe('Updated 20 s ago');
  });

  it('an error shows as an alert in the chosen language, with Retry', async () => {
    answers = [err(appError('server_error', 'AntBuddy had a server error', 'Máy chủ AntBuddy gặp lỗi'))];
    renderScreen('vi');
    await settle();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Không tải được số liệu tổng quan');
    expect(alert.textContent).toContain('Máy chủ AntBuddy gặp lỗi');
    expect(alert.textContent).toContain('Tự động thử lại sau 10 giây');
    fireEvent.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    await settle();
    expect(requests).toBe(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('table', { name: 'Nhân viên' })).toBeTruthy();
  });

  it('without a configured account it says where to set one up', async () => {
    answers = [err(appError('not_configured', 'The AntBuddy API is not configured', 'Chưa cấu hình AntBuddy API'))];
    renderScreen('en');
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'No live figures yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(useNavigationStore.getState().screen).toBe('settings');
  });

  it('stops refreshing when the screen is left', async () => {
    const view = renderScreen('en');
    await settle();
    expect(requests).toBe(1);
    view.unmount();
    await settle(60_000);
    expect(requests).toBe(1);
  });
});
