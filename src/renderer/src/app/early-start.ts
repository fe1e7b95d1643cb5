import type { Language } from '../../../shared/settings';
import { isPopupRoute } from '../features/screenpop/popup-route';
import { phone as phoneEn } from '../i18n/en.json';
import { waiting as waitingEn } from '../i18n/queuedDial/en.json';
import { waiting as waitingVi } from '../i18n/queuedDial/vi.json';
import { phoneStarting as phoneStartingEn } from '../i18n/startup/en.json';
import { phoneStarting as phoneStartingVi } from '../i18n/startup/vi.json';
import { phone as phoneVi } from '../i18n/vi.json';
import { rememberedPreferences } from './remembered-preferences';
import { armStartupDial } from './startup-dial';

/**
 * The page's first script: one file of a few KiB (electron.vite.config.ts bundles it apart from
 * the app, so it waits for nothing), run as soon as it is here, long before the app's code (React
 * and the rest) has loaded and rendered. It puts the page in the language and theme last shown
 * and makes the frame's dial field work (startup-dial.ts). Its messages come from the app's own
 * files, the few it shows only.
 */

interface FrameTexts {
  readonly 'phone.title': string;
  readonly 'phone.registration': string;
  readonly 'phone.dialLabel': string;
  readonly 'phone.call': string;
  readonly 'phone.invalidNumber': string;
  readonly 'startup.phoneStarting': string;
  readonly 'queuedDial.waiting': string;
}

const TEXTS: Record<Language, FrameTexts> = {
  vi: {
    'phone.title': phoneVi.title,
    'phone.registration': phoneVi.registration,
    'phone.dialLabel': phoneVi.dialLabel,
    'phone.call': phoneVi.call,
    'phone.invalidNumber': phoneVi.invalidNumber,
    'startup.phoneStarting': phoneStartingVi,
    'queuedDial.waiting': waitingVi,
  },
  en: {
    'phone.title': phoneEn.title,
    'phone.registration': phoneEn.registration,
    'phone.dialLabel': phoneEn.dialLabel,
    'phone.call': phoneEn.call,
    'phone.invalidNumber': phoneEn.invalidNumber,
    'startup.phoneStarting': phoneStartingEn,
    'queuedDial.waiting': waitingEn,
  },
};

const isFrameKey = (key: string | undefined): key is keyof FrameTexts => key !== undefined && key in TEXTS.vi;

const remembered = rememberedPreferences();
const language: Language = remembered.language ?? 'vi';
const texts = TEXTS[language];
document.documentElement.lang = language;
if (remembered.theme) document.documentElement.dataset['theme'] = remembered.theme;

// index.html is written in Vietnamese; each text it shows names its key.
for (const element of document.querySelectorAll<HTMLElement>('[data-startup-text]')) {
  const key = element.dataset['startupText'];
  if (isFrameKey(key)) element.textContent = texts[key];
}
for (const element of document.querySelectorAll<HTMLElement>('[data-startup-label]')) {
  const key = element.dataset['startupLabel'];
  if (isFrameKey(key)) element.setAttribute('aria-label', texts[key]);
}

// The popup window loads this page too: it has no phone of its own, and its CSS hides the frame.
if (!isPopupRoute(window.location.hash)) {
  armStartupDial(document, {
    waiting: (number) => texts['queuedDial.waiting'].replace('{{number}}', number),
    invalidNumber: texts['phone.invalidNumber'],
  });
}
