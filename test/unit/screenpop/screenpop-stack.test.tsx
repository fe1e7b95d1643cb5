// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScreenPopStack } from '../../../src/renderer/src/features/screenpop';
import { setPageOpener, useScreenPopStore } from '../../../src/renderer/src/features/screenpop/screenpop-store';
import { formatDuration } from '../../../src/renderer/src/features/screenpop/ScreenPopCard';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { AntringApi, CrmLink, ScreenPop } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';

const POP: ScreenPop = {
  callId: 'call-1',
  state: 'ringing',
  direction: 'inbound',
  caller: { raw: '+84912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
  name: 'Lê Thị Mai',
  nameSource: 'history',
  did: { raw: '02873019555', display: '028 7301 9555', e164: '+842873019555', isExtension: false },
  queue: 'Chăm sóc khách hàng',
  recentCalls: [
    { at: '2025-11-26T02:15:00.000Z', direction: 'inbound', status: 'CANCELLED', durationSeconds: 75, talkSeconds: 0 },
  ],
  crmUrl: 'https://crm.example.vn/?p=0912345678',
  ringingSince: '2025-11-27T03:00:00.000Z',
};

/** The one boundary renderer tests fake: the host behind window.antring. */
function installHost(initial: readonly ScreenPop[], crm: CrmLink) {
  let listener: ((pops: readonly ScreenPop[]) => void) | undefined;
  const calls: string[] = [];
  const api = {
    getScreenPops: async () => ok(initial),
    dismissScreenPop: async ({ callId }: { callId: string }) => {
      calls.push(`dismiss:${callId}`);
      return ok([]);
    },
    openInCrm: async ({ callId }: { callId: string }) => {
      calls.push(`crm:${callId}`);
      return ok(crm);
    },
    on: {
      screenPopsChanged: (fn: (pops: readonly ScreenPop[]) => void) => {
        listener = fn;
        return () => (listener = undefined);
      },
    },
  };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
  return { calls, push: (pops: readonly ScreenPop[]) => act(() => listener?.(pops)) };
}

function renderStack(language: 'vi' | 'en' = 'en') {
  return render(
    <I18nextProvider i18n={createI18n(language)}>
      <ScreenPopStack />
    </I18nextProvider>,
  );
}

beforeEach(() => useScreenPopStore.setState({ pops: [], failure: null }));
afterEach(() => cleanup());

describe('ScreenPopStack', () => {
  it('shows the caller, the company number, the queue and recent calls', async () => {
    installHost([POP], { url: POP.crmUrl ?? '', opened: true });
    renderStack();
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).getByTestId('screenpop-number').textContent).toBe('0912 345 678');
    expect(within(card).getByTestId('screenpop-e164').textContent).toBe('+84912345678');
    expect(within(card).getByTestId('screenpop-name').textContent).toBe('Lê Thị Mai');
    expect(within(card).getByTestId('screenpop-did').textContent).toBe('028 7301 9555');
    expect(within(card).getByTestId('screenpop-queue').textContent).toBe('Chăm sóc khách hàng');
    const rows = within(within(card).getByTestId('screenpop-recent')).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.textContent).toContain('Caller hung up');
    expect(rows[1]?.textContent).toContain('1:15');
    // The SIP phone is not ringing with this caller: no Answer/Decline.
    expect(within(card).queryByTestId('screenpop-answer')).toBeNull();
  });

  it('says it looks up the earlier calls while the store answers, not that there are none, then shows them', async () => {
    const { name: _name, nameSource: _source, ...unnamed } = POP;
    const host = installHost([{ ...unnamed, recentCalls: [], recentCallsPending: true }], { url: '', opened: true });
    renderStack();
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).getByTestId('screenpop-recent-pending').textContent).toBe('Looking up earlier calls…');
    expect(within(card).queryByText('No earlier calls with this number')).toBeNull();
    expect(within(card).getByTestId('screenpop-name').textContent).toBe('');
    host.push([POP]);
    expect(within(card).queryByTestId('screenpop-recent-pending')).toBeNull();
    expect(within(card).getByTestId('screenpop-name').textContent).toBe('Lê Thị Mai');
    expect(within(within(card).getByTestId('screenpop-recent')).getAllByRole('row')).toHaveLength(2);
    host.push([{ ...unnamed, recentCalls: [] }]);
    expect(within(card).getByText('No earlier calls with this number')).toBeTruthy();
    expect(within(card).getByTestId('screenpop-name').textContent).toBe('Unknown caller');
  });

  it('speaks Vietnamese', async () => {
    installHost([POP], { url: '', opened: true });
    renderStack('vi');
    const card = await screen.findByTestId('screenpop-card');
    expect(within(card).getByRole('button', { name: 'Mở trong CRM' })).toBeTruthy();
    expect(within(card).getByTestId('screenpop-state').textContent).toBe('Cuộc gọi đến');
  });

  it('follows the host: stacks new calls and removes ended ones', async () => {
    const host = installHost([], { url: '', opened: true });
    renderStack();
    expect(screen.queryByTestId('screenpop-stack')).toBeNull();
    host.push([{ ...POP, callId: 'b', caller: { ...POP.caller, display: '0987 654 321' } }, POP]);
    expect(screen.getAllByTestId('screenpop-number').map((n) => n.textContent)).toEqual([
      '0987 654 321',
      '0912 345 678',
    ]);
    host.push([]);
    expect(screen.queryByTestId('screenpop-stack')).toBeNull();
  });

  it('dismisses and opens the CRM through the host; the page opens links the host could not', async () => {
    const host = installHost([POP], { url: 'https://crm.example.vn/?p=0912345678', opened: false });
    const openedByPage: string[] = [];
    setPageOpener((url) => openedByPage.push(url));
    const user = userEvent.setup();
    renderStack();
    await user.click(await screen.findByRole('button', { name: 'Open in CRM' }));
    expect(openedByPage).toEqual(['https://crm.example.vn/?p=0912345678']);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(host.calls).toEqual(['crm:call-1', 'dismiss:call-1']);
    expect(screen.queryByTestId('screenpop-card')).toBeNull();
  });
});

describe('formatDuration', () => {
  it('reads like a phone shows it', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
