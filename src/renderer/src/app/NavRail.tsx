import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DemoBadge } from '../features/demo/DemoBadge';
import { useUnseenMissedStore } from '../features/history/unseen-missed-store';
import { DashboardIcon, HistoryIcon, PhoneIcon, SettingsIcon } from '../ui/icons';
import { SCREENS, useNavigationStore, type Screen } from './navigation-store';

const ICONS: Record<Screen, () => ReactElement> = {
  phone: PhoneIcon,
  history: HistoryIcon,
  dashboard: DashboardIcon,
  settings: SettingsIcon,
};

/** Main navigation. Tab reaches every item; arrow keys, Home and End move between them. */
export function NavRail(): ReactElement {
  const { t } = useTranslation();
  const screen = useNavigationStore((state) => state.screen);
  const go = useNavigationStore((state) => state.go);
  const listRef = useRef<HTMLUListElement>(null);
  const unseenMissed = useUnseenMissedStore((state) => state.count);
  const followMissed = useUnseenMissedStore((state) => state.follow);
  // Here, not in History: the badge counts while other screens are shown.
  useEffect(() => followMissed(), [followMissed]);

  function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    const last = buttons.length - 1;
    const target =
      event.key === 'ArrowDown'
        ? current === last
          ? 0
          : current + 1
        : event.key === 'ArrowUp'
          ? current === 0
            ? last
            : current - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (target === null) return;
    event.preventDefault();
    buttons[target]?.focus();
  }

  return (
    <nav className="nav-rail" aria-label={t('nav.label')}>
      <ul ref={listRef} onKeyDown={moveFocus}>
        {SCREENS.map((name) => {
          const Icon = ICONS[name];
          const active = name === screen;
          return (
            <li key={name}>
              <button
                type="button"
                className={`nav-rail__item${active ? ' nav-rail__item--active' : ''}`}
                aria-current={active ? 'page' : undefined}
                onClick={() => go(name)}
              >
                <Icon />
                <span>{t(`nav.${name}`)}</span>
                {name === 'history' && unseenMissed > 0 ? (
                  <span className="nav-rail__badge" data-testid="history-missed-badge">
                    <span aria-hidden="true">{unseenMissed > 99 ? '99+' : unseenMissed}</span>
                    <span className="visually-hidden">{t('history.unseenMissed', { count: unseenMissed })}</span>
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
      <DemoBadge />
    </nav>
  );
}
