import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { eventNames, requestNames } from '../shared/contract';
import { appError, type AppResult } from '../shared/errors';
import { err, ok } from '../shared/result';

type Esbuild = typeof import('esbuild');

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Where bridge-client.ts is: next to this file when run from source (tests), or in the
 * project's src/ when run from the build (out/main/webhost.js).
 */
export function findBridgeClientSource(): string | null {
  const candidates = [join(here, 'bridge-client.ts'), join(here, '..', '..', 'src', 'webhost', 'bridge-client.ts')];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/**
 * Swaps bridge-channels.ts (which re-exports the contract, and so zod and every schema) for the
 * contract's two lists of names, read here, on the host: the page needs only the names (the
 * host validates every frame), and the contract stays the one place a channel is declared.
 */
const channelNamesOnly: Plugin = {
  name: 'antring:channel-names-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/bridge-channels$/ }, () => ({ path: 'bridge-channels', namespace: 'antring' }));
    build.onLoad({ filter: /^bridge-channels$/, namespace: 'antring' }, () => ({
      contents: `export const requestNames = ${JSON.stringify(requestNames)};\nexport const eventNames = ${JSON.stringify(eventNames)};\n`,
      loader: 'js',
    }));
  },
};

/**
 * Bundles the browser side of the bridge with esbuild (a dependency of vite) when the web
 * host starts. It is built here rather than by electron-vite so the Electron app never
 * carries it. The module name is a variable so the main-process bundler leaves the import
 * alone and Node resolves esbuild from node_modules at run time.
 */
export async function buildBridgeScript(): Promise<AppResult<string>> {
  const entry = findBridgeClientSource();
  if (!entry) {
    return err(
      appError(
        'internal',
        'The web host cannot find src/webhost/bridge-client.ts; run it from a checkout of the project.',
        'Web host không tìm thấy src/webhost/bridge-client.ts; hãy chạy từ mã nguồn của dự án.',
      ),
    );
  }
  const moduleName = 'esbuild';
  let esbuild: Esbuild;
  try {
    esbuild = (await import(/* @vite-ignore */ moduleName)) as Esbuild;
  } catch {
    return err(
      appError(
        'internal',
        'The web host needs esbuild (installed with vite); run npm ci.',
        'Web host cần esbuild (đi kèm vite); hãy chạy npm ci.',
      ),
    );
  }
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [channelNamesOnly],
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('no output');
    return ok(output.text);
  } catch {
    return err(
      appError(
        'internal',
        'Building the web host bridge script failed.',
        'Không dựng được script cầu nối của web host.',
      ),
    );
  }
}
