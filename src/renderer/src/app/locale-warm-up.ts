/**
 * The first Intl date formatter a page creates costs 15–30 ms (ICU loads its locale data),
 * and the first screen-pop card listing earlier calls is what would create it: between the
 * ring and the caller's number on screen. Creating one for each UI language at idle, once the
 * phone is up, moves that cost where nobody waits for it. Returns the function that cancels it.
 */
export function warmLocaleDataWhenIdle(): () => void {
  if (typeof window.requestIdleCallback !== 'function') return () => undefined;
  const handle = window.requestIdleCallback(
    () => {
      for (const locale of ['vi-VN', 'en-GB']) {
        new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(0);
        new Intl.NumberFormat(locale).format(0);
      }
    },
    { timeout: 5_000 },
  );
  return () => window.cancelIdleCallback(handle);
}
