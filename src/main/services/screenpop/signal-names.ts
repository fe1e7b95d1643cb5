import { memoized } from '../../../shared/memoized';
import { normalizeVietnamPhone, phoneKey as parsePhoneKey } from '../../../shared/phone';
import { meaningfulName } from '../history/caller-name';

/** A number's key, remembered: the same regular callers ring again and again. */
const phoneKey = memoized(parsePhoneKey, 5_000);

/** Numbers whose signalled name is kept; the oldest are forgotten first. */
const MAX_NAMES = 5_000;

/**
 * Caller names the call signals carried, by number in any spelling; a newer sighting replaces
 * an older one. A caller whose next call arrives without a name (another trunk, a queue that
 * drops it) is still named. Memory only, bounded.
 */
export class SignalNames {
  readonly #names = new Map<string, { readonly name: string; readonly atMs: number }>();

  note(number: string, name: string, atMs: number): void {
    const clean = meaningfulName(name, number);
    if (!clean || number.trim() === '') return;
    const key = phoneKey(number);
    const known = this.#names.get(key);
    if (known && known.atMs > atMs) return;
    this.#names.delete(key);
    this.#names.set(key, { name: clean, atMs });
    if (this.#names.size > MAX_NAMES) {
      const oldest = this.#names.keys().next();
      if (!oldest.done) this.#names.delete(oldest.value);
    }
  }

  nameFor(number: string): string | undefined {
    if (normalizeVietnamPhone(number).local === '') return undefined;
    return this.#names.get(phoneKey(number))?.name;
  }
}
