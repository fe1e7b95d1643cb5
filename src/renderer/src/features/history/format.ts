/** How the History screen writes times, durations and counts, per UI language. */

export type UiLanguage = 'vi' | 'en';

export const uiLanguage = (language: string): UiLanguage => (language === 'en' ? 'en' : 'vi');

const locale = (language: UiLanguage): string => (language === 'vi' ? 'vi-VN' : 'en-GB');

const dateFormats = new Map<UiLanguage, Intl.DateTimeFormat>();
const timeFormats = new Map<UiLanguage, Intl.DateTimeFormat>();
const numberFormats = new Map<UiLanguage, Intl.NumberFormat>();

function cached<T>(map: Map<UiLanguage, T>, language: UiLanguage, make: () => T): T {
  let value = map.get(language);
  if (value === undefined) {
    value = make();
    map.set(language, value);
  }
  return value;
}

const shortDayFormats = new Map<UiLanguage, Intl.DateTimeFormat>();

/** `12/05/2025` (the day first, in both languages: the app is used in Vietnam). */
export function formatDay(ms: number, language: UiLanguage): string {
  return cached(
    dateFormats,
    language,
    () => new Intl.DateTimeFormat(locale(language), { day: '2-digit', month: '2-digit', year: 'numeric' }),
  ).format(ms);
}

/** `12/05` in the current year, `12/05/24` before: what fits under a time in a list. */
export function formatShortDay(ms: number, language: UiLanguage, nowMs = Date.now()): string {
  if (new Date(ms).getFullYear() !== new Date(nowMs).getFullYear()) {
    return cached(
      shortDayFormats,
      language,
      () => new Intl.DateTimeFormat(locale(language), { day: '2-digit', month: '2-digit', year: '2-digit' }),
    ).format(ms);
  }
  return formatDay(ms, language).slice(0, 5);
}

/** `14:05`. */
export function formatClock(ms: number, language: UiLanguage): string {
  return cached(
    timeFormats,
    language,
    () => new Intl.DateTimeFormat(locale(language), { hour: '2-digit', minute: '2-digit', hour12: false }),
  ).format(ms);
}

/** `14:05 12/05/2025` for sentences (the last refresh, a call named in a label). */
export function formatStamp(ms: number, language: UiLanguage): string {
  return `${formatClock(ms, language)} ${formatDay(ms, language)}`;
}

/** `1.234` in Vietnamese, `1,234` in English. */
export function formatCount(value: number, language: UiLanguage): string {
  return cached(numberFormats, language, () => new Intl.NumberFormat(locale(language))).format(value);
}

/** `75` → `1:15`; an hour or more → `1:02:05`. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
