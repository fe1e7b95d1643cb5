import { describe, expect, it } from 'vitest';
import { rememberedPreferences, rememberPreferences } from '../../../src/renderer/src/app/remembered-preferences';

/** An in-memory Storage, optionally one that refuses every write (full, or disabled). */
function memoryStorage(refuseWrites = false): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => {
      if (refuseWrites) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
  };
}

describe('the language and theme remembered for the next start', () => {
  it('come back as they were saved', () => {
    const storage = memoryStorage();
    expect(rememberedPreferences(storage)).toEqual({});
    rememberPreferences({ language: 'en', theme: 'dark' }, storage);
    expect(rememberedPreferences(storage)).toEqual({ language: 'en', theme: 'dark' });
  });

  it('ignore what is not a language or a theme, and unreadable storage', () => {
    const storage = memoryStorage();
    storage.setItem('antring.lastPreferences', JSON.stringify({ language: 'fr', theme: 'dark' }));
    expect(rememberedPreferences(storage)).toEqual({ theme: 'dark' });
    storage.setItem('antring.lastPreferences', '{not json');
    expect(rememberedPreferences(storage)).toEqual({});
    storage.setItem('antring.lastPreferences', '"en"');
    expect(rememberedPreferences(storage)).toEqual({});
    expect(rememberedPreferences(null)).toEqual({});
  });

  it('a refused write changes nothing and throws nothing', () => {
    const storage = memoryStorage(true);
    expect(() => rememberPreferences({ language: 'vi', theme: 'light' }, storage)).not.toThrow();
    expect(rememberedPreferences(storage)).toEqual({});
  });
});

describe('the lists the first script checks against', () => {
  it('are the settings’ own languages and themes', async () => {
    const { LANGUAGES, THEMES } = await import('../../../src/shared/settings');
    const { REMEMBERED_LANGUAGES, REMEMBERED_THEMES } =
      await import('../../../src/renderer/src/app/remembered-preferences');
    expect([...REMEMBERED_LANGUAGES].sort()).toEqual([...LANGUAGES].sort());
    expect([...REMEMBERED_THEMES].sort()).toEqual([...THEMES].sort());
  });
});
