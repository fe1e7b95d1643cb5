import { appError, type AppResult } from '../../../shared/errors';
import { err, ok } from '../../../shared/result';

/** The values a CRM template can use; a missing value becomes an empty string. */
export interface CrmValues {
  /** The caller's number as the platform delivered it. */
  readonly number?: string;
  /** `+84912345678`. */
  readonly number_e164?: string;
  /** `0912345678`. */
  readonly number_local?: string;
  readonly callId?: string;
  readonly did?: string;
  readonly queue?: string;
  /** This agent's SIP user. */
  readonly agent?: string;
}

const PLACEHOLDER = /\{(number_e164|number_local|number|callId|did|queue|agent)\}/g;

function invalidTemplate(en: string, vi: string) {
  return appError('config_invalid', `The CRM link template ${en}.`, `Mẫu liên kết CRM ${vi}.`, {
    field: 'crmUrlTemplate',
  });
}

/**
 * Fills a CRM link template such as `https://crm.example.vn/search?phone={number_local}`.
 * Every value is URL-encoded, so a caller name or number can never change the link's shape.
 * Settings already reject non-web templates; the check is repeated on the final URL because a
 * template is also read from provisioning files and the environment, and the result is handed
 * to the OS, which would run whatever program a `file:` or custom scheme points at.
 */
export function buildCrmUrl(template: string, values: CrmValues): AppResult<string> {
  const trimmed = template.trim();
  if (trimmed === '') return err(invalidTemplate('is not set', 'chưa được đặt'));
  if (!/^https?:\/\//i.test(trimmed))
    return err(invalidTemplate('must start with http:// or https://', 'phải bắt đầu bằng http:// hoặc https://'));
  const filled = trimmed.replace(PLACEHOLDER, (_match, key: keyof CrmValues) => encodeURIComponent(values[key] ?? ''));
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return err(invalidTemplate('does not give a valid web address', 'không tạo ra địa chỉ web hợp lệ'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return err(invalidTemplate('must start with http:// or https://', 'phải bắt đầu bằng http:// hoặc https://'));
  }
  // The filled string is what the agent sees and copies; openers may normalise it (new URL().href),
  // which changes no meaning since every placeholder value is already percent-encoded.
  return ok(filled);
}
