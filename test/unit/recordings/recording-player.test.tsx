// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingPlayer } from '../../../src/renderer/src/features/recordings';
import { resetRecordingPlayback } from '../../../src/renderer/src/features/recordings/recording-playback';
import { createI18n } from '../../../src/renderer/src/i18n';
import type { Language } from '../../../src/shared/settings';
import { appError, type AppResult } from '../../../src/shared/errors';
import type { PlayableRecording, SavedRecording } from '../../../src/shared/recording';
import { err, ok } from '../../../src/shared/result';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

/** The player as an agent meets it: names in both languages, nothing fetched until Play. */

const MEDIA = 'call_recording_abc123.wav';
let urlRequests: unknown[];
let downloadRequests: unknown[];
let nextUrl: AppResult<PlayableRecording>;
let nextDownload: AppResult<SavedRecording>;

function installHost(): void {
  const host = createFakeHost(makeView());
  const api = host.api as unknown as Record<string, unknown>;
  api['getRecordingUrl'] = (input: unknown) => {
    urlRequests.push(input);
    return Promise.resolve(nextUrl);
  };
  api['downloadRecording'] = (input: unknown) => {
    downloadRequests.push(input);
    return Promise.resolve(nextDownload);
  };
  installFakeHost(host);
}

function renderPlayer(language: Language): ReturnType<typeof userEvent.setup> {
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <RecordingPlayer media={MEDIA} callId="call-1" label={language === 'vi' ? 'Ghi âm cuộc gọi' : 'Call recording'} />
    </I18nextProvider>,
  );
  return userEvent.setup();
}

beforeEach(() => {
  urlRequests = [];
  downloadRequests = [];
  nextUrl = ok({ url: `https://rec.example/${MEDIA}?Expires=2000000000`, expiresAt: '2033-05-18T03:33:20.000Z' });
  nextDownload = ok({ path: `/data/recordings/${MEDIA}` });
  installHost();
});

afterEach(() => {
  cleanup();
  resetRecordingPlayback();
});

describe('RecordingPlayer', () => {
  it('in Vietnamese: named controls, a slider that says it is not loaded, four speeds; nothing fetched on render', () => {
    renderPlayer('vi');
    const player = screen.getByRole('group', { name: 'Ghi âm cuộc gọi' });
    expect(within(player).getByRole('button', { name: 'Phát' })).toBeTruthy();
    expect(within(player).getByRole('button', { name: 'Tải xuống' })).toBeTruthy();
    const slider = within(player).getByRole<HTMLInputElement>('slider', { name: 'Vị trí' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Chưa tải');
    expect(slider.disabled).toBe(true);
    const speed = within(player).getByRole<HTMLSelectElement>('combobox', { name: 'Tốc độ' });
    expect([...speed.options].map((o) => o.textContent)).toEqual(['1×', '1,25×', '1,5×', '2×']);
    expect(urlRequests).toEqual([]);
    // No audio element either, until a recording plays.
    expect(document.querySelector('audio')).toBeNull();
  });

  it('in English: Play asks main for the URL once and offers Pause while it loads', async () => {
    const user = renderPlayer('en');
    const player = screen.getByRole('group', { name: 'Call recording' });
    expect(within(player).getByRole('combobox', { name: 'Speed' })).toBeTruthy();
    await user.click(within(player).getByRole('button', { name: 'Play' }));
    expect(urlRequests).toEqual([{ media: MEDIA }]);
    expect(await within(player).findByRole('button', { name: 'Pause' })).toBeTruthy();
    const audio = document.querySelector('audio');
    expect(audio?.getAttribute('src')).toBe(`https://rec.example/${MEDIA}?Expires=2000000000`);
  });

  it('the speed is the agent’s choice for every recording: another player shows it too', async () => {
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <RecordingPlayer media={MEDIA} callId="call-1" label="First" />
        <RecordingPlayer media="call_recording_other.wav" callId="call-2" label="Second" />
      </I18nextProvider>,
    );
    const user = userEvent.setup();
    const first = screen.getByRole('group', { name: 'First' });
    const second = screen.getByRole('group', { name: 'Second' });
    await user.selectOptions(within(first).getByRole('combobox', { name: 'Speed' }), '1.5');
    expect(within(second).getByRole<HTMLSelectElement>('combobox', { name: 'Speed' }).value).toBe('1.5');
  });

  it('a URL the host cannot give is shown with its reason and a Retry that asks for a new one', async () => {
    nextUrl = err(
      appError('rejected', 'AntBuddy refused: Recording not found', 'AntBuddy từ chối: không có file ghi âm'),
    );
    const user = renderPlayer('vi');
    await user.click(screen.getByRole('button', { name: 'Phát' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Không lấy được file ghi âm.');
    expect(alert.textContent).toContain('AntBuddy từ chối: không có file ghi âm');
    await user.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(urlRequests).toEqual([{ media: MEDIA }, { media: MEDIA, fresh: true }]);
  });

  it('Download asks main to save it and says where it went', async () => {
    const user = renderPlayer('vi');
    await user.click(screen.getByRole('button', { name: 'Tải xuống' }));
    expect(downloadRequests).toEqual([{ media: MEDIA }]);
    expect((await screen.findByRole('status')).textContent).toBe(`Đã lưu vào /data/recordings/${MEDIA}`);
    // Downloading needs no signed URL in the page.
    expect(urlRequests).toEqual([]);
  });

  it('a failed download is shown in English', async () => {
    nextDownload = err(
      appError('network', 'The recording download was interrupted', 'Việc tải file ghi âm bị gián đoạn'),
    );
    const user = renderPlayer('en');
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not download the recording. The recording download was interrupted',
    );
  });
});
