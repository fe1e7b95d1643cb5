import { err, ok, type Result } from '../shared/result';

export interface WebHostArgs {
  readonly port: number;
  readonly help: boolean;
  /** `--demo`: start in the demo (its own profile against the project's sandbox). */
  readonly demo: boolean;
}

export const USAGE = [
  'usage: node out/main/webhost.js [--port N] [--demo]',
  '  --port N   N from 0 to 65535; 0 or none picks a free port',
  "  --demo     start in the demo: a profile of its own against the project's sandbox (your settings are not touched)",
].join('\n');

function parsePort(raw: string | undefined): Result<number, string> {
  if (raw === undefined || !/^\d{1,5}$/.test(raw))
    return err(`--port needs a whole number from 0 to 65535, got ${JSON.stringify(raw ?? '')}`);
  const port = Number(raw);
  return port <= 65535 ? ok(port) : err(`--port needs a whole number from 0 to 65535, got ${JSON.stringify(raw)}`);
}

/** Parses the web host's command line; any problem is one line of text for stderr. */
export function parseWebHostArgs(argv: readonly string[]): Result<WebHostArgs, string> {
  let port = 0;
  let help = false;
  let demo = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
    } else if (arg === '--demo') {
      demo = true;
    } else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[(i += 1)] : arg.slice('--port='.length);
      const parsed = parsePort(value);
      if (!parsed.ok) return parsed;
      port = parsed.value;
    } else {
      return err(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return ok({ port, help, demo });
}
