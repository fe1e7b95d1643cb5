import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from '../services/json-file';

/**
 * "Closing keeps the app in the tray" is said once, the first time the agent closes the window,
 * then never again on this computer: remembered in a small state file in the data folder
 * (not in the settings: it is not something to set, and IT has no reason to provision it).
 */
export const TRAY_HINTS_FILE = 'tray-hints.json';

const TrayHintsSchema = z.object({ closeToTrayExplained: z.boolean() }).strict();

export interface CloseToTrayHint {
  /** The window was just hidden by a close: says it once (when `tell` could show it). */
  closedToTray(): void;
}

/**
 * `tell` shows the notification and answers whether it could (an OS without notifications has
 * not told anybody: it is tried again next time). A file that cannot be written still stops the
 * repeats for this run.
 */
export function createCloseToTrayHint(
  dataDir: string,
  tell: () => boolean,
  warn: (message: string) => void = () => undefined,
): CloseToTrayHint {
  const path = join(dataDir, TRAY_HINTS_FILE);
  let explained: boolean | undefined;
  const known = (): boolean => {
    if (explained !== undefined) return explained;
    const read = readJsonFile(path, TrayHintsSchema);
    if (!read.ok) warn(read.error.message);
    explained = read.ok && read.value?.closeToTrayExplained === true;
    return explained;
  };
  return {
    closedToTray() {
      if (known() || !tell()) return;
      explained = true;
      try {
        writeJsonFile(path, { closeToTrayExplained: true });
      } catch {
        warn(`${path} could not be written; the close-to-tray hint may show again next time.`);
      }
    },
  };
}
