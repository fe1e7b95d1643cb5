export { createTrayStatus, type TrayStatusService, type TrayStatusSources } from './tray-status';
