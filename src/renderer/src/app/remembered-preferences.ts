import { z } from 'zod';
import { LANGUAGES, THEMES, type Language, type Theme } from '../../../shared/settings';

/**
 * The language and theme the app last showed, kept in the page's own storage (they are not
 * secret). The page paints before the host's first answer: with these it paints in the agent's
 * language and theme rather than in Vietnamese and the system's, and nothing flips a moment later.
 * The settings stay the truth: every view that arrives overwrites these.
 */

const STORAGE_KEY = 'antring.lastPreferences';

const RememberedSchema = z.object({
  language: z.enum(LANGUAGES).optional().catch(undefined),
  theme: z.enum(THEMES).optional().catch(undefined),
});

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
    const parsed = RememberedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
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
