export {
  createConnectionCheck,
  DEFAULT_CHECK_TIMING,
  type ConnectionCheck,
  type ConnectionCheckDeps,
  type ConnectionCheckTiming,
} from './connection-check';
export type { RegistrationSource, PhoneRegistration } from './sip-step';
