import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceNotice } from '../../sip/audio-devices';
import { useMediaStore } from '../../sip/media-store';
import './phone-media.css';

function noticeText(notice: DeviceNotice, t: (key: string, values?: Record<string, string>) => string): string {
  if (notice.kind === 'switch-failed') return t(`phone.devices.switchFailed.${notice.role}`);
  return notice.label
    ? t(`phone.devices.fellBack.${notice.role}`, { label: notice.label })
    : t(`phone.devices.fellBackUnnamed.${notice.role}`);
}

/**
 * "Your headset was disconnected; using the default microphone": what the device manager had
 * to do by itself. The container is always there, so screen readers announce each new notice.
 */
export function DeviceNotices(): ReactElement {
  const { t } = useTranslation();
  const notices = useMediaStore((s) => s.notices);
  const dismiss = useMediaStore((s) => s.dismissNotice);
  return (
    <div className="device-notices" role="status" data-testid="device-notices">
      {notices.map((notice) => (
        <p key={notice.role} className="device-notice" data-role={notice.role}>
          <span>{noticeText(notice, (key, values) => t(key, values ?? {}))}</span>
          <button type="button" className="button button--quiet" onClick={() => dismiss(notice.role)}>
            {t('phone.devices.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
