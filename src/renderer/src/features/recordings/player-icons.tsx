import type { ReactElement } from 'react';

import { Icon } from '../../ui/icons';

/** The player's icons: the app's line icons, a little smaller beside the slider. */
function PlayerIcon({ children }: { children: ReactElement | ReactElement[] }): ReactElement {
  return <Icon size={18}>{children}</Icon>;
}

export const PlayIcon = (): ReactElement => (
  <PlayerIcon>
    <path d="M7 4.5v15l12.5-7.5z" fill="currentColor" />
  </PlayerIcon>
);

export const PauseIcon = (): ReactElement => (
  <PlayerIcon>
    <rect x="6" y="4.5" width="4" height="15" rx="1" fill="currentColor" />
    <rect x="14" y="4.5" width="4" height="15" rx="1" fill="currentColor" />
  </PlayerIcon>
);

export const DownloadIcon = (): ReactElement => (
  <PlayerIcon>
    <path d="M12 4v11" />
    <path d="m7 10 5 5 5-5" />
    <path d="M5 20h14" />
  </PlayerIcon>
);

export const RetryIcon = (): ReactElement => (
  <PlayerIcon>
    <path d="M20 12a8 8 0 1 1-2.3-5.7L20 8.5" />
    <path d="M20 3.5v5h-5" />
  </PlayerIcon>
);
