import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/cli/commands';
import { createCliContext } from '../../../src/cli/context';
import { EXIT, EXIT_MEANINGS, exitCodesHelp } from '../../../src/cli/exit-codes';
import { memoryOutput } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { version: string };

async function run(argv: string[]) {
  const stdout = memoryOutput();
  const stderr = memoryOutput();
  const ctx = createCliContext({
    io: { stdout, stderr, stderrIsTTY: false },
    env: { ANTRING_DATA_DIR: '/nonexistent/antring-help-test' },
    fetch: () => Promise.reject(new Error('no request expected')),
    osLocale: 'en-US',
  });
  const code = await runCli(ctx, argv);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The codes listed in a help text's "Exit codes:" section. */
function listedCodes(help: string): number[] {
  const section = help.split('Exit codes:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}(\d) {2}\S/gm)].map((match) => Number(match[1]));
}

describe('antring --version', () => {
  it('prints the version of package.json, for --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const result = await run([flag]);
      expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });
});

describe('exit codes in every --help', () => {
  it('lists the codes in order, one a line, with the shared meaning unless reworded', () => {
    expect(exitCodesHelp([EXIT.ok, [EXIT.rejected, 'the device is not registered']])).toBe(
      `Exit codes:\n  0  ${EXIT_MEANINGS[0]}\n  3  the device is not registered`,
    );
  });

  it('each subcommand lists its own codes, through --help and through `antring help <command>`', async () => {
    const expected: Record<string, number[]> = {
      token: [0, 1, 2, 3, 4],
      call: [0, 1, 2, 3, 4],
      history: [0, 1, 2, 3, 4],
      recording: [0, 1, 2, 3, 4],
      dashboard: [0, 1, 2, 3, 4],
      queues: [0, 1, 2, 3, 4],
      agents: [0, 1, 2, 3, 4],
      // Outages are retried for ever: signals never exits 4.
      signals: [0, 1, 2, 3],
      sandbox: [0, 1, 2],
    };
    expect(COMMANDS.map((command) => command.name).sort()).toEqual(Object.keys(expected).sort());
    for (const command of COMMANDS) {
      const help = await run([command.name, '--help']);
      expect(help.code).toBe(0);
      expect(listedCodes(help.stdout)).toEqual(expected[command.name]);
      expect(help.stdout.endsWith('\n') && !help.stdout.endsWith('\n\n')).toBe(true);
      expect((await run(['help', command.name])).stdout).toBe(help.stdout);
    }
  });

  it('the main help lists all five', async () => {
    const help = await run(['--help']);
    expect(listedCodes(help.stdout)).toEqual([0, 1, 2, 3, 4]);
  });

  it('signals --help documents --mine and that sipUser is needed only for it and missed calls', async () => {
    const help = (await run(['signals', '--help'])).stdout;
    expect(help).toMatch(/^Usage: antring signals \[--json\] \[--mine\]/);
    expect(help).toMatch(/--mine +only this agent's calls \(sipUser\)/);
    expect(help).toMatch(/sipUser \(ANTRING_SIP_USER\) for --mine and missed calls/);
  });
});
