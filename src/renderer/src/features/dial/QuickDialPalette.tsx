import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { appError, messageFor, type AppError } from '../../../../shared/errors';
import { antring } from '../../api';
import { meFrom } from '../history/row-model';
import { useColleaguesStore } from '../phone/colleagues-store';
import { selectView, useSettingsStore } from '../settings/settings-store';
import { buildPaletteEntries, type PaletteEntry, type PaletteSection } from './palette-model';
import { ModalDialog } from './ModalDialog';
import { useRecentNumbers } from './recent-numbers';

const SECTIONS: readonly PaletteSection[] = ['number', 'colleagues', 'favourites', 'recent'];

const hostFailed = (): AppError =>
  appError('internal', 'The app could not be reached. Try again.', 'Không liên lạc được với ứng dụng. Hãy thử lại.');

/**
 * Ctrl/Cmd+K: type a name, an extension or a number; arrows choose, Enter dials (through the
 * host's dial service, the same path as links), Esc closes. The button under the list adds the
 * chosen number to the favourites or removes it.
 */
export function QuickDialPalette({ onClose }: { onClose: () => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const listId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const colleagues = useColleaguesStore((s) => s.colleagues);
  const loadColleagues = useColleaguesStore((s) => s.load);
  const view = useSettingsStore(selectView);
  const favourites = view?.values.favourites;
  const favouritesLocked = view?.sources.favourites === 'env' || view?.sources.favourites === 'file';
  const recent = useRecentNumbers();
  const language = i18n.language === 'en' ? 'en' : 'vi';

  useEffect(() => {
    void loadColleagues();
  }, [loadColleagues]);

  const sipUser = view?.values.sipUser ?? '';
  const entries = useMemo(
    () =>
      buildPaletteEntries({
        query,
        colleagues,
        favourites: favourites ?? [],
        recent,
        ownExtensions: meFrom(sipUser, colleagues).extensions,
      }),
    [query, colleagues, favourites, recent, sipUser],
  );
  const activeIndex = entries.length === 0 ? -1 : Math.min(active, entries.length - 1);
  const chosen = activeIndex >= 0 ? entries[activeIndex] : undefined;
  const optionId = (entry: PaletteEntry): string => `${listId}-${entry.id}`;

  const dial = async (entry: PaletteEntry | undefined): Promise<void> => {
    if (!entry || busy) return;
    setBusy(true);
    const result = await antring()
      .dialNumber({ text: entry.dial, source: 'palette' })
      .catch(() => ({ ok: false as const, error: hostFailed() }));
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };

  const toggleFavourite = async (entry: PaletteEntry | undefined): Promise<void> => {
    if (!entry) return;
    const result = await antring()
      .setFavourite({ number: entry.dial, favourite: !entry.favourite })
      .catch(() => ({ ok: false as const, error: hostFailed() }));
    // The list follows the settings the host pushes after the save.
    setError(result.ok ? null : result.error);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (entries.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((Math.max(activeIndex, 0) + step + entries.length) % entries.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      void dial(chosen);
    }
  };

  return (
    <ModalDialog
      labelledBy={titleId}
      onEscape={onClose}
      initialFocus={input}
      className="dial-palette"
      testId="dial-palette"
    >
      <h2 className="dial-dialog__title" id={titleId}>
        {t('dial.palette.title')}
      </h2>
      <input
        ref={input}
        className="input dial-palette__input"
        type="text"
        role="combobox"
        aria-expanded={entries.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={chosen ? optionId(chosen) : undefined}
        aria-describedby={hintId}
        aria-label={t('dial.palette.inputLabel')}
        placeholder={t('dial.palette.placeholder')}
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setError(null);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="dial-palette__list" id={listId} role="listbox" aria-label={t('dial.palette.listLabel')}>
        {SECTIONS.map((section) => {
          const items = entries.filter((entry) => entry.section === section);
          if (items.length === 0) return null;
          const headingId = `${listId}-${section}`;
          return (
            <div key={section} role="group" aria-labelledby={headingId}>
              <div className="dial-palette__section" id={headingId} role="presentation">
                {t(`dial.palette.section.${section}`)}
              </div>
              {items.map((entry) => {
                const selected = entry === chosen;
                return (
                  <div
                    key={entry.id}
                    id={optionId(entry)}
                    role="option"
                    aria-selected={selected}
                    className={`dial-palette__option${selected ? ' dial-palette__option--active' : ''}`}
                    data-testid="dial-palette-option"
                    // The input keeps focus: a click picks without moving it away.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => void dial(entry)}
                  >
                    <span className="dial-palette__label">
                      {entry.favourite ? (
                        <span className="dial-palette__star" aria-hidden="true">
                          ★{' '}
                        </span>
                      ) : null}
                      {entry.label}
                    </span>
                    {entry.detail ? <span className="dial-palette__detail">{entry.detail}</span> : null}
                    {entry.favourite ? (
                      <span className="dial-visually-hidden">{t('dial.palette.isFavourite')}</span>
                    ) : null}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
      {entries.length === 0 ? (
        <p className="dial-palette__empty" role="status">
          {query.trim() === '' ? t('dial.palette.nothingYet') : t('dial.palette.noMatch')}
        </p>
      ) : null}
      {error ? (
        <p className="dial-dialog__problem" role="alert" data-testid="dial-palette-error">
          {messageFor(error, language)}
        </p>
      ) : null}
      <div className="dial-dialog__actions dial-palette__actions">
        <p className="dial-palette__hint" id={hintId}>
          {t('dial.palette.hint')}
        </p>
        <button
          type="button"
          className="button button--quiet"
          disabled={!chosen || favouritesLocked}
          title={favouritesLocked ? t('dial.favourite.locked') : undefined}
          data-testid="dial-palette-favourite"
          onClick={() => void toggleFavourite(chosen)}
        >
          {chosen
            ? t(chosen.favourite ? 'dial.favourite.remove' : 'dial.favourite.add', { number: chosen.label })
            : t('dial.favourite.none')}
        </button>
      </div>
    </ModalDialog>
  );
}
