// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { armStartupDial, takeStartupDial } from '../../../src/renderer/src/app/startup-dial';
import { resources } from '../../../src/renderer/src/i18n';

const INDEX_HTML = readFileSync(join(import.meta.dirname, '../../../src/renderer/index.html'), 'utf8');

/** The frame exactly as index.html paints it, before any script has run. */
function paintFrame(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(INDEX_HTML)?.[1] ?? '';
  document.body.innerHTML = body.replace(/<script\b[\s\S]*?<\/script>/g, '');
}

const TEXTS = { waiting: (number: string) => `waiting for ${number}`, invalidNumber: 'not a number' };

function parts(): { form: HTMLFormElement; input: HTMLInputElement; button: HTMLButtonElement; note: HTMLElement } {
  const form = document.querySelector<HTMLFormElement>('form[data-startup-dial]');
  const input = form?.querySelector<HTMLInputElement>('input[type="tel"]');
  const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  const note = form?.querySelector<HTMLElement>('[data-startup-dial-note]');
  if (!form || !input || !button || !note) throw new Error('index.html has no startup dial form');
  return { form, input, button, note };
}

function type(input: HTMLInputElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function pressCall(form: HTMLFormElement): boolean {
  // What pressing Call or Enter does: a cancelable submit the page must take over.
  return form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

beforeEach(() => paintFrame());

describe('the dial field of the frame index.html paints', () => {
  it('is disabled until the first script arms it: nothing can be typed or pressed and then lost', () => {
    const { input, button } = parts();
    expect(input.disabled).toBe(true);
    expect(button.disabled).toBe(true);
    expect(takeStartupDial(document)).toBeNull();
  });

  it('once armed, keeps a Call: says so, and hands the number, the text and the focus to the app', () => {
    armStartupDial(document, TEXTS);
    const { form, input, button, note } = parts();
    expect(input.disabled).toBe(false);
    expect(button.disabled).toBe(false);

    type(input, '0912 345-678');
    const notPrevented = pressCall(form);

    expect(notPrevented).toBe(false);
    expect(note.textContent).toBe('waiting for 0912345678');
    expect(takeStartupDial(document)).toEqual({
      typed: '0912 345-678',
      queued: '0912345678',
      invalid: false,
      focused: true,
      selection: { start: 12, end: 12 },
    });
  });

  it('says at once when what was typed is not a number, and keeps no call', () => {
    armStartupDial(document, TEXTS);
    const { form, input, note } = parts();
    type(input, '0912345678');
    pressCall(form);
    type(input, '..');
    pressCall(form);

    expect(note.textContent).toBe('not a number');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(takeStartupDial(document)).toMatchObject({ typed: '..', queued: null, invalid: true });
  });

  it('hands over what was typed even without a Call', () => {
    armStartupDial(document, TEXTS);
    const { input } = parts();
    type(input, '0909');
    input.blur();
    expect(takeStartupDial(document)).toEqual({
      typed: '0909',
      queued: null,
      invalid: false,
      focused: false,
      selection: null,
    });
  });
});

describe("the frame's texts", () => {
  it('are the Vietnamese of the keys they name, which the first script swaps for the language last shown', () => {
    const keyed = [...INDEX_HTML.matchAll(/data-startup-(text|label)="([\w.]+)"/g)];
    expect(keyed.length).toBeGreaterThanOrEqual(5);
    for (const element of document.querySelectorAll<HTMLElement>('[data-startup-text], [data-startup-label]')) {
      const key = element.dataset['startupText'] ?? element.dataset['startupLabel'] ?? '';
      let vi: unknown = resources.vi.translation;
      let en: unknown = resources.en.translation;
      for (const part of key.split('.')) {
        vi = (vi as Record<string, unknown> | undefined)?.[part];
        en = (en as Record<string, unknown> | undefined)?.[part];
      }
      expect(typeof en, `${key} in en`).toBe('string');
      const shown = element.dataset['startupText'] ? element.textContent?.trim() : element.getAttribute('aria-label');
      expect(shown, key).toBe(vi);
    }
  });
});
