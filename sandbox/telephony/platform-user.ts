import { PLATFORM_HEADER } from '../kamailio-config';

/** The SIP user the platform phone registers as; Kamailio routes calls to unregistered users there. */
export const PLATFORM_SIP_USER = 'platform';

/** Marks the platform's own INVITEs, so Kamailio answers 480 for an offline user instead of looping them back. */
export const PLATFORM_HEADER_LINE = `${PLATFORM_HEADER}: 1`;
