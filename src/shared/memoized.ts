/**
 * `fn` with its answers kept for the keys it has seen, at most `max` of them (then all are
 * forgotten at once and it starts over). For pure number formatting done again and again on
 * the same few numbers (libphonenumber parses on each call): History rows repeat the same DIDs
 * and parties, and a month of call records the same agents and regular callers.
 */
export function memoized<V>(fn: (key: string) => V, max = 2_000): (key: string) => V {
  const kept = new Map<string, V>();
  return (key) => {
    const known = kept.get(key);
    if (known !== undefined || kept.has(key)) return known as V;
    const value = fn(key);
    if (kept.size >= max) kept.clear();
    kept.set(key, value);
    return value;
  };
}
