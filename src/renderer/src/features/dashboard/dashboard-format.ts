import type { TFunction } from 'i18next';
import type { AgentStatus } from '../../../../shared/dashboard';

/** What the screen calls a status: the translated name, or the server's own word for an unknown one. */
export function statusLabel(status: AgentStatus, t: TFunction): string {
  return status.kind === 'other' ? status.raw : t(`dashboard.status.${status.kind}`);
}

/** The CSS modifier a status is coloured by. */
export function statusClass(status: AgentStatus): string {
  return `status--${status.kind.replace('_', '-')}`;
}

/**
 * A duration in words ("12 min 5 s", "12 phút 5 giây"), which screen readers read out
 * correctly, unlike "12:05".
 */
export function formatDuration(totalSeconds: number, t: TFunction): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return t('dashboard.duration.seconds', { seconds: s });
  if (s < 3600) return t('dashboard.duration.minutes', { minutes: Math.floor(s / 60), seconds: s % 60 });
  if (s < 86_400) {
    return t('dashboard.duration.hours', { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60) });
  }
  return t('dashboard.duration.days', { days: Math.floor(s / 86_400), hours: Math.floor((s % 86_400) / 3600) });
}

export function localeFor(language: string): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}

/** A clock time, with the date in front when it is not today (a status held overnight). */
export function formatSince(iso: string, language: string, nowMs: number): string {
  const at = new Date(iso);
  const locale = localeFor(language);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
  const today = new Date(nowMs).toDateString() === at.toDateString();
  if (today) return time;
  const date = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
  return `${date} ${time}`;
}

/** "Updated 12 s ago": whole seconds under a minute, whole minutes after. */
export function formatUpdatedAgo(receivedAt: number, nowMs: number, t: TFunction): string {
  const seconds = Math.max(0, Math.floor((nowMs - receivedAt) / 1000));
  if (seconds < 1) return t('dashboard.updatedJustNow');
  if (seconds < 60) return t('dashboard.updatedSecondsAgo', { seconds });
  return t('dashboard.updatedMinutesAgo', { minutes: Math.floor(seconds / 60) });
}
