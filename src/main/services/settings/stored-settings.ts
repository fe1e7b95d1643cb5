import { z } from 'zod';

/**
 * The on-disk shape of what the user saved (settings.json in the data folder, written by
 * electron-store in the app and by conf in headless hosts: same file, same format).
 * Each value is validated on its own when read, so one bad value never discards the rest.
 */
export const StoredSecretSchema = z.object({
  scheme: z.enum(['os', 'plaintext']),
  data: z.string(),
  /**
   * The addresses (SECRET_ADDRESSES) as they were when the secret was entered: it is used only
   * while they still hold. Absent in files written before secrets were bound.
   */
  boundTo: z.record(z.string(), z.string()).optional(),
});
export type StoredSecret = z.infer<typeof StoredSecretSchema>;

export const StoredSettingsSchema = z.object({
  version: z.literal(1).default(1),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.unknown()).default({}),
  plaintextSecretsConsent: z.boolean().default(false),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

/** The minimal view of electron-store / conf the service needs: the whole document. */
export interface SettingsDocument {
  readonly path: string;
  read(): unknown;
  write(document: StoredSettings): void;
  /** Copies the file aside before an unreadable document is replaced; returns where, if it did. */
  preserve(): string | undefined;
}

/**
 * A document that lives only in memory: for a one-shot command that can still run from
 * environment variables when the settings file cannot be read. Nothing it holds is written.
 */
export function memoryDocument(path: string): SettingsDocument {
  let current: unknown = {};
  return {
    path,
    read: () => current,
    write: (document) => {
      current = document;
    },
    preserve: () => undefined,
  };
}
