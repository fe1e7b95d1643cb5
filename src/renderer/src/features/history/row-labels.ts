import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n, TFunction } from 'i18next';

/** A label by key, with its values (numbers, times) already formatted as strings. */
export type RowLabel = (key: string, values?: Readonly<Record<string, string>>) => string;

/**
 * Labels kept per i18next instance, at most this many (then all are forgotten at once): a
 * screen of rows asks for the same few dozen, and the numbers and times of rows still listed.
 */
const MAX_LABELS = 5_000;
const kept = new WeakMap<I18n, Map<string, string>>();

/**
 * `t`, remembering its answers per language and values. A History row asks for some twenty
 * labels (titles, names of its buttons), the rows on screen render again for every page, total
 * and scroll step, and i18next's t costs 20–30 µs a call: 10–15 ms a render, almost all of it
 * spent on labels it had already made. The resources never change at run time (i18n/index.ts),
 * so a label is the same for the same language, key and values.
 */
export function rememberingLabels(i18n: I18n, t: TFunction, language: string): RowLabel {
  let labels = kept.get(i18n);
  if (!labels) {
    labels = new Map();
    kept.set(i18n, labels);
  }
  const cache = labels;
  return (key, values) => {
    let id = `${language}\u0001${key}`;
    if (values) for (const [name, value] of Object.entries(values)) id += `\u0001${name}\u0002${value}`;
    const known = cache.get(id);
    if (known !== undefined) return known;
    const label = values ? t(key, values) : t(key);
    if (cache.size >= MAX_LABELS) cache.clear();
    cache.set(id, label);
    return label;
  };
}

/** rememberingLabels for the component's i18next instance and language. */
export function useRowLabels(): RowLabel {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => rememberingLabels(i18n, t, language), [i18n, t, language]);
}
