import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useMediaStore } from '../../sip/media-store';
import './phone-media.css';

/**
 * How the call sounds right now, from its latest 2-second sample: a coloured word (good, fair,
 * poor) with the measurements in its tooltip and its accessible name. Nothing until the first
 * sample (media takes a moment to flow). Not a live region: re-announcing every 2 s would drown
 * the call.
 */
export function QualityBadge({ callId }: { callId: string }): ReactElement | null {
  const { t, i18n } = useTranslation();
  const sample = useMediaStore((s) => s.quality[callId]);
  if (!sample) return null;
  const number = (value: number, digits: number): string =>
    value.toLocaleString(i18n.language === 'en' ? 'en' : 'vi', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const details = t('phone.quality.details', {
    mos: number(sample.mos, 1),
    loss: number(sample.lossPct, 1),
    jitter: number(sample.jitterMs, 0),
    rtt: sample.rttMs === undefined ? t('phone.quality.unknownRtt') : number(sample.rttMs, 0),
  });
  const level = t(`phone.quality.level.${sample.level}`);
  return (
    <span
      className={`quality-badge quality-badge--${sample.level}`}
      role="img"
      aria-label={t('phone.quality.label', { level, details })}
      title={details}
      data-testid="quality-badge"
      data-level={sample.level}
    >
      {level}
    </span>
  );
}
