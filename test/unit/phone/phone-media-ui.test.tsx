// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/app/App';
import { useNavigationStore } from '../../../src/renderer/src/app/navigation-store';
import { DeviceNotices } from '../../../src/renderer/src/features/phone/DeviceNotices';
import { QualityBadge } from '../../../src/renderer/src/features/phone/QualityBadge';
import { SipStatus } from '../../../src/renderer/src/features/phone/SipStatus';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { createI18n } from '../../../src/renderer/src/i18n';
import { publishDeviceNotice, publishQuality, useMediaStore } from '../../../src/renderer/src/sip/media-store';
import { initialPhoneState, usePhoneStore } from '../../../src/renderer/src/sip/phone-store';
import { createFakeHost, installFakeHost, makeView } from '../renderer/fake-host';

beforeEach(() => {
  useMediaStore.setState({ quality: {}, notices: [] });
  usePhoneStore.setState(initialPhoneState);
});
afterEach(() => cleanup());

function inEnglish(ui: React.ReactElement): void {
  render(<I18nextProvider i18n={createI18n('en')}>{ui}</I18nextProvider>);
}

describe('quality badge', () => {
  it('shows nothing before the first sample, then the level with the numbers in its name and tooltip', () => {
    inEnglish(<QualityBadge callId="s1" />);
    expect(screen.queryByTestId('quality-badge')).toBeNull();
    act(() => publishQuality('s1', { at: 0, mos: 4.36, lossPct: 0.4, jitterMs: 3.2, rttMs: 41, level: 'good' }));
    const badge = screen.getByRole('img', { name: /Call quality: good/ });
    expect(badge.textContent).toBe('good');
    expect(badge.getAttribute('title')).toBe('MOS 4.4, packet loss 0.4 %, jitter 3 ms, round trip 41 ms');
    expect(badge.getAttribute('aria-label')).toContain('MOS 4.4');
    act(() => publishQuality('s1', { at: 2, mos: 2.9, lossPct: 7, jitterMs: 40, level: 'poor' }));
    expect(screen.getByTestId('quality-badge').dataset['level']).toBe('poor');
    expect(screen.getByTestId('quality-badge').getAttribute('title')).toContain('round trip unknown ms');
    act(() => publishQuality('s1', null));
    expect(screen.queryByTestId('quality-badge')).toBeNull();
  });
});

describe('device notices', () => {
  it('announces a device that vanished, in a status region, in both languages', async () => {
    inEnglish(<DeviceNotices />);
    const region = screen.getByRole('status');
    act(() => publishDeviceNotice({ kind: 'fell-back', role: 'microphone', label: 'Jabra Evolve2 40' }));
    expect(region.textContent).toContain('“Jabra Evolve2 40” was disconnected; using the default microphone.');
    await userEvent.setup().click(within(region).getByRole('button', { name: 'Dismiss' }));
    expect(region.textContent).toBe('');
    cleanup();

    render(
      <I18nextProvider i18n={createI18n('vi')}>
        <DeviceNotices />
      </I18nextProvider>,
    );
    act(() => publishDeviceNotice({ kind: 'fell-back', role: 'speaker', label: '' }));
    expect(screen.getByRole('status').textContent).toContain('Loa bạn chọn đã bị ngắt; đang dùng loa mặc định.');
  });
});

describe('SIP status', () => {
  it('shows offline with why, and a refusal with the server answer', () => {
    inEnglish(<SipStatus />);
    act(() => usePhoneStore.setState({ registration: { kind: 'offline', cause: 'server-unreachable' } }));
    const status = screen.getByTestId('sip-status');
    expect(status.dataset['state']).toBe('offline');
    expect(status.textContent).toContain('offline');
    expect(status.getAttribute('title')).toBe('Cannot reach the SIP server. Reconnecting…');
    act(() =>
      usePhoneStore.setState({ registration: { kind: 'failed', reason: 'Rejected', serverReply: '403 Forbidden' } }),
    );
    expect(status.getAttribute('title')).toBe('The SIP server refused the registration: 403 Forbidden.');
  });
});

describe('audio device settings', () => {
  const devices = [
    { deviceId: 'default', kind: 'audioinput', label: 'Default - Built-in Microphone', groupId: 'g0' },
    { deviceId: 'mic-laptop', kind: 'audioinput', label: 'Built-in Microphone', groupId: 'g1' },
    { deviceId: 'mic-headset', kind: 'audioinput', label: 'Jabra Evolve2 40', groupId: 'g2' },
    { deviceId: 'spk-laptop', kind: 'audiooutput', label: 'Built-in Speakers', groupId: 'g1' },
    { deviceId: 'spk-headset', kind: 'audiooutput', label: 'Jabra Evolve2 40 Headphones', groupId: 'g2' },
  ];

  beforeEach(() => {
    useSettingsStore.setState(initialSettingsState);
    useNavigationStore.setState({ screen: 'settings' });
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        enumerateDevices: () => Promise.resolve(devices),
        getUserMedia: () => Promise.reject(new Error('no microphone in tests')),
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  });

  it('lists the devices by name after "System default", keeps a chosen one that is unplugged, and saves the choice', async () => {
    const host = createFakeHost(makeView({ values: { language: 'en', ringerId: 'spk-usb-gone' } }));
    installFakeHost(host);
    const user = userEvent.setup();
    render(<App i18n={createI18n('en')} />);
    const microphone = await screen.findByLabelText<HTMLSelectElement>('Microphone');
    await screen.findByRole('option', { name: 'Jabra Evolve2 40' });
    expect([...microphone.options].map((o) => o.text)).toEqual([
      'System default',
      'Built-in Microphone',
      'Jabra Evolve2 40',
    ]);
    const ringer = screen.getByLabelText<HTMLSelectElement>('Ringer');
    expect(ringer.value).toBe('spk-usb-gone');
    expect([...ringer.options].map((o) => o.text)).toEqual([
      'System default',
      'Built-in Speakers',
      'Jabra Evolve2 40 Headphones',
      'Chosen device (not connected)',
    ]);

    await user.selectOptions(microphone, 'mic-headset');
    await user.selectOptions(screen.getByLabelText('Speaker (call audio)'), 'spk-headset');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(host.saved).toEqual([{ microphoneId: 'mic-headset', speakerId: 'spk-headset' }]);
  });
});
