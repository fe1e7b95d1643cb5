import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings';
import en from './en.json';
import vi from './vi.json';

export const resources = {
  vi: { translation: vi },
  en: { translation: en },
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
