// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  resetRecordingPlayback,
  useRecordingPlayback,
} from '../../../src/renderer/src/features/recordings/recording-playback';
import { ScreenPopStack } from '../../../src/renderer/src/features/screenpop';
import { useScreenPopStore } from '../../../src/renderer/src/features/screenpop/screenpop-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { AntringApi, ScreenPop } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';

/** The screen-pop's "last calls with this number" play their recordings in the same player. */

const RECORDING = 'call_recording_lastcall1.wav';

const POP: ScreenPop = {
  callId: 'call-1',
  state: 'ringing',
  direction: 'inbound',
  caller: { raw: '+84912345678', display: '0912 345 678', e164: '+84912345678', isExtension: false },
  recentCalls: [
    {
      at: '2025-11-26T02:15:00.000Z',
      direction: 'inbound',
      status: 'SUCCESS',
      durationSeconds: 95,
      talkSeconds: 80,
      recording: RECORDING,
    },
    { at: '2025-11-20T02:15:00.000Z', direction: 'inbound', status: 'CANCELLED', durationSeconds: 12, talkSeconds: 0 },
  ],
  ringingSince: '2025-11-27T03:00:00.000Z',
};

let urlRequests: unknown[];
let pushPops: (pops: readonly ScreenPop[]) => void;

function installHost(): void {
  const api = {
    getScreenPops: async () => ok([POP]),
    getRecordingUrl: async (input: unknown) => {
      urlRequests.push(input);
      return ok({ url: `https://rec.example/${RECORDING}?Expires=2000000000`, expiresAt: '2033-05-18T03:33:20.000Z' });
    },
    on: {
      screenPopsChanged: (fn: (pops: readonly ScreenPop[]) => void) => {
        pushPops = fn;
        return () => undefined;
      },
    },
  };
  Object.defineProperty(window, 'antring', {
    value: api as unknown as AntringApi,
    configurable: true,
    writable: false,
  });
}

beforeEach(() => {
  urlRequests = [];
  useScreenPopStore.setState({ pops: [], failure: null });
  installHost();
});

afterEach(() => {
  cleanup();
  resetRecordingPlayback();
});

describe('listening from the screen-pop', () => {
  it('Listen opens the player under that call and starts it; calls without a recording offer nothing', async () => {
    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <ScreenPopStack />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    const listen = await screen.findByRole('button', { name: /^Nghe cuộc gọi lúc / });
    expect(screen.getAllByRole('button', { name: /^Nghe cuộc gọi lúc / })).toHaveLength(1);
    expect(listen.getAttribute('aria-expanded')).toBe('false');
    // Nothing asked for while the pop only shows.
    expect(urlRequests).toEqual([]);

    await user.click(listen);
    expect(listen.getAttribute('aria-expanded')).toBe('true');
    const player = screen.getByRole('group', { name: /^Ghi âm cuộc gọi lúc / });
    expect(listen.getAttribute('aria-controls')).toBe(player.closest('tr')?.id);
    expect(urlRequests).toEqual([{ media: RECORDING }]);
    expect(await within(player).findByRole('button', { name: 'Tạm dừng' })).toBeTruthy();

    // Closing the player pauses the recording: audio never plays without a control on screen.
    await user.click(listen);
    expect(screen.queryByRole('group', { name: /^Ghi âm cuộc gọi lúc / })).toBeNull();
    await act(async () => {
      await Promise.resolve();
    });
    expect(useRecordingPlayback.getState().session?.wantsToPlay).toBe(false);
  });

  it('answering the call pauses the recording it was playing', async () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <ScreenPopStack />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Listen to the call of / }));
    expect(useRecordingPlayback.getState().session?.wantsToPlay).toBe(true);
    act(() => pushPops([{ ...POP, state: 'answered-here' }]));
    expect(useRecordingPlayback.getState().session?.wantsToPlay).toBe(false);
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  });
});
