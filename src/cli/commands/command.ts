import type { AppError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import { reportError, type CliContext } from '../context';
import { EXIT, exitCodesHelp, type ExitCodeList } from '../exit-codes';
import { wantsHelp } from '../usage';

/** One `antring <name>` subcommand, as the dispatcher sees it. */
export interface Command {
  readonly name: string;
  /** One line for `antring --help`. */
  readonly summary: string;
  /** The full `antring <name> --help` text, ending with its exit codes. */
  readonly help: string;
  execute(ctx: CliContext, argv: readonly string[]): Promise<number>;
}

export interface CommandSpec<A> {
  readonly name: string;
  readonly summary: string;
  /** Usage, options and needs; the exit codes are added after it. */
  readonly help: string;
  /** Every code the command can exit with: scripts branch on them, so --help lists them. */
  readonly exitCodes: ExitCodeList;
  /** Pure: arguments in, validated arguments or a usage error out. Nothing is read or sent. */
  parse(argv: readonly string[]): Result<A, AppError>;
  run(ctx: CliContext, args: A): Promise<number>;
}

export function defineCommand<A>(spec: CommandSpec<A>): Command {
  const help = `${spec.help.trimEnd()}\n\n${exitCodesHelp(spec.exitCodes)}\n`;
  return {
    name: spec.name,
    summary: spec.summary,
    help,
    async execute(ctx, argv) {
      if (wantsHelp(argv)) {
        await ctx.io.stdout.write(help);
        return EXIT.ok;
      }
      const parsed = spec.parse(argv);
      if (!parsed.ok) return reportError(ctx, parsed.error);
      return spec.run(ctx, parsed.value);
    },
  };
}

/** Shared help footer: where settings come from. */
export const SETTINGS_NOTE = `Settings are the app's own (same data folder, ANTRING_DATA_DIR to change it), overridden by
the ANTRING_CONFIG provisioning file and ANTRING_* variables. Secrets the app saved are
OS-encrypted and unreadable here: give appSecret / sipPassword through ANTRING_APP_SECRET,
ANTRING_SIP_PASSWORD or the ANTRING_CONFIG file.`;
