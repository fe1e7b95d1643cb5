import type { TFunction } from 'i18next';
import type { RegistrationState } from '../../sip/phone-state';

/** JsSIP causes with a sentence of their own; any other cause is quoted in a generic one. */
const KNOWN_CAUSES = new Set([
  'Authentication Error',
  'Connection Error',
  'Request Timeout',
  'Configuration Error',
  'Credentials Unavailable',
]);

/**
 * Why the phone cannot take calls, for people; undefined when it can (or is on its way). A
 * refusal quotes the server's own answer (`403 Forbidden`) when it gave one; offline says
 * whether the network or the server is missing.
 */
export function registrationProblem(state: RegistrationState, t: TFunction): string | undefined {
  switch (state.kind) {
    case 'offline':
      return t(`sip.offline.${state.cause}`);
    case 'failed': {
      const known = KNOWN_CAUSES.has(state.reason);
      if (state.serverReply && state.reason !== 'Authentication Error')
        return t('sip.cause.server', { reply: state.serverReply });
      return known ? t(`sip.cause.${state.reason}`) : t('sip.cause.other', { cause: state.reason });
    }
    default:
      return undefined;
  }
}
