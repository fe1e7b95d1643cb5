import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIAL_SCHEMES } from '../../../src/main/shell/deep-links';
import { checkElectronFuses, REQUIRED_ELECTRON_FUSES } from '../../../scripts/fuses-check';

// electron-builder cannot run here (it downloads Electron), so pin the config's structure.
const root = join(import.meta.dirname, '../../..');
const ConfigSchema = z.object({
  appId: z.literal('com.antbuddy.antring-companion'),
  productName: z.literal('AntRing Companion'),
  files: z.array(z.string()),
  directories: z.object({ buildResources: z.string() }),
  protocols: z.array(z.object({ name: z.string(), schemes: z.array(z.string()) })),
  linux: z.object({
    target: z.array(z.string()),
    category: z.string(),
    mimeTypes: z.array(z.string()),
    icon: z.string(),
  }),
  win: z.object({ target: z.array(z.string()) }),
  mac: z.object({
    target: z.array(z.string()),
    entitlements: z.string(),
    extendInfo: z.object({ NSMicrophoneUsageDescription: z.string() }),
  }),
});

const raw: unknown = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'));
const config = ConfigSchema.parse(raw);

describe('electron-builder.json', () => {
  it('packages only the build output', () => {
    expect(config.files).toEqual(['out/**']);
  });
  it('registers every dial scheme the app handles, on all platforms', () => {
    expect(config.protocols.flatMap((p) => p.schemes).sort()).toEqual([...DIAL_SCHEMES].sort());
    expect(config.linux.mimeTypes.sort()).toEqual(DIAL_SCHEMES.map((s) => `x-scheme-handler/${s}`).sort());
  });
  it('builds AppImage + deb, NSIS and DMG', () => {
    expect(config.linux.target.sort()).toEqual(['AppImage', 'deb']);
    expect(config.linux.category.split(';')).toEqual(['Office', 'Telephony']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });
  it('explains microphone use in Vietnamese and English, and entitles it', () => {
    const text = config.mac.extendInfo.NSMicrophoneUsageDescription;
    expect(text).toMatch(/micro /); // Vietnamese
    expect(text).toMatch(/microphone/);
    expect(readFileSync(join(root, config.mac.entitlements), 'utf8')).toContain(
      'com.apple.security.device.audio-input',
    );
  });
  it('points at icon files that exist and are PNGs', () => {
    const icon = readFileSync(join(root, config.linux.icon));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(existsSync(join(root, config.directories.buildResources))).toBe(true);
  });
  it('flips the Electron fuses that close the ways around the app, exactly as the security check wants', () => {
    expect(raw).toMatchObject({
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableCookieEncryption: true,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        grantFileProtocolExtraPrivileges: false,
      },
    });
    expect(checkElectronFuses(raw)).toMatchObject({ ok: true });
  });
  it('uses only fuse names electron-builder knows', () => {
    const scheme: unknown = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const known = z
      .object({ definitions: z.object({ FuseOptionsV1: z.object({ properties: z.record(z.string(), z.unknown()) }) }) })
      .parse(scheme).definitions.FuseOptionsV1.properties;
    for (const name of Object.keys(REQUIRED_ELECTRON_FUSES)) expect(Object.keys(known), name).toContain(name);
  });
});

describe('the fuses check of npm run security', () => {
  const good = { electronFuses: { ...REQUIRED_ELECTRON_FUSES } };

  it('accepts exactly the required fuses, with one line saying so', () => {
    const checked = checkElectronFuses(good);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.summary).not.toContain('\n');
    // The V8 snapshot fuse stays off: left out, or said false.
    expect(
      checkElectronFuses({ electronFuses: { ...good.electronFuses, loadBrowserProcessSpecificV8Snapshot: false } }).ok,
    ).toBe(true);
  });

  it('names every wrong or missing fuse on a line of its own', () => {
    const { onlyLoadAppFromAsar: _left, ...withoutAsar } = REQUIRED_ELECTRON_FUSES;
    const checked = checkElectronFuses({
      electronFuses: { ...withoutAsar, runAsNode: true, enableCookieEncryption: 'yes' },
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toHaveLength(3);
    expect(checked.problems.find((line) => line.includes('runAsNode'))).toMatch(/must be false.*true/);
    expect(checked.problems.find((line) => line.includes('enableCookieEncryption'))).toMatch(/must be true/);
    expect(checked.problems.find((line) => line.includes('onlyLoadAppFromAsar'))).toMatch(/missing/);
    for (const line of checked.problems) expect(line).not.toContain('\n');
  });

  it('refuses fuses it does not ask for, and a V8 snapshot fuse turned on', () => {
    const checked = checkElectronFuses({
      electronFuses: { ...good.electronFuses, loadBrowserProcessSpecificV8Snapshot: true, madeUpFuse: true },
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.problems).toHaveLength(2);
      expect(checked.problems.join('\n')).toContain('loadBrowserProcessSpecificV8Snapshot');
      expect(checked.problems.join('\n')).toContain('madeUpFuse');
    }
  });

  it('says so when there are no fuses at all, or the config is not an object', () => {
    for (const bad of [{}, { electronFuses: null }, { electronFuses: [] }, null, 'text']) {
      const checked = checkElectronFuses(bad);
      expect(checked.ok, JSON.stringify(bad)).toBe(false);
      if (!checked.ok) expect(checked.problems).toHaveLength(1);
    }
  });
});
