/**
 * The Electron fuses the packaged app must be built with (electron-builder's `electronFuses`,
 * flipped in the binary at packaging time, so no command line or environment can undo them),
 * and the check `npm run security` runs on electron-builder.json.
 *
 * - runAsNode false: ELECTRON_RUN_AS_NODE cannot turn the signed app into a plain Node.
 * - enableNodeOptionsEnvironmentVariable false: NODE_OPTIONS / NODE_EXTRA_CA_CERTS are ignored.
 * - enableNodeCliInspectArguments false: no --inspect / SIGUSR1 debugger on the main process.
 * - enableCookieEncryption true: Chromium's cookie store is encrypted with the OS key.
 * - enableEmbeddedAsarIntegrityValidation true, onlyLoadAppFromAsar true: only the shipped,
 *   integrity-checked app.asar runs (no app/ folder dropped next to it).
 * - grantFileProtocolExtraPrivileges false: the renderer is served from app://, so file://
 *   pages get nothing beyond what a browser gives them.
 * The app never relies on any of these (no process.fork, no ELECTRON_RUN_AS_NODE).
 */
export const REQUIRED_ELECTRON_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies Record<string, boolean>;

/**
 * Fuses that may be written down, but only with their default: the browser-process V8
 * snapshot fuse stays off (the app ships no separate snapshot).
 */
export const OPTIONAL_ELECTRON_FUSES = {
  loadBrowserProcessSpecificV8Snapshot: false,
} as const satisfies Record<string, boolean>;

export type FusesCheck =
  { readonly ok: true; readonly summary: string } | { readonly ok: false; readonly problems: readonly string[] };

const WHERE = 'electron-builder.json electronFuses';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks that a parsed electron-builder config asks for exactly the required fuses; one problem per line. */
export function checkElectronFuses(config: unknown): FusesCheck {
  const fuses = isRecord(config) ? config['electronFuses'] : undefined;
  if (!isRecord(fuses)) {
    return { ok: false, problems: [`${WHERE}: missing; it must set ${describe(REQUIRED_ELECTRON_FUSES)}`] };
  }
  const problems: string[] = [];
  for (const [name, wanted] of Object.entries(REQUIRED_ELECTRON_FUSES)) {
    if (!(name in fuses)) problems.push(`${WHERE}.${name}: missing; it must be ${wanted}`);
    else if (fuses[name] !== wanted) problems.push(`${WHERE}.${name}: must be ${wanted}, is ${show(fuses[name])}`);
  }
  const optional: Readonly<Record<string, boolean>> = OPTIONAL_ELECTRON_FUSES;
  for (const [name, value] of Object.entries(fuses)) {
    if (name in REQUIRED_ELECTRON_FUSES) continue;
    const allowed = optional[name];
    if (allowed === undefined) problems.push(`${WHERE}.${name}: not a fuse this app sets; remove it`);
    else if (value !== allowed) problems.push(`${WHERE}.${name}: must be ${allowed} or left out, is ${show(value)}`);
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, summary: `Electron fuses: ${describe(REQUIRED_ELECTRON_FUSES)}` };
}

function describe(fuses: Readonly<Record<string, boolean>>): string {
  return Object.entries(fuses)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
