import { deflateSync } from 'node:zlib';

/**
 * A tiny PNG encoder (8-bit RGBA, no filtering) so icons can be drawn in code instead of
 * shipping binary files or adding an image package.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('rgba length does not match the size');
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter type: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, row + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export type Rgb = readonly [number, number, number];

/** The AntRing mark: a ring with a dot in the middle, antialiased, on a transparent background. */
export function drawRingIcon(size: number, color: Rgb = [0, 122, 204]): Uint8Array {
  return drawRingWithCentre(size, color, 'dot');
}

/** What sits inside the ring: the shape tells the states apart too, not only the colour (colour blindness). */
export type RingCentre = 'dot' | 'cross' | 'bar' | 'disc';

/** Coverage (0..1) of the centre mark at offset (dx, dy) from the middle, antialiased like the ring. */
function centreCoverage(centre: RingCentre, size: number, dx: number, dy: number): number {
  const d = Math.hypot(dx, dy);
  switch (centre) {
    case 'dot':
      return clamp(size * 0.16 - d + 0.5);
    case 'disc':
      // Fills the ring's inside up to a thin gap: reads as "busy" at 16 px.
      return clamp(size * 0.25 - d + 0.5);
    case 'bar': {
      // A no-entry bar, as on a road sign.
      const halfWidth = size * 0.22;
      const halfHeight = Math.max(1, size * 0.07);
      return Math.min(clamp(halfWidth - Math.abs(dx) + 0.5), clamp(halfHeight - Math.abs(dy) + 0.5));
    }
    case 'cross': {
      const half = Math.max(0.75, size * 0.055);
      const toDiagonal = Math.min(Math.abs(dx - dy), Math.abs(dx + dy)) / Math.SQRT2;
      return Math.min(clamp(half - toDiagonal + 0.5), clamp(size * 0.2 - d + 0.5));
    }
  }
}

/** The ring with another mark inside (the tray's states); `drawRingIcon` is the plain mark. */
export function drawRingWithCentre(size: number, color: Rgb, centre: RingCentre): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const middle = (size - 1) / 2;
  const outer = size * 0.47;
  const inner = size * 0.33;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - middle, y - middle);
      const ring = Math.min(clamp(outer - d + 0.5), clamp(d - inner + 0.5));
      const alpha = Math.max(ring, centreCoverage(centre, size, x - middle, y - middle));
      const i = (y * size + x) * 4;
      pixels[i] = color[0];
      pixels[i + 1] = color[1];
      pixels[i + 2] = color[2];
      pixels[i + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

function clamp(v: number): number {
  return Math.min(1, Math.max(0, v));
}

export function ringIconPng(size: number, color?: Rgb): Buffer {
  return encodePng(size, size, drawRingIcon(size, color));
}
