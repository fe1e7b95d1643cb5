import { createCliContext } from './context';
import { streamOutput } from './io';
import { runCli } from './main';

/**
 * Entry of the `antring` command (bin/antring.js loads the built copy, out/main/cli.js).
 * Wiring only: the commands live in ./commands and take their I/O from the context.
 */

// `antring history | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const ctx = createCliContext({
  io: {
    stdout: streamOutput(process.stdout),
    stderr: streamOutput(process.stderr),
    stderrIsTTY: process.stderr.isTTY === true,
  },
  env: process.env,
});

runCli(ctx, process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not a user error. The message is printed only on request: causes may quote URLs.
    const detail = process.env['ANTRING_DEBUG'] && error instanceof Error ? `: ${error.stack ?? error.message}` : '';
    process.stderr.write(`antring: unexpected internal error${detail}\n`);
    process.exitCode = 1;
  },
);
