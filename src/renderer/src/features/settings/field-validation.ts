import type { z } from 'zod';
import {
  PublicSettingsSchema,
  SecretsSchema,
  type PublicSettingKey,
  type PublicSettings,
  type SecretKey,
} from '../../../../shared/settings';

/** A message to show, as an i18n key plus its values: the form translates at render time. */
export interface FieldMessage {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export type FieldCheck<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: FieldMessage };

type Issue = z.core.$ZodIssue;

/**
 * Turns a zod issue from the shared settings schemas into a translated message. The custom
 * refinements in settings.ts say which scheme they want only in their (English) message, so
 * that text is what tells "http(s)" from "ws(s)" apart.
 */
export function messageForIssue(issue: Issue): FieldMessage {
  switch (issue.code) {
    case 'invalid_union': {
      // Unions here are "empty, or a real value": explain what the real value needs.
      const branches = issue.errors.filter((branch) => branch[0] && branch[0].code !== 'invalid_value');
      const inner = (branches[branches.length - 1] ?? issue.errors[issue.errors.length - 1])?.[0];
      return inner ? messageForIssue(inner) : { key: 'validation.invalid' };
    }
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'url') return { key: 'validation.url' };
      return { key: 'validation.invalid' };
    case 'custom':
      if (issue.message.includes('must be encrypted')) return { key: 'validation.insecureUrl' };
      if (issue.message.includes('ws://')) return { key: 'validation.wsUrl' };
      if (issue.message.includes('http://')) return { key: 'validation.httpUrl' };
      return { key: 'validation.invalid' };
    case 'too_big':
      return issue.origin === 'array'
        ? { key: 'validation.tooMany', values: { max: Number(issue.maximum) } }
        : { key: 'validation.tooLong', values: { max: Number(issue.maximum) } };
    case 'too_small':
    case 'invalid_type':
    case 'unrecognized_keys':
      return { key: 'validation.iceServers' };
    default:
      return { key: 'validation.invalid' };
  }
}

function check<T>(schema: z.ZodType<T>, raw: unknown): FieldCheck<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue ? messageForIssue(issue) : { key: 'validation.invalid' } };
}

/** Validates one public setting with the same schema the host uses. */
export function checkSetting<K extends PublicSettingKey>(key: K, raw: unknown): FieldCheck<PublicSettings[K]> {
  return check(PublicSettingsSchema.shape[key] as unknown as z.ZodType<PublicSettings[K]>, raw);
}

export function checkSecret(key: SecretKey, raw: string): FieldCheck<string> {
  return check(SecretsSchema.shape[key], raw);
}

/** ICE servers are edited as JSON text: parse it, then apply the schema. */
export function checkIceServersText(text: string): FieldCheck<PublicSettings['iceServers']> {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? [] : JSON.parse(text);
  } catch {
    return { ok: false, message: { key: 'validation.json' } };
  }
  if (!Array.isArray(parsed)) return { ok: false, message: { key: 'validation.iceServers' } };
  return checkSetting('iceServers', parsed);
}
