import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingSource } from '../../../../shared/settings';
import { LockIcon } from '../../ui/icons';

export interface FieldFrameProps {
  readonly id: string;
  readonly label: string;
  readonly help?: string;
  /** Where a locked value came from; undefined when the user may edit it. */
  readonly lockedBy?: SettingSource;
  readonly error?: string;
  readonly badge?: ReactNode;
  readonly layout?: 'stacked' | 'inline';
  /** Renders the control, given the ids its aria-describedby should point at. */
  readonly children: (describedBy: string | undefined) => ReactNode;
}

/** Label, control, help, "set by IT" note and error for one setting, wired for assistive tech. */
export function FieldFrame({
  id,
  label,
  help,
  lockedBy,
  error,
  badge,
  layout = 'stacked',
  children,
}: FieldFrameProps): ReactElement {
  const { t } = useTranslation();
  const helpId = help ? `${id}-help` : undefined;
  const lockId = lockedBy ? `${id}-locked` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, lockId, helpId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field field--${layout}${error ? ' field--invalid' : ''}${lockedBy ? ' field--locked' : ''}`}>
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        {badge}
      </div>
      <div className="field__control">{children(describedBy)}</div>
      {lockedBy ? (
        <p className="field__locked" id={lockId}>
          <LockIcon />
          <span>{t(lockedBy === 'env' ? 'settings.lockedEnv' : 'settings.lockedFile')}</span>
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {help ? (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      ) : null}
    </div>
  );
}
