import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIAL_SCHEMES } from '../../../src/main/shell/deep-links';

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

const config = ConfigSchema.parse(JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')));

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
});
