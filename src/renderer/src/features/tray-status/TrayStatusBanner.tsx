import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useHostSync } from '../../api';
import { reachabilityWords, reasonText } from './reachability-text';
import { useTrayStatusStore } from './tray-status-store';
import './tray-status.css';

/**
 * Where the desktop shows no tray icon (GNOME without the AppIndicator extension, a Wayland
 * session without a StatusNotifier host), the window shows what the icon would: whether calls
 * can reach the agent and why not, and says why it is here. Nothing elsewhere.
 */
export function TrayStatusBanner(): ReactElement | null {
  const { t } = useTranslation();
  const status = useTrayStatusStore((s) => s.status);
  const load = useTrayStatusStore((s) => s.load);
  const followHost = useTrayStatusStore((s) => s.followHost);
  useHostSync(followHost, load);

  if (status?.availability.kind !== 'missing') return null;
  const { reachability, availability } = status;
  const desktop = availability.desktop === '' ? t('tray.banner.unknownDesktop') : availability.desktop;
  return (
    <section
      className={`tray-status tray-status--${reachability.kind}`}
      aria-label={t('tray.banner.label')}
      data-testid="tray-status"
      data-state={reachability.kind}
    >
      <p className="tray-status__state" role="status">
        <span className="tray-status__dot" aria-hidden="true" />
        <strong>{reachabilityWords(reachability, t)}</strong>
        {reachability.kind === 'unreachable' ? (
          <span className="tray-status__reasons">
            {': '}
            {reachability.reasons.map((reason) => reasonText(reason, t)).join('; ')}
          </span>
        ) : null}
      </p>
      <p className="tray-status__why">
        {t(`tray.banner.why.${availability.reason}`, { desktop })} {t('tray.banner.close')}
      </p>
    </section>
  );
}
