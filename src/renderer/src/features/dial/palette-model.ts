import type { Colleague } from '../../../../shared/contract';
import { readDialText } from '../../../../shared/dial-text';
import { phoneKey } from '../../../../shared/phone';

/**
 * What the quick-dial palette lists for what the agent typed: the typed number itself, the
 * colleagues whose name, user or extension matches, the favourites and the recent numbers.
 * Pure, so the choices are tested without a screen.
 */

export type PaletteSection = 'number' | 'colleagues' | 'favourites' | 'recent';

export interface PaletteEntry {
  /** Unique in the list (the option's DOM id is built from it). */
  readonly id: string;
  readonly section: PaletteSection;
  /** A colleague's or contact's name, else the number as people read it. */
  readonly label: string;
  /** The number or extension when the label is a name. */
  readonly detail?: string;
  /** What is dialled (the dial service reads it like any other text). */
  readonly dial: string;
  /** The key favourites are filed under (History's: E.164 when it parses). */
  readonly favouriteKey: string;
  readonly favourite: boolean;
}

/** A number this agent called or was called by, newest first. */
export interface RecentNumber {
  readonly number: string;
  readonly name?: string;
  readonly at: number;
}

export interface PaletteInput {
  readonly query: string;
  readonly colleagues: readonly Colleague[];
  readonly favourites: readonly string[];
  readonly recent: readonly RecentNumber[];
  /** This agent's own extensions: calling yourself is never what was meant. */
  readonly ownExtensions?: readonly string[];
}

const MAX_PER_SECTION = { colleagues: 8, favourites: 10, recent: 6 } as const;

/** `Nguyễn Văn Đức` → `nguyen van duc`: agents type names without their accents. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().trim();
}

const digitsOf = (text: string): string => text.replace(/\D/g, '');

interface Matcher {
  readonly empty: boolean;
  text(...values: readonly (string | undefined)[]): boolean;
  number(...values: readonly (string | undefined)[]): boolean;
}

function matcherFor(query: string): Matcher {
  const folded = fold(query);
  const digits = digitsOf(query);
  // Digits match anywhere in a number (`345678`, `0912`); one digit would match almost everything.
  const numeric = digits.length >= 2 && /^[\d\s+\-.()]+$/.test(query.trim());
  // Names are searched by letters; digits search numbers only (below), or `9` would match every number.
  const wordy = /\p{L}/u.test(folded);
  return {
    empty: folded === '',
    text: (...values) => wordy && values.some((value) => value !== undefined && fold(value).includes(folded)),
    number: (...values) => numeric && values.some((value) => value !== undefined && digitsOf(value).includes(digits)),
  };
}

/** A number as the palette dials and shows it; undefined when it is not one. */
function dialable(number: string, colleagues: readonly Colleague[]) {
  const read = readDialText(number, colleagues);
  return read.ok ? read.value : undefined;
}

export function buildPaletteEntries(input: PaletteInput): PaletteEntry[] {
  const match = matcherFor(input.query);
  const favouriteKeys = new Set(input.favourites.map((number) => phoneKey(number)));
  const nameOfNumber = new Map<string, string>();
  for (const colleague of input.colleagues)
    for (const extension of colleague.extensions) nameOfNumber.set(phoneKey(extension), colleague.name);
  for (const call of input.recent) if (call.name) nameOfNumber.set(phoneKey(call.number), call.name);

  const entry = (section: PaletteSection, dial: string, display: string, name?: string): PaletteEntry => {
    const favouriteKey = phoneKey(dial);
    return {
      id: `${section}-${favouriteKey}`,
      section,
      label: name ?? display,
      ...(name !== undefined ? { detail: display } : {}),
      dial,
      favouriteKey,
      favourite: favouriteKeys.has(favouriteKey),
    };
  };

  const colleagues: PaletteEntry[] = [];
  if (!match.empty) {
    for (const colleague of input.colleagues) {
      const extension = colleague.extensions[0];
      if (extension === undefined || colleague.extensions.some((e) => input.ownExtensions?.includes(e))) continue;
      if (!match.text(colleague.name, colleague.username) && !match.number(...colleague.extensions)) continue;
      colleagues.push(entry('colleagues', extension, extension, colleague.name));
      if (colleagues.length >= MAX_PER_SECTION.colleagues) break;
    }
  }

  const favourites: PaletteEntry[] = [];
  for (const number of input.favourites) {
    const target = dialable(number, input.colleagues);
    if (!target) continue;
    const name = target.name ?? nameOfNumber.get(phoneKey(number));
    if (
      !match.empty &&
      !match.text(name, target.number.display) &&
      !match.number(target.number.dial, target.number.e164)
    )
      continue;
    favourites.push(entry('favourites', target.number.dial, target.number.display, name));
    if (favourites.length >= MAX_PER_SECTION.favourites) break;
  }

  const recent: PaletteEntry[] = [];
  const seenRecent = new Set<string>();
  for (const call of [...input.recent].sort((a, b) => b.at - a.at)) {
    const target = dialable(call.number, input.colleagues);
    if (!target) continue;
    const key = phoneKey(target.number.dial);
    if (seenRecent.has(key)) continue;
    seenRecent.add(key);
    const name = target.name ?? call.name;
    if (
      !match.empty &&
      !match.text(name, target.number.display) &&
      !match.number(target.number.dial, target.number.e164)
    )
      continue;
    recent.push(entry('recent', target.number.dial, target.number.display, name));
    if (recent.length >= MAX_PER_SECTION.recent) break;
  }

  // The typed number, unless a richer entry already names it: first when it is a whole number
  // (Enter dials what was typed), last when it is short digits that also find other entries
  // (`345` searching a favourite should not dial extension 345 on Enter).
  const others = [...colleagues, ...favourites, ...recent];
  const listed = new Set(others.map((e) => e.favouriteKey));
  const typed = match.empty ? undefined : dialable(input.query, input.colleagues);
  const number =
    typed && !listed.has(phoneKey(typed.number.dial))
      ? [entry('number', typed.number.dial, typed.number.display, typed.name)]
      : [];
  const wholeNumber = typed !== undefined && digitsOf(typed.number.dial).length >= 7;
  const ordered = wholeNumber || others.length === 0 ? [...number, ...others] : [...others, ...number];

  // One entry per number across sections: a favourite that is also recent shows once, as a favourite.
  const seen = new Set<string>();
  return ordered.filter((e) => {
    if (seen.has(e.favouriteKey)) return false;
    seen.add(e.favouriteKey);
    return true;
  });
}
