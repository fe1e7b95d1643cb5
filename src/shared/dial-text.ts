import { DIAL_TEXT_MAX, type DialNumber, type DialTextProblem } from './dial';
import { normalizeDialNumber } from './dial-number';
import { normalizeVietnamPhone } from './phone';
import { err, ok, type Result } from './result';

/**
 * Turns what arrives from outside the app (a `tel:`, `callto:` or `sip:` link, the selected
 * text, the clipboard, a number typed in the palette) into one number to dial, normalised for
 * Vietnam, or says why there is none. Pure: main and the renderer read texts the same way.
 * Nothing here ever echoes the text back: a link or a selection may carry anything, a SIP
 * password included.
 */

/** A colleague as the company directory knows them: a SIP link may name their user. */
export interface DirectoryEntry {
  readonly name: string;
  readonly username: string;
  readonly extensions: readonly string[];
}

export interface DialTarget {
  readonly number: DialNumber;
  /** The colleague whose extension this is. */
  readonly name?: string;
}

const LINK = /^(tel|callto|sips?):(.*)$/is;
/**
 * A run of digits with the separators people write inside one number, never across lines; an
 * area code may stand in parentheses (`(028) 3822-1234`, `+84 (28) 7301-9555`), nothing else may.
 */
const NUMBER_RUN = /\+?(?:\d[\d \u00a0.-]*)?(?:\(\d{1,4}\)[ \u00a0.-]*)?\d[\d \u00a0.-]*\d/g;
/** Fewer digits than this, inside a longer text, is more likely a count or a date than a number. */
const MIN_DIGITS_IN_TEXT = 7;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray `%`: read the text as it is
  }
}

/** `<sip:8001@pbx>` and `"0912 345 678"` as pasted from mail or a CRM. */
function unwrap(text: string): string {
  const trimmed = text.trim();
  const wrapped = /^(?:<(.*)>|"(.*)"|'(.*)')$/s.exec(trimmed);
  return (wrapped?.[1] ?? wrapped?.[2] ?? wrapped?.[3] ?? trimmed).trim();
}

/** RFC 3966: `+84-912-345-678;ext=1;phone-context=…` → the number, with a global context applied. */
function telNumber(rest: string): string {
  const [number = '', ...params] = decoded(rest.replace(/^\/\//, '')).split(/[;?]/);
  const context = params.find((p) => /^phone-context=/i.test(p))?.slice('phone-context='.length);
  const local = number.trim();
  // A local number under a global context (`912345678;phone-context=+84`) is that country's number;
  // an extension under any context stays the extension.
  if (context && /^\+\d{1,4}$/.test(context) && !local.startsWith('+') && !local.startsWith('0')) {
    const digits = local.replace(/[\s\-.()]/g, '');
    if (/^\d{7,}$/.test(digits)) return `${context}${digits}`;
  }
  return local;
}

/** `sip:user:password@host;params?headers` → the user part, without the password or its params. */
function sipUser(rest: string): string {
  const withoutHost = rest.includes('@') ? rest.slice(0, rest.lastIndexOf('@')) : rest.split(/[;?]/)[0];
  const user = (withoutHost ?? '').split(':')[0] ?? '';
  return decoded(user.split(';')[0] ?? '').trim();
}

function asNumber(candidate: string): Result<DialNumber, DialTextProblem> {
  const dialable = normalizeDialNumber(candidate);
  if (!dialable.ok) return dialable;
  const phone = normalizeVietnamPhone(dialable.value);
  if (phone.isExtension) return ok({ dial: dialable.value, display: dialable.value, isExtension: true });
  // The national form for Vietnamese numbers (what the company's trunks dial), E.164 for others.
  const dial = normalizeDialNumber(phone.local);
  const chosen = dial.ok ? dial.value : dialable.value;
  return ok({
    dial: chosen,
    display: phone.national || chosen,
    ...(phone.e164 ? { e164: phone.e164 } : {}),
    isExtension: false,
  });
}

function colleagueOf(number: DialNumber, directory: readonly DirectoryEntry[]): string | undefined {
  if (!number.isExtension) return undefined;
  return directory.find((entry) => entry.extensions.includes(number.dial))?.name;
}

function withName(number: DialNumber, directory: readonly DirectoryEntry[]): DialTarget {
  const name = colleagueOf(number, directory);
  return name ? { number, name } : { number };
}

/** A SIP user that is not a number may still be a colleague's (`sip:agent8001@pbx` → 8001). */
function fromSipUser(user: string, directory: readonly DirectoryEntry[]): Result<DialTarget, DialTextProblem> {
  const direct = asNumber(user);
  if (direct.ok) return ok(withName(direct.value, directory));
  const colleague = directory.find((entry) => entry.username.toLowerCase() === user.toLowerCase());
  const extension = colleague?.extensions[0];
  if (colleague && extension !== undefined) {
    const number = asNumber(extension);
    if (number.ok) return ok({ number: number.value, name: colleague.name });
  }
  return direct;
}

/** A selection like `Hotline: 0912 345 678 (8-17h)`: the one number in it, if there is exactly one. */
function fromProse(text: string, whole: DialTextProblem): Result<DialNumber, DialTextProblem> {
  const found = new Map<string, DialNumber>();
  for (const match of text.matchAll(NUMBER_RUN)) {
    const number = asNumber(match[0]);
    if (!number.ok) continue;
    if (number.value.dial.replace(/\D/g, '').length < MIN_DIGITS_IN_TEXT) continue;
    found.set(number.value.e164 ?? number.value.dial, number.value);
  }
  // Numbers written in full first (`+…`, or a trunk 0 and 10–11 digits, as every Vietnamese
  // number is): a date or an order number beside one is not a second number.
  const phones = [...found.values()].filter((number) => /^(?:\+|0\d{9,10}$)/.test(number.dial));
  const candidates = phones.length > 0 ? phones : [...found.values()];
  if (candidates.length > 1) return err('several');
  const only = candidates[0];
  return only ? ok(only) : err(whole);
}

export function readDialText(
  text: string,
  directory: readonly DirectoryEntry[] = [],
): Result<DialTarget, DialTextProblem> {
  if (text.length > DIAL_TEXT_MAX) return err('length');
  const unwrapped = unwrap(text);
  if (unwrapped === '') return err('empty');
  const link = LINK.exec(unwrapped);
  if (link) {
    const scheme = (link[1] ?? '').toLowerCase();
    const rest = link[2] ?? '';
    if (scheme === 'sip' || scheme === 'sips') return fromSipUser(sipUser(rest), directory);
    const number = scheme === 'tel' ? telNumber(rest) : (decoded(rest.replace(/^\/\//, '')).split(/[;?]/)[0] ?? '');
    const read = asNumber(number);
    return read.ok ? ok(withName(read.value, directory)) : read;
  }
  const whole = asNumber(unwrapped);
  if (whole.ok) return ok(withName(whole.value, directory));
  // A colleague's user name typed or selected (`agent8001`) dials their extension.
  const user = fromSipUser(unwrapped, directory);
  if (user.ok) return user;
  const prose = fromProse(unwrapped, whole.error);
  return prose.ok ? ok(withName(prose.value, directory)) : prose;
}

/** Where the text came from, for wording: a link, the selection (or clipboard), or what the agent typed or picked. */
export type DialTextOrigin = 'link' | 'text' | 'typed';

/** Each problem as a sentence in English and Vietnamese, for each origin of the text. */
export const DIAL_TEXT_PROBLEM_TEXT: Readonly<
  Record<DialTextOrigin, Record<DialTextProblem, { readonly en: string; readonly vi: string }>>
> = {
  link: {
    empty: { en: 'The link holds no number to call.', vi: 'Liên kết không chứa số nào để gọi.' },
    characters: {
      en: 'The link is not a phone number or an extension, so nothing was dialled.',
      vi: 'Liên kết không phải số điện thoại hay số máy lẻ nên không gọi.',
    },
    length: {
      en: 'The link has too few or too many digits for a phone number, so nothing was dialled.',
      vi: 'Liên kết có quá ít hoặc quá nhiều chữ số để là số điện thoại nên không gọi.',
    },
    several: {
      en: 'The link holds several numbers, so nothing was dialled.',
      vi: 'Liên kết chứa nhiều số nên không gọi.',
    },
  },
  text: {
    empty: {
      en: 'Nothing is selected or copied: select a number (or copy it), then press the shortcut again.',
      vi: 'Chưa chọn hay sao chép gì: hãy chọn (hoặc sao chép) một số rồi bấm lại phím tắt.',
    },
    characters: {
      en: 'The selected text is not a phone number or an extension, so nothing was dialled.',
      vi: 'Đoạn văn bản đã chọn không phải số điện thoại hay số máy lẻ nên không gọi.',
    },
    length: {
      en: 'The selected text has too few or too many digits for a phone number, so nothing was dialled.',
      vi: 'Đoạn văn bản đã chọn có quá ít hoặc quá nhiều chữ số để là số điện thoại nên không gọi.',
    },
    several: {
      en: 'The selected text holds several numbers: select just the one to call.',
      vi: 'Đoạn văn bản đã chọn chứa nhiều số: hãy chỉ chọn số cần gọi.',
    },
  },
  typed: {
    empty: { en: 'Enter a number or an extension to call.', vi: 'Nhập số điện thoại hoặc số máy lẻ cần gọi.' },
    characters: {
      en: 'That is not a phone number or an extension.',
      vi: 'Đây không phải số điện thoại hay số máy lẻ.',
    },
    length: {
      en: 'That number has too few or too many digits.',
      vi: 'Số này có quá ít hoặc quá nhiều chữ số.',
    },
    several: { en: 'Enter just one number to call.', vi: 'Chỉ nhập một số cần gọi.' },
  },
};
