import type { InitializeHook, ResolveHook } from 'node:module';

/**
 * ESM loader hooks (module.register, run off the main thread by Node): `import ... from
 * 'electron'` in the built main bundle and in ESM packages (electron-store) resolves to the
 * stand-in instead of the electron package, whose index only returns the binary's path.
 */

export interface HookData {
  readonly standInUrl: string;
}

let standInUrl = '';

export const initialize: InitializeHook<HookData> = (data) => {
  standInUrl = data.standInUrl;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  // CommonJS: one module instance shared with require('electron') (register.ts), so every
  // importer, ESM or not, sees the same app, windows and records.
  if (specifier === 'electron') return { url: standInUrl, format: 'commonjs', shortCircuit: true };
  return nextResolve(specifier, context);
};
