import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { downloadToFile } from '../download';
import { EXIT } from '../exit-codes';
import { requireSettings } from '../settings-check';
import { forTerminal } from '../text-table';
import { parseRaw, stringValue, usageError } from '../usage';
import { defineCommand, SETTINGS_NOTE } from './command';

export interface RecordingArgs {
  readonly media: string;
  /** Absolute path to write; absent: print the signed URL. */
  readonly out?: string;
}

const hasControlCharacter = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20);

export function parseRecordingArgs(
  argv: readonly string[],
  cwd: string = process.cwd(),
): Result<RecordingArgs, AppError> {
  const raw = parseRaw(
    'recording',
    argv,
    { out: { type: 'string', short: 'o' } },
    { min: 1, max: 1, names: 'the recording name (the "recording" field of a call)' },
  );
  if (!raw.ok) return raw;
  const media = (raw.value.positionals[0] ?? '').trim();
  if (media === '' || media.length > 1000 || hasControlCharacter(media)) {
    return err(
      usageError(
        'The recording name is empty or not a file name.',
        'Tên file ghi âm trống hoặc không hợp lệ.',
        'media',
      ),
    );
  }
  const out = stringValue(raw.value, 'out');
  if (out === undefined) return ok({ media });
  if (out.trim() === '') return err(usageError('--out needs a file name.', '--out cần tên file.', 'out'));
  return ok({ media, out: resolve(cwd, out) });
}

/** The folder must exist and the target must not be a folder: checked before anything is sent. */
function checkOutPath(file: string): Result<string, AppError> {
  try {
    if (!statSync(dirname(file)).isDirectory()) throw new Error('not a directory');
  } catch {
    return err(
      usageError(
        `The folder for --out (${dirname(file)}) does not exist.`,
        `Thư mục của --out (${dirname(file)}) không tồn tại.`,
        'out',
      ),
    );
  }
  try {
    if (statSync(file).isDirectory()) {
      return err(
        usageError(
          `--out ${file} is a folder; give a file name.`,
          `--out ${file} là thư mục; hãy cho tên file.`,
          'out',
        ),
      );
    }
  } catch {
    // Does not exist yet: the usual case.
  }
  return ok(file);
}

export async function runRecording(ctx: CliContext, args: RecordingArgs): Promise<number> {
  if (args.out !== undefined) {
    const target = checkOutPath(args.out);
    if (!target.ok) return reportError(ctx, target.error);
  }
  const settings = await settingsWithWarnings(ctx);
  const ready = requireSettings(settings, ['apiBaseUrl', 'appId', 'appSecret']);
  if (!ready.ok) return reportError(ctx, ready.error);
  const { client } = ctx.openApi(settings);
  const url = await client.getRecordingUrl(args.media);
  if (!url.ok) return reportError(ctx, url.error);
  if (args.out === undefined) {
    // A URL never holds a control character; a server that sends one must not drive the terminal.
    await ctx.io.stdout.write(`${forTerminal(url.value.url)}\n`);
    if (url.value.expiresAt) await ctx.io.stderr.write(`expires ${url.value.expiresAt.toISOString()}\n`);
    return EXIT.ok;
  }
  const saved = await downloadToFile(ctx.fetch, url.value.url, args.out);
  if (!saved.ok) return reportError(ctx, saved.error);
  await ctx.io.stderr.write(`saved ${args.out} (${saved.value} bytes)\n`);
  return EXIT.ok;
}

export const recordingCommand = defineCommand({
  name: 'recording',
  summary: 'print the signed URL of a call recording, or download it',
  help: `Usage: antring recording <media> [--out FILE]

<media> is the "recording" field of a call (antring history). Without --out, prints the
short-lived signed URL (its expiry on stderr). With --out, downloads the file to FILE
(replacing it): the download goes to a temporary file in the same folder and is renamed
into place only when complete, so a failed download leaves no partial file. The file is
readable by you only (mode 0600 on Linux and macOS): it holds a customer's call.

Options:
  -o, --out FILE   download to FILE; its folder must exist
  -h, --help

Needs: apiBaseUrl, appId, appSecret.
${SETTINGS_NOTE}`,
  exitCodes: [
    EXIT.ok,
    [EXIT.failure, 'unexpected local failure, e.g. the --out file cannot be written'],
    EXIT.usage,
    [
      EXIT.rejected,
      'AntBuddy or the recording server refused (HTTP 400 and the like), e.g. an unknown or expired recording',
    ],
    EXIT.unavailable,
  ],
  parse: (argv) => parseRecordingArgs(argv),
  run: runRecording,
});
