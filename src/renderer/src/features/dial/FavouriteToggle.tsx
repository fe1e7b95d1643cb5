import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { appError, messageFor, type AppError } from '../../../../shared/errors';
import { phoneKey } from '../../../../shared/phone';
import { antring } from '../../api';
import { selectView, useSettingsStore } from '../settings/settings-store';

const hostFailed = (): AppError =>
  appError('internal', 'The app could not be reached. Try again.', 'Không liên lạc được với ứng dụng. Hãy thử lại.');

/**
 * Adds a number to the favourites or removes it (the popup's caller, for one), through the host,
 * which toggles it atomically: this window's copy of the settings may be older than another's.
 * Read-only with a note when IT sets the favourites.
 */
export function FavouriteToggle({ number, display }: { number: string; display: string }): ReactElement {
  const { t, i18n } = useTranslation();
  const view = useSettingsStore(selectView);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const key = phoneKey(number);
  const favourite = view?.values.favourites.some((entry) => phoneKey(entry) === key) ?? false;
  const locked = view?.sources.favourites === 'env' || view?.sources.favourites === 'file';
  const label = t(favourite ? 'dial.favourite.remove' : 'dial.favourite.add', { number: display });

  const toggle = async (): Promise<void> => {
    setBusy(true);
    const result = await antring()
      .setFavourite({ number, favourite: !favourite })
      .catch(() => ({ ok: false as const, error: hostFailed() }));
    setBusy(false);
    // The star follows the settings the host pushes after the save.
    setError(result.ok ? null : result.error);
  };

  return (
    <>
      <button
        type="button"
        className={`button button--quiet dial-favourite${favourite ? ' dial-favourite--on' : ''}`}
        disabled={locked || busy || view === null}
        title={locked ? t('dial.favourite.locked') : label}
        data-testid="favourite-toggle"
        onClick={() => void toggle()}
      >
        <span aria-hidden="true">{favourite ? '★' : '☆'}</span> {label}
      </button>
      {error ? (
        <p className="dial-favourite__error" role="alert">
          {messageFor(error, i18n.language === 'en' ? 'en' : 'vi')}
        </p>
      ) : null}
    </>
  );
}
