import type { SecretBox, SettingsDocument, StoredSettings } from '../../../src/main/services/settings';

/** Not real crypto: reversible, but the plaintext never appears verbatim in what it returns. */
export function fakeSecretBox(available = true): SecretBox {
  return {
    available,
    backend: available ? 'fake-keyring' : 'basic_text (no keyring)',
    encrypt: (plaintext) => `fake:${Buffer.from([...plaintext].reverse().join(''), 'utf8').toString('base64')}`,
    decrypt: (ciphertext) => {
      if (!ciphertext.startsWith('fake:')) throw new Error('not ours');
      return [...Buffer.from(ciphertext.slice(5), 'base64').toString('utf8')].reverse().join('');
    },
  };
}

/** An in-memory settings.json: keeps the exact text so tests can compare bytes. */
export function memoryDocument(
  initial?: unknown,
): SettingsDocument & { text(): string; writes: number; preserved: string[] } {
  let text = initial === undefined ? '{}' : JSON.stringify(initial, null, '\t');
  const doc = {
    path: '/virtual/settings.json',
    writes: 0,
    /** Texts copied aside by preserve(). */
    preserved: [] as string[],
    preserve: (): string => {
      doc.preserved.push(text);
      return `/virtual/settings.json.unreadable-${doc.preserved.length}`;
    },
    read: (): unknown => JSON.parse(text),
    write: (document: StoredSettings) => {
      doc.writes += 1;
      text = JSON.stringify(document, null, '\t');
    },
    text: () => text,
  };
  return doc;
}
