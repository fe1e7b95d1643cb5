import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { HookData } from './hooks';

/**
 * Preloaded with `node --import <built register.mjs>` into the process that runs the built
 * main bundle: from here on, 'electron' is the recording stand-in (electron.cjs, built next
 * to this file by build.ts).
 */

const standInUrl = new URL('./electron.cjs', import.meta.url).href;
const standInPath = fileURLToPath(standInUrl);

register<HookData>('./hooks.mjs', import.meta.url, { data: { standInUrl } });

// require('electron') from CommonJS packages (electron-log) does not go through the ESM hooks:
// point Node's CommonJS resolution at the same file.
type ResolveFilename = (this: unknown, request: string, ...rest: unknown[]) => string;
const commonJs = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = commonJs._resolveFilename;
commonJs._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standInPath : resolveFilename.call(this, request, ...rest);
};
