import { err, ok, type Result } from './result';

/**
 * Keyboard shortcuts in Electron's accelerator syntax (`CommandOrControl+Alt+D`), checked before
 * they are saved, so a typo is a field error in Settings instead of a shortcut that silently
 * never fires. Pure: the renderer's Settings field, the settings schema and main share it.
 */

export const DEFAULT_DIAL_SHORTCUT = 'CommandOrControl+Alt+D';

/** Why a text is not an accelerator. */
export type AcceleratorProblem =
  /** No key, or more than one key (`Ctrl+Alt`, `Ctrl+A+B`). */
  | 'key'
  /** A part that is neither a modifier nor a key Electron knows. */
  | 'unknown'
  /**
   * A global shortcut without Ctrl, Alt, Cmd or Super would take a plain key (or Shift+key)
   * away from every other program: only F1..F24 may stand alone.
   */
  | 'modifier';

/** Every spelling Electron accepts, mapped to the one this app writes. */
const MODIFIERS: Readonly<Record<string, string>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};
/** The modifiers that make a combination nobody types by accident. */
const STRONG_MODIFIERS = new Set(['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Super']);
const MODIFIER_ORDER = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

const NAMED_KEYS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    'Plus',
    'Space',
    'Tab',
    'Capslock',
    'Numlock',
    'Scrolllock',
    'Backspace',
    'Delete',
    'Insert',
    'Return',
    'Enter',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Escape',
    'Esc',
    'PrintScreen',
    'num0',
    'num1',
    'num2',
    'num3',
    'num4',
    'num5',
    'num6',
    'num7',
    'num8',
    'num9',
    'numdec',
    'numadd',
    'numsub',
    'nummult',
    'numdiv',
  ].map((name) => [name.toLowerCase(), name]),
);
/** Punctuation Electron accepts as a key (`+` itself is spelled `Plus`). */
const PUNCTUATION = new Set([...')!@#$%^&*(:;=<,_->.?/~`{][|\\}"']);
const FUNCTION_KEY = /^f([1-9]|1\d|2[0-4])$/i;

function canonicalKey(part: string): string | undefined {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
  if (FUNCTION_KEY.test(part)) return part.toUpperCase();
  if (PUNCTUATION.has(part)) return part;
  return NAMED_KEYS[part.toLowerCase()];
}

/** `ctrl+alt+d` → `Control+Alt+D`; modifiers in a fixed order, so equal shortcuts compare equal. */
export function parseAccelerator(text: string): Result<string, AcceleratorProblem> {
  const parts = text.trim().split('+');
  // `Ctrl++` (a trailing empty part) is how people write Plus; Electron wants the name.
  if (parts.length > 1 && parts.at(-1) === '' && parts.at(-2) === '') parts.splice(-2, 2, 'Plus');
  const modifiers = new Set<string>();
  const keys: string[] = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') return err('key');
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier) {
      modifiers.add(modifier);
      continue;
    }
    const key = canonicalKey(part);
    if (!key) return err('unknown');
    keys.push(key);
  }
  const key = keys[0];
  if (key === undefined || keys.length > 1) return err('key');
  if (!FUNCTION_KEY.test(key) && ![...modifiers].some((m) => STRONG_MODIFIERS.has(m))) return err('modifier');
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.has(m));
  return ok([...ordered, key].join('+'));
}

/** Each problem as a clause in English and Vietnamese. */
export const ACCELERATOR_PROBLEM_TEXT: Readonly<
  Record<AcceleratorProblem, { readonly en: string; readonly vi: string }>
> = {
  key: {
    en: 'must name exactly one key, e.g. CommandOrControl+Alt+D',
    vi: 'phải có đúng một phím, ví dụ CommandOrControl+Alt+D',
  },
  unknown: {
    en: 'contains a key or modifier that is not recognised (use e.g. Control, Alt, Shift, Super, A-Z, 0-9, F1-F24)',
    vi: 'có phím hoặc phím bổ trợ không nhận ra (dùng ví dụ Control, Alt, Shift, Super, A-Z, 0-9, F1-F24)',
  },
  modifier: {
    en: 'needs Control, Alt, Command or Super (or an F key alone), so it does not take a key away from other programs',
    vi: 'cần có Control, Alt, Command hoặc Super (hoặc chỉ một phím F), để không chiếm phím của các chương trình khác',
  },
};

/** The accelerator of a key press, or undefined when the press is only modifiers or no known key. */
export function acceleratorFromKeyEvent(
  event: {
    readonly key: string;
    readonly code: string;
    readonly ctrlKey: boolean;
    readonly altKey: boolean;
    readonly shiftKey: boolean;
    readonly metaKey: boolean;
  },
  platform: 'mac' | 'other',
): string | undefined {
  const key = keyOfCode(event.code) ?? canonicalKey(event.key === ' ' ? 'Space' : event.key);
  if (!key) return undefined;
  const parts: string[] = [];
  // The agent pressed Ctrl (or Cmd on a Mac): the same shortcut on every computer they use.
  if (platform === 'mac' ? event.metaKey : event.ctrlKey) parts.push('CommandOrControl');
  if (platform === 'mac' && event.ctrlKey) parts.push('Control');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (platform !== 'mac' && event.metaKey) parts.push('Super');
  const parsed = parseAccelerator([...parts, key].join('+'));
  return parsed.ok ? parsed.value : undefined;
}

/** `KeyD` → `D`, `Digit7` → `7`: the physical key, whatever Alt or Shift made of the character. */
function keyOfCode(code: string): string | undefined {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return letter;
  const digit = /^Digit([0-9])$/.exec(code)?.[1];
  if (digit) return digit;
  if (FUNCTION_KEY.test(code)) return code.toUpperCase();
  return undefined;
}
