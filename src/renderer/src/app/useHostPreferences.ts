import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useHostSync } from '../api';
import { selectView, useSettingsStore } from '../features/settings/settings-store';
import { rememberPreferences } from './remembered-preferences';

/**
 * Loads settings once, follows the host's changes, and applies the language and theme to the
 * whole UI as soon as they change (after a save, or when IT changes them).
 */
export function useHostPreferences(): void {
  const { i18n } = useTranslation();
  const loadSettings = useSettingsStore((state) => state.loadSettings);
  const followHost = useSettingsStore((state) => state.followHost);
  const language = useSettingsStore((state) => selectView(state)?.values.language);
  const theme = useSettingsStore((state) => selectView(state)?.values.theme);

  useHostSync(followHost, loadSettings);

  useEffect(() => {
    if (!language) return;
    document.documentElement.lang = language;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [i18n, language]);

  useEffect(() => {
    // data-theme drives the CSS variables; "system" follows prefers-color-scheme in CSS. Until
    // settings arrive, the page keeps the theme it started in (main.tsx: the last one shown).
    if (theme) document.documentElement.dataset['theme'] = theme;
  }, [theme]);

  useEffect(() => {
    // For the next start, which paints before the host answers.
    if (language && theme) rememberPreferences({ language, theme });
  }, [language, theme]);
}
