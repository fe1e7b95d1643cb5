export { createCallLog, CALL_LOG_FILE, type CallLog, type CallLogOptions } from './call-log';
