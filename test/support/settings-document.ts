import { openConfDocument, type SettingsDocument } from '../../src/main/services/settings';

/** The headless settings document for a test's data folder; a test folder is always readable. */
export function testSettingsDocument(dataDir: string): SettingsDocument {
  const opened = openConfDocument(dataDir);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value.document;
}
