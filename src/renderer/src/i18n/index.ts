import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings';
import en from './en.json';
import vi from './vi.json';

type Messages = { readonly [key: string]: string | Messages };

/**
 * A feature area keeps its messages in its own folder (`i18n/<area>/en.json` and `vi.json`),
 * found here at build time and filed under the key `<area>`: features grow without all editing
 * one big file, and the parity test checks every area like the rest.
 */
const areaFiles = import.meta.glob<{ default: Messages }>('./*/{en,vi}.json', { eager: true });

function withAreas(base: Messages, language: Language): Messages {
  const merged: Record<string, string | Messages> = { ...base };
  for (const [path, module] of Object.entries(areaFiles)) {
    const match = /^\.\/([\w-]+)\/(en|vi)\.json$/.exec(path);
    if (!match || match[2] !== language) continue;
    const area = match[1] as string;
    if (area in base) throw new Error(`i18n area "${area}" collides with a key of ${language}.json`);
    merged[area] = module.default;
  }
  return merged;
}

export const resources = {
  vi: { translation: withAreas(vi, 'vi') },
  en: { translation: withAreas(en, 'en') },
} as const;

/** Vietnamese first: agents in Vietnam are the main users, and settings may not be loaded yet. */
export const FIRST_LANGUAGE: Language = 'vi';

/** A fresh i18next instance (not the global one), so tests and windows never share state. */
export function createI18n(language: Language = FIRST_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
  return instance;
}
