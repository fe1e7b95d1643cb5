import { version } from '../../package.json';
import { COMMANDS, findCommand } from './commands';
import { reportError, type CliContext } from './context';
import { API_COMMAND_EXIT_CODES, EXIT, exitCodesHelp } from './exit-codes';
import { usageError } from './usage';

export const VERSION: string = version;

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: antring <command> [options]

AntRing Companion on the command line: the same settings and AntBuddy services as the app.

Commands:
${lines.join('\n')}

Run "antring <command> --help" for a command's options.

${exitCodesHelp(API_COMMAND_EXIT_CODES)}
Each command's --help lists the codes it can end with.

Settings: the app's own (its data folder, or ANTRING_DATA_DIR), overridden by the
ANTRING_CONFIG provisioning file, overridden by ANTRING_API_URL, ANTRING_APP_ID,
ANTRING_APP_SECRET, ANTRING_DOMAIN, ANTRING_EMAIL, ANTRING_SIP_USER, ANTRING_SIP_PASSWORD,
ANTRING_LANG (vi|en) and the other ANTRING_* variables. Secrets the app saved are
OS-encrypted and cannot be read here: give them through the environment or ANTRING_CONFIG.
Errors are one sentence on stderr, in the configured language (ANTRING_LANG or the app's).

Options:
  -h, --help     this help
  -v, --version  the version
`;
}

/** Dispatches `argv` (without node and the script) to a command; resolves to the exit code. */
export async function runCli(ctx: CliContext, argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    await ctx.io.stdout.write(mainHelp());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    await ctx.io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (first === 'help') {
    const topic = rest[0] === undefined ? undefined : findCommand(rest[0]);
    await ctx.io.stdout.write(topic ? topic.help : mainHelp());
    return EXIT.ok;
  }
  const command = findCommand(first);
  if (!command) {
    return reportError(
      ctx,
      usageError(
        `Unknown command "${first}"; run "antring --help" for the list.`,
        `Không có lệnh "${first}"; chạy "antring --help" để xem danh sách.`,
      ),
    );
  }
  return command.execute(ctx, rest);
}
