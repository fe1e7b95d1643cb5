import { foldText } from './search-text';

/** What the agent typed, read as a number (or part of one) or as part of a name. */
export type ParsedSearch =
  | { readonly kind: 'none' }
  /** Only digits and what people put between them (`0912 345 678`, `+84-912…`, `(028) 7301`). */
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'text'; readonly folded: string };

/** Trigram search needs three characters; shorter input matches whole values only. */
export const MIN_PARTIAL_MATCH = 3;

export function parseSearch(search: string): ParsedSearch {
  const trimmed = search.trim();
  if (trimmed === '') return { kind: 'none' };
  if (/^[\d\s+\-.()]+$/.test(trimmed) && /\d/.test(trimmed)) {
    return { kind: 'number', digits: trimmed.replace(/\D/g, '') };
  }
  const folded = foldText(trimmed);
  return folded === '' ? { kind: 'none' } : { kind: 'text', folded };
}

/** An FTS5 query for `text` as one phrase in one column (trigram: a substring match). */
export function ftsPhrase(column: 'digits' | 'names', text: string): string {
  return `${column} : "${text.replace(/"/g, '""')}"`;
}
