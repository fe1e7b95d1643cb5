import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'AntRing Companion';

/**
 * Where settings and caches live. `ANTRING_DATA_DIR` wins (tests, second profiles);
 * otherwise the same folder Electron uses as `userData` for this product name, so the
 * app, the web host and the `antring` command all read the same settings.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const explicit = env['ANTRING_DATA_DIR']?.trim();
  if (explicit) return explicit;
  switch (platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', PRODUCT_NAME);
    case 'win32':
      return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    default:
      return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), PRODUCT_NAME);
  }
}
