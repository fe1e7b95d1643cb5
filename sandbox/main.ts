import { startSandbox } from './index';
import { USAGE, parseMainArgs } from './args';

/**
 * Standalone entry: `npx tsx sandbox/main.ts [--port N] [--seed N] [--calls N] [--days N]
 * [--rate-limit N] [--latency MS] [--fail-rate F] [--history-shape object|array] [--kamailio]
 * [--no-platform]`.
 * Prints the start line as one JSON line on stdout and runs until SIGINT/SIGTERM.
 * A bad argument prints a message on stderr and exits with code 2.
 */

async function main(): Promise<void> {
  const parsed = parseMainArgs(process.argv.slice(2));
  if (parsed.ok === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!parsed.ok) {
    process.stderr.write(`sandbox: ${parsed.message}\n${USAGE}\n`);
    process.exit(2);
  }
  let sandbox;
  try {
    sandbox = await startSandbox(parsed.options);
  } catch (error) {
    process.stderr.write(`sandbox: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify(sandbox.startLine())}\n`);
  const running = sandbox;
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
