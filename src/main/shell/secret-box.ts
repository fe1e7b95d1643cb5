import type { SecretBox } from '../services/settings';

/** The part of Electron's `safeStorage` we use, so the box can be tested with a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Linux backends that mean "no keyring": Chromium then "encrypts" with a constant key. */
const NO_KEYRING_BACKENDS = new Set(['basic_text', 'unknown']);

/**
 * A SecretBox backed by the OS (Keychain, DPAPI, libsecret/kwallet) through `safeStorage`.
 * Must be created after `app` is ready: before that, safeStorage cannot tell what it has.
 * On Linux without a keyring it reports itself unavailable, so the settings service asks the
 * user before storing anything in plaintext instead of pretending it is encrypted.
 */
export function safeStorageSecretBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretBox {
  const state = describeBackend(safeStorage, platform);
  if (!state.available) {
    return {
      available: false,
      backend: state.backend,
      encrypt() {
        throw new Error('OS secret storage is unavailable');
      },
      decrypt() {
        throw new Error('OS secret storage is unavailable');
      },
    };
  }
  return {
    available: true,
    backend: state.backend,
    encrypt: (plaintext) => safeStorage.encryptString(plaintext).toString('base64'),
    decrypt: (ciphertext) => safeStorage.decryptString(Buffer.from(ciphertext, 'base64')),
  };
}

function describeBackend(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): { available: boolean; backend: string } {
  if (!safeStorage.isEncryptionAvailable()) return { available: false, backend: 'no OS encryption available' };
  if (platform === 'darwin') return { available: true, backend: 'keychain' };
  if (platform === 'win32') return { available: true, backend: 'dpapi' };
  const backend = safeStorage.getSelectedStorageBackend();
  if (NO_KEYRING_BACKENDS.has(backend))
    return { available: false, backend: `${backend} (no keyring such as libsecret or kwallet)` };
  return { available: true, backend };
}
