export { createSettingsService, type SettingsService, type SettingsServiceOptions } from './settings-service';
export { unavailableSecretBox, type SecretBox } from './secret-box';
export { confDocument, openConfDocument, SETTINGS_FILE_NAME, type ConfLike } from './conf-document';
export { resolveDataDir, PRODUCT_NAME } from './data-dir';
export type { SettingsDocument, StoredSettings } from './stored-settings';
