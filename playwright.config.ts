import { defineConfig } from '@playwright/test';
import { FAKE_MEDIA_CHROMIUM_ARGS, QUIET_CHROMIUM_ARGS } from './test/support/chromium-args';

/**
 * Browser end-to-end tests: the built renderer served by the web host (started in-process per
 * test with a fresh data folder), driven in Debian's Chromium. `npx playwright install` cannot
 * download browsers on our machines, so the system Chromium is used.
 */
export default defineConfig({
  testDir: 'test/e2e/web',
  globalSetup: './test/e2e/web/global-setup.ts',
  // Two cores: one worker leaves room for Chromium and the host in the same process.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  // The JSON report feeds the one-line summary `npm test` ends with (scripts/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'reports/e2e-web.json' }]],
  timeout: 60_000,
  outputDir: 'test-results/e2e-web',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      // The SIP phone tests: a generated tone stands in for the microphone, granted without a prompt.
      args: [...QUIET_CHROMIUM_ARGS, ...FAKE_MEDIA_CHROMIUM_ARGS],
    },
    trace: 'retain-on-failure',
  },
});
