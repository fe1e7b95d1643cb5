import { inflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';

// tray.ts imports Electron at runtime; only its pure helpers are exercised here.
vi.mock('electron', () => ({ Menu: {}, nativeImage: {}, Tray: class {} }));

const { crc32, drawRingIcon, encodePng, ringIconPng } = await import('../../../src/main/shell/png');
const { tooltipFor, trayMenuTemplate } = await import('../../../src/main/shell/tray');

describe('png encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
  it('writes a PNG whose header and pixels decode back', () => {
    const pixels = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128]);
    const png = encodePng(2, 1, pixels);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(2); // IHDR width
    expect(png.readUInt32BE(20)).toBe(1); // IHDR height
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect([...raw]).toEqual([0, ...pixels]);
  });
  it('draws a ring: opaque on the ring, transparent in the corners and between ring and dot', () => {
    const size = 64;
    const px = drawRingIcon(size);
    const alpha = (x: number, y: number) => px[(y * size + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(32, 32)).toBe(255); // centre dot
    expect(alpha(32, 4)).toBe(255); // on the ring
    expect(alpha(32, 15)).toBe(0); // gap between ring and dot
    expect(ringIconPng(16).length).toBeGreaterThan(50);
  });
});

describe('tray menu', () => {
  const actions = (visible: boolean) => {
    const calls: string[] = [];
    return {
      calls,
      actions: {
        isWindowVisible: () => visible,
        showWindow: () => calls.push('show'),
        hideWindow: () => calls.push('hide'),
        quit: () => calls.push('quit'),
      },
    };
  };
  it('offers Hide when the window is visible, Show when hidden, and always Quit', () => {
    const shown = actions(true);
    const items = trayMenuTemplate(shown.actions, 'en');
    expect(items.map((i) => i.label)).toEqual(['Hide window', 'Quit']);
    for (const item of items) item.click();
    expect(shown.calls).toEqual(['hide', 'quit']);

    const hidden = actions(false);
    const viItems = trayMenuTemplate(hidden.actions, 'vi');
    expect(viItems.map((i) => i.label)).toEqual(['Hiện cửa sổ', 'Thoát']);
    viItems[0]?.click();
    expect(hidden.calls).toEqual(['show']);
  });
  it('tooltip names the product, with the status when there is one', () => {
    expect(tooltipFor(undefined)).toBe('AntRing Companion');
    expect(tooltipFor('Connected')).toBe('AntRing Companion: Connected');
  });
});
