#!/usr/bin/env node
// `npm start`: build, then run the desktop app. Electron fetches its binary on first run; where
// that is impossible (an offline build machine) say so in one line and serve the same app
// through the web host instead, so the command still shows the product.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electronPath;
try {
  // Resolving the package downloads the binary on first use (Electron ≥ 42).
  electronPath = require('electron');
} catch (error) {
  console.error(
    `AntRing Companion: no Electron binary (${error instanceof Error ? error.message.split('\n')[0] : 'unavailable'}); ` +
      'run `npx install-electron` or set ELECTRON_OVERRIDE_DIST_PATH. Starting the web host instead.',
  );
}

const child = electronPath
  ? spawn(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' })
  : spawn(process.execPath, ['out/main/webhost.js', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
