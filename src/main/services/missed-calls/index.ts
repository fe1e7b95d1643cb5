export { createMissedCallLog, type MissedCallLog } from './missed-call-log';
export { createMissedCallKeeper, type MissedCallKeeper } from './missed-call-keeper';
