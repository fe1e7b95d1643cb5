import type { z } from 'zod';
import type { AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { malformed } from './api-errors';

export type FieldPath = readonly PropertyKey[];

/** `data[3].caller.number`: the path people read in an error, built from keys only. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(body)' : out;
}

/** Parses with zod and names the first failing field (prefixed by where the value sat). */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  endpoint: string,
  prefix: FieldPath = [],
): Result<z.output<S>, AppError> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])];
  // zod's messages name expected/received types, never the value itself (it may be private).
  return err(malformed(endpoint, formatPath(path), issue?.message ?? 'unexpected shape'));
}

/** Parses each item of an array on its own so the error names the exact index. */
export function parseEach<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  endpoint: string,
  prefix: FieldPath,
): Result<z.output<S>[], AppError> {
  const out: z.output<S>[] = [];
  for (let i = 0; i < items.length; i++) {
    const parsed = parseWith(schema, items[i], endpoint, [...prefix, i]);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
}

const WRAPPER_KEYS = ['data', 'items', 'records', 'histories', 'result', 'docs'] as const;

export interface FoundArray {
  readonly items: readonly unknown[];
  /** Where the array sat in the body, for error paths. */
  readonly path: FieldPath;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * List endpoints answer in undocumented shapes: a bare array, `{data: [...]}`, or an envelope
 * one level deeper (`{data: {docs: [...]}}`). Known wrapper keys win over other array fields
 * so that, say, a `warnings: []` beside `data: [...]` is never mistaken for the list. A known
 * wrapper key holding null means an empty list.
 */
export function findArray(body: unknown, depth = 0): FoundArray | undefined {
  if (Array.isArray(body)) return { items: body, path: [] };
  if (!isPlainObject(body)) return undefined;
  for (const key of WRAPPER_KEYS) {
    const value = body[key];
    if (Array.isArray(value)) return { items: value, path: [key] };
  }
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) return { items: value, path: [key] };
  }
  if (depth === 0) {
    for (const key of WRAPPER_KEYS) {
      const nested = findArray(body[key], depth + 1);
      if (nested) return { items: nested.items, path: [key, ...nested.path] };
    }
  }
  for (const key of WRAPPER_KEYS) {
    if (key in body && body[key] === null) return { items: [], path: [key] };
  }
  return undefined;
}
