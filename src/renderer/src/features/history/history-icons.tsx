import type { ReactElement } from 'react';

import { Icon as LineIcon } from '../../ui/icons';

/** The History screen's icons: the app's line icons, a little smaller in dense rows. */
function Icon({ children, size = 18 }: { children: ReactElement | ReactElement[]; size?: number }): ReactElement {
  return <LineIcon size={size}>{children}</LineIcon>;
}

export const CallBackIcon = (): ReactElement => (
  <Icon>
    <path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z" />
  </Icon>
);

export const ExternalIcon = (): ReactElement => (
  <Icon>
    <path d="M14 4h6v6" />
    <path d="M20 4 11 13" />
    <path d="M19 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1h5" />
  </Icon>
);

export const CopyIcon = (): ReactElement => (
  <Icon>
    <rect x="9" y="9" width="11" height="11" rx="2" />
    <path d="M5 15V5a1 1 0 0 1 1-1h9" />
  </Icon>
);

export const CheckIcon = (): ReactElement => (
  <Icon>
    <path d="M20 6 9 17l-5-5" />
  </Icon>
);

export const StarIcon = ({ filled }: { filled: boolean }): ReactElement => (
  <svg
    className="icon"
    viewBox="0 0 24 24"
    width="18"
    height="18"
    fill={filled ? 'currentColor' : 'none'}
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z" />
  </svg>
);

export const PlayIcon = (): ReactElement => (
  <Icon>
    <path d="M7 5v14l12-7z" />
  </Icon>
);

export const CloseIcon = (): ReactElement => (
  <Icon>
    <path d="M6 6l12 12" />
    <path d="M18 6 6 18" />
  </Icon>
);

export const ChevronIcon = ({ open }: { open: boolean }): ReactElement => (
  <Icon>{open ? <path d="m6 15 6-6 6 6" /> : <path d="m6 9 6 6 6-6" />}</Icon>
);

export const RefreshIcon = (): ReactElement => (
  <Icon>
    <path d="M20 11a8 8 0 1 0-2.3 5.7" />
    <path d="M20 4v7h-7" />
  </Icon>
);

export const ExportIcon = (): ReactElement => (
  <Icon>
    <path d="M12 3v12" />
    <path d="m7 10 5 5 5-5" />
    <path d="M5 21h14" />
  </Icon>
);

export const SearchIcon = (): ReactElement => (
  <Icon size={16}>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-4-4" />
  </Icon>
);

/** Arrow into the company (inbound), out of it (outbound), or both ways (internal). */
export const DirectionIcon = ({ direction }: { direction: 'inbound' | 'outbound' | 'internal' }): ReactElement => (
  <Icon size={16}>
    {direction === 'inbound'
      ? [<path key="l" d="M17 7 7 17" />, <path key="h" d="M15 17H7V9" />]
      : direction === 'outbound'
        ? [<path key="l" d="M7 17 17 7" />, <path key="h" d="M9 7h8v8" />]
        : [<path key="a" d="M4 9h14l-3-3" />, <path key="b" d="M20 15H6l3 3" />]}
  </Icon>
);

export const RecordingIcon = (): ReactElement => (
  <Icon size={16}>
    <rect x="9" y="3" width="6" height="11" rx="3" />
    <path d="M5 11a7 7 0 0 0 14 0" />
    <path d="M12 18v3" />
  </Icon>
);
