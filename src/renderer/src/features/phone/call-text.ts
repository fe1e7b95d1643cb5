import type { TFunction } from 'i18next';
import type { PhoneCall } from '../../sip/phone-state';

/** SIP statuses with words of their own; any other is quoted by number. */
const WORDED_STATUSES = new Set([403, 404, 408, 410, 480, 484, 486, 487, 488, 500, 503, 600, 603]);

/** A SIP status for people: `486` → "busy", `499` → "SIP 499". */
export function sipStatusWords(status: number, t: TFunction): string {
  return WORDED_STATUSES.has(status) ? t(`phone.sipStatus.${status}`) : t('phone.sipStatus.other', { status });
}

/** How a call ended, in one sentence; undefined while it has not. */
export function endedText(call: PhoneCall, t: TFunction): string | undefined {
  const status = call.status;
  if (status.kind !== 'ended') return undefined;
  if (status.reason === 'refused')
    return t('phone.ended.refused', {
      why: status.sipStatus !== undefined ? sipStatusWords(status.sipStatus, t) : t('phone.sipStatus.unknown'),
    });
  if (status.reason === 'connection-lost') return t('sip-faults.ended.connection-lost');
  return t(`phone.ended.${status.reason}`);
}

/** Why a transfer failed, in one sentence; undefined unless it did. */
export function transferFailedText(call: PhoneCall, t: TFunction): string | undefined {
  const transfer = call.transfer;
  if (transfer?.kind !== 'failed') return undefined;
  return transfer.sipStatus !== undefined
    ? t('phone.transferFailed', { target: transfer.target, why: sipStatusWords(transfer.sipStatus, t) })
    : t('phone.transferFailedNoReason', { target: transfer.target });
}
