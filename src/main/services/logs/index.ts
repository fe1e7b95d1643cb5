export { createLogsService, logsFolderOf, type LogsService, type OpenFolder } from './logs-service';
