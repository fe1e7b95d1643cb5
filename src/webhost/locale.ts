/**
 * The locale a terminal user runs with: LC_ALL > LC_MESSAGES > LANG (POSIX order), then
 * whatever Intl reports. "vi_VN.UTF-8" becomes "vi-VN".
 */
export function osLocaleFromEnv(env: NodeJS.ProcessEnv): string {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const raw = env[name]?.trim();
    if (!raw || raw === 'C' || raw === 'POSIX') continue;
    const base = raw.split(/[.@]/)[0];
    if (base) return base.replace('_', '-');
  }
  return Intl.DateTimeFormat().resolvedOptions().locale;
}
