import { defineConfig } from '@playwright/test';

// Electron end-to-end suite: drives the built app (out/) in a real Electron binary. Where none
// exists (build machines cannot download it) every test is skipped with one line saying why.
export default defineConfig({
  testDir: 'test/e2e/electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e-electron.json' }]],
  outputDir: 'test-results/electron',
});
