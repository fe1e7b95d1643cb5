import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { build as buildWithEsbuild } from 'esbuild';
import type { Plugin } from 'vite';

/**
 * Vite writes the entry `<script type="module">` into <head>; this moves it to the end of
 * <body>, after the startup frame in index.html. A module script runs after parsing wherever it
 * stands (its chunks still start loading from <head>: the modulepreload links stay there), but a
 * script a host puts in front of it (the web host's bridge, a classic script) no longer holds
 * back the parsing, and so the painting, of the frame.
 */
function entryScriptAfterFrame(): Plugin {
  return {
    name: 'antring:entry-script-after-frame',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const entries = html.match(/[ \t]*<script type="module"[^>]*><\/script>\n?/g) ?? [];
        if (entries.length === 0) return html;
        if (process.env.SF_NOPRELOAD)
          return entries
            .reduce((page, tag) => page.replace(tag, ''), html)
            .replace(/([ \t]*)<\/body>/, (end) => entries.join('') + end)
            .replace(/<link rel="modulepreload"[^>]*>\n?/g, '');
        // Fetched from <head> all the same, as soon as the page starts parsing.
        const preloads = entries
          .map((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1])
          .filter((src): src is string => src !== undefined)
          .map((src) => `<link rel="modulepreload" crossorigin href="${src}">\n    `)
          .join('');
        const rest = entries
          .reduce((page, tag) => page.replace(tag, ''), html)
          .replace(/<link rel="modulepreload"|<link rel="stylesheet"|<\/head>/, (first) => `${preloads}${first}`);
        return rest.replace(
          /([ \t]*)<\/body>/,
          (end, indent: string) => `${entries.map((tag) => `${indent}  ${tag.trim()}\n`).join('')}${end}`,
        );
      },
    },
  };
}

/**
 * The page's first script (src/renderer/src/app/early-start.ts: the page's language and theme,
 * and the frame's working dial field), bundled here with esbuild into one classic file of a few
 * KiB, apart from the app: as an entry of the app's build it would share chunks with it, and each
 * file more is one more wait (the page fetches at most six at a time from the host). A classic
 * script right after the frame (the form it arms is parsed by then), asked for first: the browser
 * runs it as soon as it and the stylesheet are here, while parsing, before the paint that follows
 * and long before the app's module scripts, which run only once the page is parsed. The dev
 * server serves it from source.
 */
function earlyStartScript(): Plugin {
  const entry = resolve('src/renderer/src/app/early-start.ts');
  let built: { readonly fileName: string; readonly code: string } | null = null;
  let serving = false;
  return {
    name: 'antring:early-start-script',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    async buildStart() {
      if (serving) return;
      const result = await buildWithEsbuild({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'chrome120',
        minify: true,
        legalComments: 'none',
        logLevel: 'silent',
      });
      const code = result.outputFiles[0]?.text ?? '';
      const hash = createHash('sha256').update(code).digest('base64url').slice(0, 8);
      built = { fileName: `assets/early-start-${hash}.js`, code };
      this.addWatchFile(entry);
    },
    generateBundle() {
      if (built) this.emitFile({ type: 'asset', fileName: built.fileName, source: built.code });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tag = built
          ? `<script src="./${built.fileName}"></script>`
          : '<script type="module" src="/src/app/early-start.ts"></script>';
        // Asked for first, ahead of the app's files: the parser reaches its tag only at the end.
        const preload = built ? `<link rel="preload" as="script" fetchpriority="high" href="./${built.fileName}">` : '';
        return html
          .replace(
            /([ \t]*)(<link rel="modulepreload"|<link rel="stylesheet"|<\/head>)/,
            (_match, indent: string, first: string) =>
              preload ? `${indent}${preload}\n${indent}${first}` : `${indent}${first}`,
          )
          .replace(
            /([ \t]*)(<script type="module")/,
            (_match, indent: string, first: string) => `${indent}${tag}\n${indent}${first}`,
          );
      },
    },
  };
}

/**
 * Everything the app's entry imports statically (what runs before the Phone screen is there),
 * in one chunk rather than the handful of small ones automatic splitting makes of what it
 * shares with the lazy chunks: the page fetches at most six files at a time from the host, so
 * each extra file at startup waits for a free one. What only the lazy chunks need stays with them.
 */
function startupChunk(entry: string): { plugin: Plugin; has(id: string): boolean } {
  const startup = new Set<string>();
  return {
    has: (id) => startup.has(id),
    plugin: {
      name: 'antring:startup-chunk',
      apply: 'build',
      buildEnd() {
        startup.clear();
        const reach = (from: string): Set<string> => {
          const seen = new Set<string>();
          const pending = [from];
          for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
            if (seen.has(id)) continue;
            seen.add(id);
            pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
          }
          return seen;
        };
        for (const id of reach(entry)) startup.add(id);
      },
    },
  };
}

const rendererStartup = startupChunk(resolve('src/renderer/src/main.tsx'));

// Main-process bundle also carries the two headless hosts (the `antring` command and the web
// host): they create the same services, so they ship from the same build.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/index.ts'),
          webhost: resolve('src/webhost/index.ts'),
          // The call-history store's SQLite thread (worker_threads): found next to these at run time.
          'history-worker': resolve('src/main/services/history-store/worker/history-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot load ES modules or other files: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react(), entryScriptAfterFrame(), earlyStartScript(), rendererStartup.plugin],
    build: {
      outDir: 'out/renderer',
      // The app is opened many times a day and must paint as fast as a bare page: the shipped
      // bundle is minified. No source maps: they would double what the package carries and
      // hand out the sources; a developer debugging a build rebuilds with --sourcemap.
      minify: true,
      sourcemap: false,
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') },
        output: {
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [{ name: 'startup', test: (id: string) => rendererStartup.has(id) }],
          },
        },
      },
    },
  },
});
