/** `75.4` → `1:15`; an hour or more → `1:02:05`. Rounded down: the display never runs ahead of the audio. */
export function formatPlaybackTime(totalSeconds: number): string {
  const s = Number.isFinite(totalSeconds) ? Math.max(0, Math.floor(totalSeconds)) : 0;
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Whole minutes and seconds, for words a screen reader speaks ("1 min 15 sec"). */
export function minutesAndSeconds(totalSeconds: number): { minutes: number; seconds: number } {
  const s = Number.isFinite(totalSeconds) ? Math.max(0, Math.floor(totalSeconds)) : 0;
  return { minutes: Math.floor(s / 60), seconds: s % 60 };
}
