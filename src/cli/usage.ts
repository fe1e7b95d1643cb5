import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { appError, type AppError } from '../shared/errors';
import { err, ok, type Result } from '../shared/result';

/** A usage mistake: exit 2, nothing sent. */
export function usageError(en: string, vi: string, field?: string): AppError {
  return appError('invalid_input', en, vi, field !== undefined ? { field } : {});
}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface RawArgs {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * node:util parseArgs, strict, as a Result. Its own messages are plain English sentences
 * naming the option ("Unknown option '--x'"), which is what people need to read.
 */
export function parseRaw(
  command: string,
  argv: readonly string[],
  options: Options,
  positionals: { min: number; max: number; names: string },
): Result<RawArgs, AppError> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true, allowNegative: false });
  } catch (cause) {
    const detail =
      cause instanceof Error ? (cause.message.split('\n')[0]?.replace(/\.$/, '') ?? 'bad arguments') : 'bad arguments';
    return err(usageError(`antring ${command}: ${detail}.`, `antring ${command}: tham số không hợp lệ (${detail}).`));
  }
  const count = parsed.positionals.length;
  if (count < positionals.min) {
    return err(
      usageError(`antring ${command} needs ${positionals.names}.`, `antring ${command} cần ${positionals.names}.`),
    );
  }
  if (count > positionals.max) {
    const extra = parsed.positionals[positionals.max] ?? '';
    return err(
      usageError(`antring ${command}: unexpected argument "${extra}".`, `antring ${command}: thừa tham số "${extra}".`),
    );
  }
  const values: Record<string, string | boolean | undefined> = {};
  for (const [key, value] of Object.entries(parsed.values)) {
    values[key] = Array.isArray(value) ? String(value[value.length - 1]) : value;
  }
  return ok({ values, positionals: parsed.positionals });
}

export function stringValue(raw: RawArgs, name: string): string | undefined {
  const value = raw.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(raw: RawArgs, name: string): boolean {
  return raw.values[name] === true;
}

/** `--name N` as a whole number in [min, max]; undefined when absent. */
export function intOption(raw: RawArgs, name: string, min: number, max: number): Result<number | undefined, AppError> {
  const text = stringValue(raw, name);
  if (text === undefined) return ok(undefined);
  const schema = z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
  const parsed = schema.safeParse(text);
  if (parsed.success) return ok(parsed.data);
  return err(
    usageError(
      `--${name} must be a whole number from ${min} to ${max}.`,
      `--${name} phải là số nguyên từ ${min} đến ${max}.`,
      name,
    ),
  );
}

/** `--name X` as a decimal number in [min, max]; undefined when absent. */
export function numberOption(
  raw: RawArgs,
  name: string,
  min: number,
  max: number,
): Result<number | undefined, AppError> {
  const text = stringValue(raw, name);
  if (text === undefined) return ok(undefined);
  const schema = z
    .string()
    .trim()
    .regex(/^-?(\d+(\.\d*)?|\.\d+)$/)
    .transform(Number)
    .pipe(z.number().min(min).max(max));
  const parsed = schema.safeParse(text);
  if (parsed.success) return ok(parsed.data);
  return err(
    usageError(`--${name} must be a number from ${min} to ${max}.`, `--${name} phải là số từ ${min} đến ${max}.`, name),
  );
}

export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
