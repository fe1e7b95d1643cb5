import { messageFor } from '../shared/errors';
import { parseWebHostArgs, USAGE } from './cli-args';
import { startWebHost } from './start';

/** CLI wrapper around startWebHost: `node out/main/webhost.js [--port N] [--demo]`. */
async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`antring web host: ${args.error}\n`);
    process.exitCode = 2;
    return;
  }
  if (args.value.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const started = await startWebHost({ port: args.value.port, demo: args.value.demo });
  if (!started.ok) {
    process.stderr.write(`antring web host: ${messageFor(started.error, 'en')}\n`);
    process.exitCode = 1;
    return;
  }
  const host = started.value;
  process.stdout.write(`web host ready at ${host.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host.close().then(() => {
      process.exitCode = 0;
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`antring web host: unexpected failure (${error instanceof Error ? error.name : 'unknown'})\n`);
  process.exitCode = 1;
});
