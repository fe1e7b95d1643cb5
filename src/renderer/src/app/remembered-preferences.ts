import type { Language, Theme } from '../../../shared/settings';

/**
 * The language and theme the app last showed, kept in the page's own storage (they are not
 * secret). The page paints before the host's first answer: with these it paints in the agent's
 * language and theme rather than in Vietnamese and the system's, and nothing flips a moment later.
 * The settings stay the truth: every view that arrives overwrites these.
 */

const STORAGE_KEY = 'antring.lastPreferences';

/**
 * The settings' LANGUAGES and THEMES, spelled out: this runs in the page's first script, before
 * the frame's dial field works, and importing them (or zod) would bring every settings schema
 * with it. A unit test holds these equal to the settings' own lists.
 */
export const REMEMBERED_LANGUAGES: readonly Language[] = ['vi', 'en'];
export const REMEMBERED_THEMES: readonly Theme[] = ['system', 'light', 'dark'];

function oneOf<T extends string>(known: readonly T[], value: unknown): T | undefined {
  return known.find((item) => item === value);
}

export interface RememberedPreferences {
  readonly language?: Language | undefined;
  readonly theme?: Theme | undefined;
}

/** The page's storage, or null where it is unavailable (disabled, or a sandboxed test page). */
function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function rememberedPreferences(storage: Storage | null = pageStorage()): RememberedPreferences {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return {};
    // Stored by this page, but storage is outside input all the same: anything unknown is dropped.
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { language, theme } = parsed as { language?: unknown; theme?: unknown };
    return { language: oneOf(REMEMBERED_LANGUAGES, language), theme: oneOf(REMEMBERED_THEMES, theme) };
  } catch {
    return {};
  }
}

export function rememberPreferences(
  preferences: { readonly language: Language; readonly theme: Theme },
  storage: Storage | null = pageStorage(),
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ language: preferences.language, theme: preferences.theme }));
  } catch {
    // Storage full or refused: the next start paints in the defaults, nothing worse.
  }
}
