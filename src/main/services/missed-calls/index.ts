export { createMissedCallLog, type MissedCallLog } from './missed-call-log';
