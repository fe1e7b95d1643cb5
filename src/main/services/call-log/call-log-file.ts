import {
  appendFileSync,
  chmodSync,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CallSummarySchema, type CallSummary } from '../../../shared/call-log';

/**
 * The call log on disk: one JSON object per line (`{"v":1,"call":{…}}`), appended as calls end,
 * so recording a call never rewrites what is stored and a crash can lose at most the line
 * being written. A line that does not parse (a torn last line, a hand edit) is skipped, never
 * fatal. The file is owner-only (0600): numbers called are personal data.
 */

const LineSchema = z.object({ v: z.literal(1), call: CallSummarySchema }).strict();

export interface CallLogRead {
  readonly calls: CallSummary[];
  /** Lines that were present but unreadable. */
  readonly skipped: number;
}

export function readCallLogFile(path: string): CallLogRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { calls: [], skipped: 0 };
    throw cause;
  }
  const calls: CallSummary[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped += 1;
      continue;
    }
    const parsed = LineSchema.safeParse(json);
    if (parsed.success) calls.push(parsed.data.call);
    else skipped += 1;
  }
  return { calls, skipped };
}

function lineOf(call: CallSummary): string {
  return `${JSON.stringify({ v: 1, call })}\n`;
}

/** Whether the file ends in the middle of a line (a write cut short): the next line must not be glued to it. */
function endsMidLine(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

export function appendCallLogLine(path: string, call: CallSummary): void {
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, (endsMidLine(path) ? '\n' : '') + lineOf(call), { mode: 0o600 });
  // `mode` applies only when the file is created: keep an older or copied-in file private too.
  chmodSync(path, 0o600);
}

/** Replaces the file with exactly `calls` (oldest first): temporary file renamed into place. */
export function rewriteCallLogFile(path: string, calls: readonly CallSummary[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, calls.map(lineOf).join(''), { mode: 0o600 });
  renameSync(temp, path);
}
