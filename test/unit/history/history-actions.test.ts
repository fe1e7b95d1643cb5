// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setHistoryPageOpener, useHistoryActions } from '../../../src/renderer/src/features/history/history-actions';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { initialPhoneState, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import type { RequestInput } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import { FAVOURITES_MAX } from '../../../src/shared/settings';
import { makeView } from '../renderer/fake-host';
import { createHistoryHost, type HistoryHost } from './fake-history-host';

let history: HistoryHost;
const clickToCalls: RequestInput<'clickToCall'>[] = [];
const opened: string[] = [];

beforeEach(async () => {
  history = createHistoryHost(makeView({ values: { language: 'en', favourites: ['+84912000001'] } }));
  clickToCalls.length = 0;
  opened.length = 0;
  (history.host.api as unknown as Record<string, unknown>)['clickToCall'] = (input: RequestInput<'clickToCall'>) => {
    clickToCalls.push(input);
    return Promise.resolve(ok(undefined));
  };
  setHistoryPageOpener((url) => opened.push(url));
  useSettingsStore.setState(initialSettingsState);
  usePhoneStore.setState(initialPhoneState);
  useHistoryActions.setState({ notice: null });
  await useSettingsStore.getState().loadSettings();
});

afterEach(() => vi.useRealTimers());

describe('row actions', () => {
  it('call back goes through the phone store’s click-to-call, and says so', async () => {
    useHistoryActions.getState().callBack('0912345678');
    await vi.waitFor(() => expect(usePhoneStore.getState().dial).toEqual({ status: 'placed', number: '0912345678' }));
    expect(clickToCalls).toEqual([{ number: '0912345678' }]);
    expect(useHistoryActions.getState().notice).toEqual({ kind: 'calling', number: '0912345678' });
  });

  it('open in CRM asks the host for the link of this call and opens it from the page', async () => {
    await useHistoryActions.getState().openInCrm({ number: '0912345678', did: '02873019555', queue: 'Chăm sóc' });
    expect(history.requests('crmLinkForNumber')).toEqual([
      { number: '0912345678', did: '02873019555', queue: 'Chăm sóc' },
    ]);
    expect(opened).toEqual(['https://crm.example.vn/?phone=0912345678']);
  });

  it('copy puts the number on the clipboard and confirms it for a few seconds', async () => {
    vi.useFakeTimers();
    const written: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation((text: string) => {
      written.push(text);
      return Promise.resolve();
    });
    await useHistoryActions.getState().copy('0912345678', 'call-1');
    expect(written).toEqual(['0912345678']);
    expect(useHistoryActions.getState().notice).toEqual({ kind: 'copied', text: '0912345678', key: 'call-1' });
    await vi.advanceTimersByTimeAsync(4000);
    expect(useHistoryActions.getState().notice).toBeNull();
  });

  it('a clipboard that refuses is said, not swallowed', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await useHistoryActions.getState().copy('0912345678', 'call-1');
    expect(useHistoryActions.getState().notice).toMatchObject({ kind: 'failed', error: { code: 'internal' } });
  });

  it('favourites are saved in the settings under one key per subscriber, newest first', async () => {
    await useHistoryActions.getState().toggleFavourite('0987 654 321', '0987 654 321');
    expect(history.host.saved.at(-1)).toEqual({ favourites: ['+84987654321', '+84912000001'] });
    // Another spelling of a favourite removes it.
    await useHistoryActions.getState().toggleFavourite('0912000001', '0912 000 001');
    expect(history.host.saved.at(-1)).toEqual({ favourites: ['+84987654321'] });
    expect(useHistoryActions.getState().notice).toEqual({ kind: 'favourite-removed', number: '0912 000 001' });
  });

  it(`keeps at most ${FAVOURITES_MAX} favourites`, async () => {
    const full = Array.from({ length: FAVOURITES_MAX }, (_, i) => `+8491${String(i).padStart(7, '0')}`);
    useSettingsStore.getState().applyView(makeView({ values: { language: 'en', favourites: full } }));
    const saves = history.host.saved.length;
    await useHistoryActions.getState().toggleFavourite('0987654321', '0987 654 321');
    expect(history.host.saved).toHaveLength(saves);
    expect(useHistoryActions.getState().notice).toMatchObject({ kind: 'failed', error: { code: 'invalid_input' } });
  });
});
