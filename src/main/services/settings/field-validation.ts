import type { z } from 'zod';
import { PublicSettingsSchema, SecretsSchema, type SettingKey, type Settings } from '../../../shared/settings';
import { describeZodIssue } from '../../../shared/zod-errors';

const fieldSchemas = { ...PublicSettingsSchema.shape, ...SecretsSchema.shape } as Record<SettingKey, z.ZodTypeAny>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(fieldSchemas, key);
}

/** Validates one setting on its own, so one bad value never discards the others. */
export function validateSetting<K extends SettingKey>(
  key: K,
  value: unknown,
): { ok: true; value: Settings[K] } | { ok: false; reason: string } {
  const parsed = fieldSchemas[key].safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as Settings[K] };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? describeZodIssue({ ...issue, path: [] }) : 'invalid value' };
}
