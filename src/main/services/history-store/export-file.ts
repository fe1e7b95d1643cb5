import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CallColumns, CallReader } from './call-reader';
import type { ExportJob } from './store-types';

/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV injection"): starting with `=`, `+`,
 * `-` or `@` (after leading spaces, which some spreadsheets skip), or with a tab or a carriage
 * return. Caller names and numbers come from outside, so such cells get a leading `'`, which
 * spreadsheets read as "text" (`+84912345678` → `'+84912345678`, shown with its plus).
 */
const FORMULA_START = /^(?:[\t\r]| *[=+\-@])/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number cannot hold a formula, and -5 must stay a number.
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = [
  'started_at',
  'direction',
  'status',
  'status_detail',
  'number',
  'number_e164',
  'name',
  'caller',
  'caller_name',
  'callee',
  'callee_name',
  'agent',
  'did',
  'queue',
  'duration_seconds',
  'talk_seconds',
  'recording',
  'key',
] as const;

function csvLine(row: CallColumns): string {
  const cells = [
    new Date(row.start_ms).toISOString(),
    row.direction,
    row.status_class,
    row.status_detail,
    row.party_display,
    row.party_e164,
    row.party_name,
    row.caller_number,
    row.caller_name,
    row.callee_number,
    row.callee_name,
    row.agent_username ?? row.agent_number,
    row.did_number,
    row.queue_id,
    row.duration_seconds,
    row.talk_seconds,
    row.recording,
    row.record_key,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Buffered writes: one syscall per ~256 KB instead of per row. */
const FLUSH_AT = 256 * 1024;

/**
 * Streams every matching call (newest first) into `job.path`: written under a temporary name
 * in the same folder (readable by this user only), flushed to disk, then renamed, so the
 * file at `path` is always a whole export. Memory stays bounded whatever the row count.
 */
export function exportToFile(reader: CallReader, job: ExportJob): number {
  mkdirSync(dirname(job.path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(job.path), `.${basename(job.path)}.${randomBytes(6).toString('hex')}.part`);
  const fd = openSync(temp, 'wx', 0o600);
  let rows = 0;
  try {
    let buffer = job.format === 'csv' ? `\uFEFF${CSV_HEADER.join(',')}\r\n` : '';
    for (const row of reader.iterateForExport(job)) {
      buffer += job.format === 'csv' ? csvLine(row) : `${row.raw_json}\n`;
      rows++;
      if (buffer.length >= FLUSH_AT) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer !== '') writeSync(fd, buffer);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, job.path);
    return rows;
  } catch (cause) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw cause;
  }
}
