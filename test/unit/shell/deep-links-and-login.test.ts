import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../src/shared/settings';
import { findDialUrl, isDialUrl } from '../../../src/main/shell/deep-links';
import { syncStartAtLogin } from '../../../src/main/shell/login-item';

describe('dial links', () => {
  it('finds the first tel:/callto:/sip: argument among Chromium switches', () => {
    expect(
      findDialUrl(['/opt/antring/antring', '--no-sandbox', '--allow-file-access-from-files', 'tel:+84901234567']),
    ).toBe('tel:+84901234567');
    expect(findDialUrl(['antring', 'CALLTO:0901234567', 'sip:1001@pbx.example'])).toBe('CALLTO:0901234567');
    expect(findDialUrl(['antring', '--flag', 'https://evil.example/', 'telnet:host'])).toBeUndefined();
  });
  it('takes an overlong link as a link (the dial service says it is not a number), but not a giant argument', () => {
    // (More in deep-links.test.ts and test/unit/dial/dial-text.test.ts.)
    expect(isDialUrl(`tel:${'9'.repeat(600)}`)).toBe(true);
    expect(isDialUrl(`tel:${'9'.repeat(70_000)}`)).toBe(false);
  });
});

describe('syncStartAtLogin', () => {
  function fakeSettings(initial: boolean) {
    let listener: ((view: SettingsView) => void) | undefined;
    const view = (startAtLogin: boolean) => ({ values: { startAtLogin } }) as SettingsView;
    return {
      settings: {
        view: () => view(initial),
        onChange: (l: (v: SettingsView) => void) => {
          listener = l;
          return () => {
            listener = undefined;
          };
        },
      },
      change: (startAtLogin: boolean) => listener?.(view(startAtLogin)),
    };
  }

  it('applies the setting at start and again only when it changes', () => {
    const calls: boolean[] = [];
    const fake = fakeSettings(false);
    const stop = syncStartAtLogin(fake.settings, { setLoginItemSettings: (s) => calls.push(s.openAtLogin) });
    fake.change(false); // unrelated settings change
    fake.change(true);
    fake.change(true);
    fake.change(false);
    stop();
    fake.change(true);
    expect(calls).toEqual([false, true, false]);
  });
});
