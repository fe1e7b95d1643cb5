import type { ReactElement, ReactNode } from 'react';

export const SCREEN_HEADING_ID = 'screen-heading';

/**
 * Every screen's title. Focusable (but not in the tab order) so navigation can move focus
 * here and screen readers announce where the user landed.
 */
export function ScreenHeading({ title, children }: { title: string; children?: ReactNode }): ReactElement {
  return (
    <div className="screen-heading">
      <h1 id={SCREEN_HEADING_ID} tabIndex={-1}>
        {title}
      </h1>
      {children ? <p className="screen-heading__intro">{children}</p> : null}
    </div>
  );
}
