import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { HISTORY_DIRECTIONS, HISTORY_SEARCH_MAX, HISTORY_STATUSES } from '../../../../shared/history';
import { CloseIcon, ExportIcon, SearchIcon } from './history-icons';
import { activeFilterCount, type HistoryScope, type RecordingFilter } from './history-filters';
import { useHistoryStore, type HistoryMode } from './history-store';

const MODES: readonly HistoryMode[] = ['calls', 'groups'];
const RECORDING_FILTERS: readonly RecordingFilter[] = ['any', 'with', 'without'];
const SCOPES: readonly HistoryScope[] = ['company', 'mine'];

/** Search, how to list (every call or by number), whose calls, and export. */
export function HistoryToolbar(): ReactElement {
  const { t } = useTranslation();
  const searchId = useId();
  const scopeId = useId();
  const searchText = useHistoryStore((s) => s.searchText);
  const setSearchText = useHistoryStore((s) => s.setSearchText);
  const mode = useHistoryStore((s) => s.mode);
  const setMode = useHistoryStore((s) => s.setMode);
  const scope = useHistoryStore((s) => s.filters.scope);
  const setFilters = useHistoryStore((s) => s.setFilters);
  const exporting = useHistoryStore((s) => s.exporting.kind === 'running');
  const exportView = useHistoryStore((s) => s.exportView);

  return (
    <div className="history-toolbar">
      <div className="history-search">
        <label htmlFor={searchId} className="visually-hidden">
          {t('history.search')}
        </label>
        <SearchIcon />
        <input
          id={searchId}
          type="search"
          className="input history-search__input"
          placeholder={t('history.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={HISTORY_SEARCH_MAX}
          value={searchText}
          onChange={(event) => setSearchText(event.currentTarget.value)}
        />
      </div>
      <div className="history-segmented" role="group" aria-label={t('history.modeLabel')}>
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            className={`history-segmented__option${mode === m ? ' history-segmented__option--on' : ''}`}
            aria-pressed={mode === m}
            onClick={() => setMode(m)}
          >
            {t(`history.mode.${m}`)}
          </button>
        ))}
      </div>
      <div className="history-field history-field--inline">
        <label htmlFor={scopeId}>{t('history.scopeLabel')}</label>
        <select
          id={scopeId}
          className="input history-select"
          value={scope}
          onChange={(event) => setFilters({ scope: event.currentTarget.value === 'mine' ? 'mine' : 'company' })}
        >
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`history.scope.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button history-toolbar__export"
        disabled={exporting}
        onClick={() => void exportView()}
        data-testid="history-export"
      >
        <ExportIcon />
        {exporting ? t('history.exporting') : t('history.export')}
      </button>
    </div>
  );
}

/** Direction and outcome chips, queue, recording, date range: each narrows the list at once. */
export function HistoryFilterBar(): ReactElement {
  const { t } = useTranslation();
  const ids = useId();
  const filters = useHistoryStore((s) => s.filters);
  const number = useHistoryStore((s) => s.number);
  const queues = useHistoryStore((s) => s.queues);
  const setFilters = useHistoryStore((s) => s.setFilters);
  const toggleDirection = useHistoryStore((s) => s.toggleDirection);
  const toggleStatus = useHistoryStore((s) => s.toggleStatus);
  const clearFilters = useHistoryStore((s) => s.clearFilters);
  const showNumber = useHistoryStore((s) => s.showNumber);
  const active = activeFilterCount(filters) + (number ? 1 : 0);
  const knownQueue = filters.queueId === '' || queues.some((q) => q.id === filters.queueId);

  return (
    <div className="history-filters">
      <div className="history-chips" role="group" aria-label={t('history.filter.direction')}>
        <span className="history-chips__label" aria-hidden="true">
          {t('history.filter.direction')}
        </span>
        {HISTORY_DIRECTIONS.map((direction) => (
          <button
            key={direction}
            type="button"
            className="history-chip"
            aria-pressed={filters.directions.includes(direction)}
            onClick={() => toggleDirection(direction)}
          >
            {t(`history.direction.${direction}`)}
          </button>
        ))}
      </div>
      <div className="history-chips" role="group" aria-label={t('history.filter.status')}>
        <span className="history-chips__label" aria-hidden="true">
          {t('history.filter.status')}
        </span>
        {HISTORY_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={`history-chip history-chip--${status}`}
            aria-pressed={filters.statuses.includes(status)}
            onClick={() => toggleStatus(status)}
          >
            {t(`history.status.${status}`)}
          </button>
        ))}
      </div>
      <div className="history-filters__fields">
        <div className="history-field">
          <label htmlFor={`${ids}-queue`}>{t('history.filter.queue')}</label>
          {queues.length > 0 && knownQueue ? (
            <select
              id={`${ids}-queue`}
              className="input history-select"
              value={filters.queueId}
              onChange={(event) => setFilters({ queueId: event.currentTarget.value })}
            >
              <option value="">{t('history.filter.allQueues')}</option>
              {queues.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.name}
                </option>
              ))}
            </select>
          ) : (
            // The queue list comes from the dashboard; without it, a queue id can still be typed.
            <input
              id={`${ids}-queue`}
              className="input history-select"
              placeholder={t('history.filter.queueId')}
              maxLength={200}
              value={filters.queueId}
              onChange={(event) => setFilters({ queueId: event.currentTarget.value })}
            />
          )}
        </div>
        <div className="history-field">
          <label htmlFor={`${ids}-recording`}>{t('history.filter.recording')}</label>
          <select
            id={`${ids}-recording`}
            className="input history-select"
            value={filters.recording}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setFilters({ recording: value === 'with' || value === 'without' ? value : 'any' });
            }}
          >
            {RECORDING_FILTERS.map((r) => (
              <option key={r} value={r}>
                {t(`history.filter.recordingOption.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="history-field" role="group" aria-labelledby={`${ids}-dates`}>
          <span id={`${ids}-dates`} className="history-field__label">
            {t('history.filter.dates')}
          </span>
          <label htmlFor={`${ids}-from`} className="visually-hidden">
            {t('history.filter.from')}
          </label>
          <input
            id={`${ids}-from`}
            type="date"
            className="input history-date"
            value={filters.fromDate}
            max={filters.toDate || undefined}
            onChange={(event) => setFilters({ fromDate: event.currentTarget.value })}
          />
          <span aria-hidden="true">–</span>
          <label htmlFor={`${ids}-to`} className="visually-hidden">
            {t('history.filter.to')}
          </label>
          <input
            id={`${ids}-to`}
            type="date"
            className="input history-date"
            value={filters.toDate}
            min={filters.fromDate || undefined}
            onChange={(event) => setFilters({ toDate: event.currentTarget.value })}
          />
        </div>
        {number ? (
          <span className="history-number-chip" data-testid="history-number-filter">
            {t('history.onlyNumber', { number: number.display })}
            <button
              type="button"
              className="history-icon-button"
              aria-label={t('history.clearNumber', { number: number.display })}
              title={t('history.clearNumber', { number: number.display })}
              onClick={() => showNumber(null)}
            >
              <CloseIcon />
            </button>
          </span>
        ) : null}
        {active > 0 ? (
          <button type="button" className="button button--quiet history-filters__clear" onClick={clearFilters}>
            {t('history.clearFilters')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
