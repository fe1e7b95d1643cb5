import type { ReactElement, ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: ReactElement;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}): ReactElement {
  return (
    <div className="empty-state">
      <div className="empty-state__icon">{icon}</div>
      <h2 className="empty-state__title">{title}</h2>
      <p className="empty-state__body">{children}</p>
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
