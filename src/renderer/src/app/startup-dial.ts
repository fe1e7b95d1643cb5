import { normalizeDialNumber } from '../../../shared/dial-number';

/**
 * The dial field of the frame index.html paints, working before the app's code has loaded. The
 * page's first script (early-start.ts, one small file of its own) arms it; when React takes over
 * (main.tsx) it hands over what the agent did meanwhile: the number typed, the focus, and a Call
 * pressed, which the Phone screen then places, or keeps until the phone is ready
 * (features/phone/queued-dial.ts). The field is disabled in the HTML, so nothing can be typed or
 * pressed before it is armed. The two scripts share no module: what the first one learns is kept
 * on the form itself (data-queued, data-invalid), where the app reads it.
 */

export const STARTUP_DIAL_SELECTOR = 'form[data-startup-dial]';

export interface StartupDialTexts {
  /** Under the field once Call is pressed: the call waits for the phone. */
  waiting(number: string): string;
  /** Under the field when what was typed is not a number to call. */
  readonly invalidNumber: string;
}

export interface StartupDialHandover {
  /** What is in the field. */
  readonly typed: string;
  /** The number of a Call pressed (normalized), null when none was or the last one was not a number. */
  readonly queued: string | null;
  /** The last Call pressed was refused: what was typed is not a number. */
  readonly invalid: boolean;
  readonly focused: boolean;
  /** The caret or selection in the field, when it had the focus. */
  readonly selection: { readonly start: number; readonly end: number } | null;
}

interface StartupDialParts {
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  readonly button: HTMLButtonElement;
  readonly note: HTMLElement;
}

function partsOf(doc: Document): StartupDialParts | null {
  const form = doc.querySelector<HTMLFormElement>(STARTUP_DIAL_SELECTOR);
  const input = form?.querySelector<HTMLInputElement>('input[type="tel"]');
  const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  const note = form?.querySelector<HTMLElement>('[data-startup-dial-note]');
  return form && input && button && note ? { form, input, button, note } : null;
}

/** Makes the frame's dial field work; does nothing where the page has none, or it already works. */
export function armStartupDial(doc: Document, texts: StartupDialTexts): void {
  const parts = partsOf(doc);
  if (!parts || 'armed' in parts.form.dataset) return;
  const { form, input, button, note } = parts;
  form.dataset['armed'] = '';
  form.addEventListener('submit', (event) => {
    // The page's own rule (as the Phone screen's): a number it could not call is said at once.
    event.preventDefault();
    const normalized = normalizeDialNumber(input.value);
    if (normalized.ok) {
      form.dataset['queued'] = normalized.value;
      delete form.dataset['invalid'];
      input.removeAttribute('aria-invalid');
      note.textContent = texts.waiting(normalized.value);
    } else {
      delete form.dataset['queued'];
      form.dataset['invalid'] = '';
      input.setAttribute('aria-invalid', 'true');
      note.textContent = texts.invalidNumber;
    }
  });
  input.disabled = false;
  button.disabled = false;
}

/**
 * What the agent did with the frame's field; null when it was never armed (or is gone). Called
 * in the same task as React's first render, which replaces the frame: no key press can fall
 * between the two.
 */
export function takeStartupDial(doc: Document): StartupDialHandover | null {
  const parts = partsOf(doc);
  if (!parts || !('armed' in parts.form.dataset)) return null;
  const { form, input } = parts;
  const focused = doc.activeElement === input;
  const start = input.selectionStart;
  const end = input.selectionEnd;
  return {
    typed: input.value,
    queued: form.dataset['queued'] ?? null,
    invalid: 'invalid' in form.dataset,
    focused,
    selection: focused && start !== null && end !== null ? { start, end } : null,
  };
}

/** Puts the focus back in the Phone screen's dial field, where it was in the frame's. */
export function refocusDialField(doc: Document, handover: StartupDialHandover): void {
  if (!handover.focused) return;
  const field = doc.querySelector<HTMLInputElement>('form.phone-dial input[type="tel"]');
  if (!field) return;
  field.focus();
  if (handover.selection) field.setSelectionRange(handover.selection.start, handover.selection.end);
}
