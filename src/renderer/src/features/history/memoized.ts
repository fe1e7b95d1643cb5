/**
 * `fn` with its answers kept for the keys it has seen, at most `max` of them (then all are
 * forgotten at once and it starts over). For the pure number formatting every History row does
 * (libphonenumber parses on each call, several times a row): a page of rows repeats the same
 * DIDs and parties, and a re-render repeats them all.
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
