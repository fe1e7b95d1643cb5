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

/** Why registration failed, for people; undefined when it did not fail. */
export function registrationProblem(state: RegistrationState, t: TFunction): string | undefined {
  if (state.kind !== 'failed') return undefined;
  return KNOWN_CAUSES.has(state.reason)
    ? t(`sip.cause.${state.reason}`)
    : t('sip.cause.other', { cause: state.reason });
}
