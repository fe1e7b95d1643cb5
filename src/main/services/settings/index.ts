export { createSettingsService, type SettingsService, type SettingsServiceOptions } from './settings-service';
export { unavailableSecretBox, type SecretBox } from './secret-box';
export { confDocument, openConfDocument, type ConfLike } from './conf-document';
export { prepareSettingsFile, SETTINGS_FILE_MODE, SETTINGS_FILE_NAME, settingsFilePath } from './settings-file';
export { resolveDataDir, PRODUCT_NAME } from './data-dir';
export { memoryDocument, type SettingsDocument, type StoredSettings } from './stored-settings';
