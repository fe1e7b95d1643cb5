import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Bundles the stand-in (TypeScript here) into plain files Node can preload in a child process:
 * electron.cjs (the module, zod included), hooks.mjs and register.mjs. Returns the URL to pass
 * to `node --import`.
 */
export async function buildElectronStandIn(outDir: string): Promise<{ readonly registerUrl: string }> {
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' } as const;
  await Promise.all([
    // CommonJS, so that ESM importers (named and default imports) and require() share one instance;
    // esbuild annotates the export names for Node's CommonJS named-export detection.
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'electron.ts')],
      format: 'cjs',
      outfile: join(outDir, 'electron.cjs'),
    }),
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'hooks.ts')],
      format: 'esm',
      outfile: join(outDir, 'hooks.mjs'),
    }),
    build({
      ...common,
      entryPoints: [join(import.meta.dirname, 'register.ts')],
      format: 'esm',
      outfile: join(outDir, 'register.mjs'),
    }),
  ]);
  return { registerUrl: pathToFileURL(join(outDir, 'register.mjs')).href };
}
