export { createPhoneRelay, type PhoneRelay } from './phone-relay';
