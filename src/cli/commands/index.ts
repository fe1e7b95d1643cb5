import { callCommand } from './call';
import type { Command } from './command';
import { agentsCommand, dashboardCommand, queuesCommand } from './company';
import { historyCommand } from './history';
import { recordingCommand } from './recording';
import { sandboxCommand } from './sandbox';
import { signalsCommand } from './signals';
import { tokenCommand } from './token';

/** Every `antring` subcommand, in the order `antring --help` lists them. Add new ones here. */
export const COMMANDS: readonly Command[] = [
  tokenCommand,
  callCommand,
  historyCommand,
  recordingCommand,
  dashboardCommand,
  queuesCommand,
  agentsCommand,
  signalsCommand,
  sandboxCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export type { Command } from './command';
