import type { AppError, AppResult } from '../shared/errors';
import type { HostFrame } from './bridge-protocol';

/**
 * Reads a frame from the host in the page, by hand rather than with HostFrameSchema: zod would
 * be most of the script every page load parses. Same rules as the schema (a unit test holds
 * the two together); the host validates everything the page sends on its side anyway.
 */

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptional = (value: unknown, type: 'string' | 'number'): boolean => value === undefined || typeof value === type;

function readError(value: unknown): AppError | null {
  if (!isObject(value)) return null;
  const { code, message, messageVi, field, file, status } = value;
  if (typeof code !== 'string' || typeof message !== 'string' || typeof messageVi !== 'string') return null;
  if (!isOptional(field, 'string') || !isOptional(file, 'string') || !isOptional(status, 'number')) return null;
  return value as unknown as AppError;
}

function readResult(value: unknown): AppResult<unknown> | null {
  if (!isObject(value)) return null;
  // A request answering nothing (`ok(undefined)`) loses `value` in JSON: that is still a success.
  if (value['ok'] === true) return { ok: true, value: value['value'] };
  if (value['ok'] !== false) return null;
  const error = readError(value['error']);
  return error ? { ok: false, error } : null;
}

const isFrameId = (id: unknown): id is number | null =>
  id === null || (typeof id === 'number' && Number.isInteger(id) && id >= 0);

/** The frame, or null when it is not one the host sends. */
export function readHostFrame(raw: unknown): HostFrame | null {
  if (!isObject(raw)) return null;
  if (raw['kind'] === 'event') {
    // Every event carries its payload (null at least), as the schema requires.
    if (typeof raw['name'] !== 'string' || !('payload' in raw)) return null;
    return { kind: 'event', name: raw['name'], payload: raw['payload'] };
  }
  if (raw['kind'] !== 'response' || !isFrameId(raw['id'])) return null;
  const result = readResult(raw['result']);
  return result ? ({ kind: 'response', id: raw['id'], result } as HostFrame) : null;
}
