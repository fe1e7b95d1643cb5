export { noopLogger, type Logger, type LogFields } from '../logger';
