import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, drawRingIcon, encodePng, ringIconPng } from '../../../src/main/shell/png';

// The tray's menu, icons per state and tooltip: test/unit/shell/tray-*.test.ts.

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
