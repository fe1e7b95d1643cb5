#!/usr/bin/env node
// Ends `npm test` with one line over every runner (Vitest, Playwright web, Playwright Electron):
// "Summary: N passed, N failed, N skipped". It reads the JSON reports this run wrote.
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];

function read(path) {
  if (!existsSync(path)) {
    missing.push(path);
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}

const vitest = read('reports/vitest.json');
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
for (const path of ['reports/e2e-web.json', 'reports/e2e-electron.json']) {
  const report = read(path);
  if (!report) continue;
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
  totals.skipped += report.stats.skipped;
}

if (missing.length > 0) console.error(`test summary: no report at ${missing.join(', ')}`);
console.log(`Summary: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || missing.length > 0 ? 1 : 0);
