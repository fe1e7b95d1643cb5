import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
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
    plugins: [react(), entryScriptAfterFrame()],
    build: {
      outDir: 'out/renderer',
      // The app is opened many times a day and must paint as fast as a bare page: the shipped
      // bundle is minified. No source maps: they would double what the package carries and
      // hand out the sources; a developer debugging a build rebuilds with --sourcemap.
      minify: true,
      sourcemap: false,
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') },
      },
    },
  },
});
