import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setFavourite } from '../../../src/main/services/dial';
import { createSettingsService } from '../../../src/main/services/settings';
import { acceleratorFromKeyEvent, DEFAULT_DIAL_SHORTCUT, parseAccelerator } from '../../../src/shared/accelerator';
import { FAVOURITES_MAX } from '../../../src/shared/settings';
import { fakeSecretBox, memoryDocument } from '../settings/fakes';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'antring-dial-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function settingsWith(env: NodeJS.ProcessEnv = {}, provisioning?: object) {
  const file = join(dir, 'provisioning.json');
  if (provisioning) writeFileSync(file, JSON.stringify(provisioning));
  return createSettingsService({
    document: memoryDocument(),
    secretBox: fakeSecretBox(),
    env: provisioning ? { ...env, ANTRING_CONFIG: file } : env,
    osLocale: 'vi-VN',
  });
}

describe('favourites', () => {
  it('adds under the key History uses (E.164), newest first; any spelling of the number removes it', () => {
    const settings = settingsWith();
    expect(setFavourite(settings, '0912 345 678', true)).toEqual({ ok: true, value: ['+84912345678'] });
    expect(setFavourite(settings, '8001', true)).toEqual({ ok: true, value: ['8001', '+84912345678'] });
    // Already there: unchanged, not added twice.
    expect(setFavourite(settings, '+84 912 345 678', true)).toEqual({ ok: true, value: ['8001', '+84912345678'] });
    expect(setFavourite(settings, '84912345678', false)).toEqual({ ok: true, value: ['8001'] });
    expect(settings.view().values.favourites).toEqual(['8001']);
  });

  it('refuses to go past the limit, keeping the list as it was', () => {
    const settings = settingsWith();
    const full = Array.from({ length: FAVOURITES_MAX }, (_, i) => String(1000 + i));
    expect(settings.save({ favourites: full }).ok).toBe(true);
    expect(setFavourite(settings, '0912345678', true)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(settings.view().values.favourites).toHaveLength(FAVOURITES_MAX);
  });

  it('favourites provisioned by IT are used as given and cannot be changed from the app', () => {
    const settings = settingsWith({}, { favourites: ['0912345678', '8001'] });
    expect(settings.view().values.favourites).toEqual(['0912345678', '8001']);
    expect(settings.view().sources.favourites).toBe('file');
    const refused = setFavourite(settings, '0987654321', true);
    expect(refused).toMatchObject({ ok: false, error: { code: 'setting_locked', field: 'favourites' } });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.error.messageVi).toContain('IT');
    expect(settings.view().values.favourites).toEqual(['0912345678', '8001']);
  });
});

describe('the dialShortcut setting', () => {
  it('defaults to CommandOrControl+Alt+D; saved in one spelling; empty turns it off; junk is refused', () => {
    const settings = settingsWith();
    expect(settings.view().values.dialShortcut).toBe(DEFAULT_DIAL_SHORTCUT);
    expect(settings.save({ dialShortcut: ' ctrl+shift+f9 ' }).ok).toBe(true);
    expect(settings.view().values.dialShortcut).toBe('Control+Shift+F9');
    expect(settings.save({ dialShortcut: '' }).ok).toBe(true);
    expect(settings.view().values.dialShortcut).toBe('');
    expect(settings.save({ dialShortcut: 'Ctrl+Alt+Banana' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'dialShortcut' },
    });
    expect(settings.view().values.dialShortcut).toBe('');
  });

  it('IT can set it (ANTRING_DIAL_SHORTCUT): locked; an invalid one is reported and the default used', () => {
    const set = settingsWith({ ANTRING_DIAL_SHORTCUT: 'Super+Alt+K' });
    expect(set.view().values.dialShortcut).toBe('Alt+Super+K');
    expect(set.view().sources.dialShortcut).toBe('env');
    expect(set.save({ dialShortcut: 'Ctrl+Alt+D' })).toMatchObject({ ok: false, error: { code: 'setting_locked' } });
    const invalid = settingsWith({ ANTRING_DIAL_SHORTCUT: 'K' });
    expect(invalid.view().values.dialShortcut).toBe(DEFAULT_DIAL_SHORTCUT);
    expect(invalid.view().problems).toEqual([
      expect.objectContaining({ code: 'config_invalid', field: 'ANTRING_DIAL_SHORTCUT' }),
    ]);
  });
});

describe('accelerators', () => {
  it('reads the spellings Electron accepts and writes one', () => {
    expect(parseAccelerator('CmdOrCtrl+Alt+d')).toEqual({ ok: true, value: 'CommandOrControl+Alt+D' });
    expect(parseAccelerator('shift+option+command+1')).toEqual({ ok: true, value: 'Command+Alt+Shift+1' });
    expect(parseAccelerator('Ctrl++')).toEqual({ ok: true, value: 'Control+Plus' });
    expect(parseAccelerator('Meta+PageDown')).toEqual({ ok: true, value: 'Super+PageDown' });
    expect(parseAccelerator('F13')).toEqual({ ok: true, value: 'F13' });
  });

  it('refuses what would take a plain key from every program, or is not one key', () => {
    expect(parseAccelerator('D')).toEqual({ ok: false, error: 'modifier' });
    expect(parseAccelerator('Shift+D')).toEqual({ ok: false, error: 'modifier' });
    expect(parseAccelerator('Ctrl+Alt')).toEqual({ ok: false, error: 'key' });
    expect(parseAccelerator('Ctrl+A+B')).toEqual({ ok: false, error: 'key' });
    expect(parseAccelerator('Ctrl+Hyper+D')).toEqual({ ok: false, error: 'unknown' });
    expect(parseAccelerator('')).toEqual({ ok: false, error: 'key' });
  });

  it('turns a key press into the accelerator, by the physical key (a Vietnamese layout types đ for D)', () => {
    const press = { key: 'đ', code: 'KeyD', ctrlKey: true, altKey: true, shiftKey: false, metaKey: false };
    expect(acceleratorFromKeyEvent(press, 'other')).toBe('CommandOrControl+Alt+D');
    expect(acceleratorFromKeyEvent({ ...press, ctrlKey: false, metaKey: true }, 'mac')).toBe('CommandOrControl+Alt+D');
    expect(acceleratorFromKeyEvent({ ...press, key: 'Alt', code: 'AltLeft' }, 'other')).toBeUndefined();
    expect(acceleratorFromKeyEvent({ ...press, ctrlKey: false, altKey: false }, 'other')).toBeUndefined();
  });
});
