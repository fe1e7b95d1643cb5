// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { useHistoryStore } from '../../../src/renderer/src/features/history/history-store';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { makeView } from '../renderer/fake-host';
import { createHistoryHost, type HistoryHost } from './fake-history-host';

let history: HistoryHost;

async function openHistory(language: 'vi' | 'en'): Promise<ReturnType<typeof userEvent.setup>> {
  history = createHistoryHost(makeView({ values: { language } }));
  const user = userEvent.setup();
  render(<App i18n={createI18n(language)} />);
  await user.click(
    within(screen.getByRole('navigation')).getByRole('button', { name: language === 'en' ? 'History' : 'Lịch sử' }),
  );
  return user;
}

beforeEach(() => {
  useSettingsStore.setState(initialSettingsState);
  useNavigationStore.setState({ screen: 'phone' });
});

afterEach(() => cleanup());

describe('History screen', () => {
  it('names its controls in Vietnamese, searches what is typed, and says how many calls match', async () => {
    const user = await openHistory('vi');
    await screen.findByText('1.000.000 cuộc gọi');
    const search = screen.getByRole('searchbox', { name: 'Tìm kiếm' });
    history.total = 3;
    await user.type(search, '0912');
    await screen.findByText('3 cuộc gọi');
    expect(history.requests('queryHistory').at(-1)).toMatchObject({ search: '0912' });
    // Announced politely, since the agent changed the view.
    expect(screen.getByTestId('history-count-announcement').textContent).toBe('3 cuộc gọi');
    expect(screen.getByRole('group', { name: 'Chiều gọi' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Nhỡ', pressed: false })).toBeTruthy();
    expect(screen.getByLabelText('Từ ngày')).toBeTruthy();
    expect(screen.getByText(/^Cập nhật lúc/)).toBeTruthy();
  });

  it('exports the view and shows where the file was written', async () => {
    const user = await openHistory('en');
    await user.click(screen.getByRole('button', { name: 'Missed', pressed: false }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByTestId('history-export-path')).textContent).toBe('/data/exports/call-history-1.csv');
    expect(screen.getByTestId('history-export-done').textContent).toContain('Exported 42 calls to');
    expect(history.requests('exportHistory')).toEqual([{ filters: { statuses: ['missed'] }, format: 'csv' }]);
  });

  it('shows a failed sync with its error and a Retry that asks the host to refresh', async () => {
    const user = await openHistory('en');
    await screen.findByText('1,000,000 calls');
    act(() =>
      history.emitSync({
        kind: 'failed',
        error: { code: 'network', message: 'AntBuddy cannot be reached.', messageVi: 'Không kết nối được AntBuddy.' },
        revision: 1,
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('AntBuddy cannot be reached.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(history.requests('refreshHistory')).toHaveLength(1);
  });

  it('without an account says where to set it up', async () => {
    history = createHistoryHost(makeView({ values: { language: 'en' } }));
    history.sync = { kind: 'off' };
    const user = userEvent.setup();
    render(<App i18n={createI18n('en')} />);
    await user.click(within(screen.getByRole('navigation')).getByRole('button', { name: 'History' }));
    await screen.findByText('No calls to show');
    await user.click(screen.getByRole('button', { name: 'Open Settings' }));
    expect(useNavigationStore.getState().screen).toBe('settings');
  });
});

// The store is shared by every test of the file: start each from the default view.
afterEach(() => {
  useHistoryStore.getState().clearFilters();
  useHistoryStore.getState().setSearchText('');
  // Now, not after the typing pause: the next test must not start with this one's search applied.
  useHistoryStore.setState({ search: '' });
  useHistoryStore.getState().dismissExport();
});
