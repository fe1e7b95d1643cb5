/**
 * Encrypts secrets with whatever the OS offers. The Electron shell backs it with
 * `safeStorage`; headless hosts (web host, CLI) have no OS keyring binding and pass
 * `unavailableSecretBox`, so secrets there come from the environment or a provisioning file.
 */
export interface SecretBox {
  /** True when encryption is backed by the OS (Keychain, DPAPI, libsecret, kwallet). */
  readonly available: boolean;
  /** Human-readable backend, e.g. "gnome_libsecret", or why there is none. */
  readonly backend: string;
  /** Returns base64 ciphertext. Only called when `available`. */
  encrypt(plaintext: string): string;
  /** Takes base64 ciphertext; throws when it cannot be decrypted (other machine or keyring). */
  decrypt(ciphertext: string): string;
}

export function unavailableSecretBox(reason: string): SecretBox {
  return {
    available: false,
    backend: reason,
    encrypt() {
      throw new Error('secret box unavailable');
    },
    decrypt() {
      throw new Error('secret box unavailable');
    },
  };
}
