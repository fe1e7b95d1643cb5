import { describe, expect, it } from 'vitest';
import { safeStorageSecretBox, type SafeStorageLike } from '../../../src/main/shell/secret-box';

function fakeSafeStorage(available: boolean, backend: string): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(`enc(${s})`, 'utf8'),
    decryptString: (b) => b.toString('utf8').replace(/^enc\((.*)\)$/, '$1'),
  };
}

describe('safeStorageSecretBox', () => {
  it('is available with a real Linux keyring, and round-trips through base64', () => {
    const box = safeStorageSecretBox(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    expect(box.available).toBe(true);
    expect(box.backend).toBe('gnome_libsecret');
    const sealed = box.encrypt('pw');
    expect(sealed).toBe(Buffer.from('enc(pw)').toString('base64'));
    expect(box.decrypt(sealed)).toBe('pw');
  });
  it('treats basic_text and unknown Linux backends as unavailable (no keyring)', () => {
    for (const backend of ['basic_text', 'unknown']) {
      const box = safeStorageSecretBox(fakeSafeStorage(true, backend), 'linux');
      expect(box.available, backend).toBe(false);
      expect(box.backend).toContain(backend);
      expect(() => box.encrypt('pw')).toThrow();
    }
  });
  it('is unavailable when the OS offers no encryption', () => {
    expect(safeStorageSecretBox(fakeSafeStorage(false, 'gnome_libsecret'), 'linux').available).toBe(false);
    expect(safeStorageSecretBox(fakeSafeStorage(false, 'unknown'), 'win32').available).toBe(false);
  });
  it('names the macOS and Windows backends (getSelectedStorageBackend is Linux-only)', () => {
    expect(safeStorageSecretBox(fakeSafeStorage(true, 'unknown'), 'darwin')).toMatchObject({
      available: true,
      backend: 'keychain',
    });
    expect(safeStorageSecretBox(fakeSafeStorage(true, 'unknown'), 'win32')).toMatchObject({
      available: true,
      backend: 'dpapi',
    });
  });
});
