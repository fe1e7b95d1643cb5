import type { Json } from './protocol';

/** Stand-in objects name themselves in records ("BrowserWindow#1") instead of being dumped. */
export const REF = Symbol('stand-in reference');

export interface Referable {
  readonly [REF]: string;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

function isReferable(value: object): value is Referable {
  return REF in value;
}

/**
 * Any argument the main process passed to Electron, as JSON the test can read: functions,
 * byte buffers, errors and stand-in objects become small descriptions; cycles and deep
 * nesting are cut. Never throws.
 */
export function toJson(value: unknown, depth = 0, seen: Set<object> = new Set()): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'function') return { $function: value.name || 'anonymous' };
  if (typeof value !== 'object') return String(value);
  if (isReferable(value)) return { $ref: value[REF] };
  if (value instanceof Uint8Array) return { $bytes: value.length, png: isPng(value) };
  if (value instanceof Error) return { $error: value.name, message: value.message };
  if (value instanceof Promise) return { $promise: true };
  if (seen.has(value) || depth > 6) return '[cut]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item: unknown) => toJson(item, depth + 1, seen));
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toJson(item, depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}
