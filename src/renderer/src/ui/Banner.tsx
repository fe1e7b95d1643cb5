import { useId, type ReactElement, type ReactNode } from 'react';
import { AlertIcon, CheckIcon } from './icons';

export type BannerTone = 'error' | 'warning' | 'info' | 'success';

/**
 * A message across the top of a screen. Errors that need attention now use role="alert";
 * everything else is a polite status, so screen readers are not interrupted.
 */
export function Banner({
  tone,
  title,
  children,
}: {
  tone: BannerTone;
  title?: string;
  children?: ReactNode;
}): ReactElement {
  const titleId = useId();
  return (
    <div
      className={`banner banner--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      aria-labelledby={title ? titleId : undefined}
    >
      <span className="banner__icon">{tone === 'success' ? <CheckIcon /> : <AlertIcon />}</span>
      <div className="banner__body">
        {title ? (
          <p className="banner__title" id={titleId}>
            {title}
          </p>
        ) : null}
        {children}
      </div>
    </div>
  );
}
