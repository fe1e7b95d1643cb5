import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliContext } from '../../../src/cli/context';
import { importedProvisioningPath } from '../../../src/main/services/first-run';

const quiet = { write: () => Promise.resolve() };
let dataDir = '';

afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function contextFor(env: NodeJS.ProcessEnv) {
  return createCliContext({ io: { stdout: quiet, stderr: quiet, stderrIsTTY: false }, env, osLocale: 'en-US' });
}

describe('antring and a provisioning file imported on the first-run screen', () => {
  it('reads it as the app does (a provisioning file: read-only values)', () => {
    dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-import-'));
    writeFileSync(
      importedProvisioningPath(dataDir),
      JSON.stringify({ apiBaseUrl: 'https://api.example.test', companyDomain: 'acme.antbuddy.com' }),
    );
    const loaded = contextFor({ ANTRING_DATA_DIR: dataDir }).loadSettings();
    expect(loaded.settings.apiBaseUrl).toBe('https://api.example.test');
    expect(loaded.settings.companyDomain).toBe('acme.antbuddy.com');
    expect(loaded.sources.companyDomain).toBe('file');
  });

  it("leaves IT's own ANTRING_CONFIG in charge", () => {
    dataDir = mkdtempSync(join(tmpdir(), 'antring-cli-import-'));
    writeFileSync(importedProvisioningPath(dataDir), JSON.stringify({ companyDomain: 'imported.antbuddy.com' }));
    const itFile = join(dataDir, 'it.json');
    writeFileSync(itFile, JSON.stringify({ companyDomain: 'it.antbuddy.com' }));
    const loaded = contextFor({ ANTRING_DATA_DIR: dataDir, ANTRING_CONFIG: itFile }).loadSettings();
    expect(loaded.settings.companyDomain).toBe('it.antbuddy.com');
  });
});
