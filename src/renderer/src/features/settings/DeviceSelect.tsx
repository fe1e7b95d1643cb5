import { useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { listDevices, type AudioDeviceKind } from '../../sip/audio-devices';
import { PHONE_SOUNDS } from '../../sip/sounds';
import type { AudioDeviceList } from './use-audio-devices';
import './device-select.css';

export interface DeviceSelectProps {
  readonly id: string;
  readonly value: string;
  readonly deviceKind: AudioDeviceKind;
  readonly devices: AudioDeviceList;
  readonly locked: boolean;
  readonly describedBy: string | undefined;
  readonly onChange: (deviceId: string) => void;
}

/** Whether this browser can send audio to a chosen output (HTMLMediaElement.setSinkId). */
function canChooseOutput(): boolean {
  return typeof HTMLMediaElement === 'function' && 'setSinkId' in HTMLMediaElement.prototype;
}

/**
 * One audio device setting: "System default" first, then this computer's devices by name. A
 * chosen device that is not plugged in now stays selectable, marked as not connected, so
 * saving another setting never loses it.
 */
export function DeviceSelect({
  id,
  value,
  deviceKind,
  devices,
  locked,
  describedBy,
  onChange,
}: DeviceSelectProps): ReactElement {
  const { t } = useTranslation();
  const testAudio = useRef<HTMLAudioElement | null>(null);
  const listed = listDevices(devices.devices, deviceKind);
  const present = value === '' || listed.some((d) => d.deviceId === value);
  const output = deviceKind === 'audiooutput';
  const outputChoice = !output || canChooseOutput();

  const playTest = async (): Promise<void> => {
    testAudio.current?.pause();
    const audio = new Audio(PHONE_SOUNDS.ringtone);
    testAudio.current = audio;
    const withSink = audio as HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void> };
    try {
      if (typeof withSink.setSinkId === 'function') await withSink.setSinkId(value);
      await audio.play();
    } catch {
      // The device is gone or the browser refused: nothing to hear, nothing to break.
    }
  };

  return (
    <div className="device-select">
      <select
        id={id}
        className="input select"
        value={value}
        disabled={locked || !outputChoice}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`device-select-${id}`}
      >
        <option value="">{t('settings.devices.systemDefault')}</option>
        {listed.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t(`settings.devices.unnamed.${deviceKind}`, { n: index + 1 })}
          </option>
        ))}
        {present ? null : (
          <option value={value}>
            {t('settings.devices.notConnected', { label: t('settings.devices.chosenDevice') })}
          </option>
        )}
      </select>
      {!outputChoice ? <p className="field__help">{t('settings.devices.noOutputChoice')}</p> : null}
      <div className="device-select__actions">
        {devices.namesHidden ? (
          <>
            <button type="button" className="button button--quiet" onClick={() => void devices.revealNames()}>
              {t('settings.devices.showNames')}
            </button>
            <span className="field__help">{t('settings.devices.namesHelp')}</span>
          </>
        ) : null}
        {output && outputChoice ? (
          <button type="button" className="button button--quiet" onClick={() => void playTest()}>
            {t('settings.devices.test')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
