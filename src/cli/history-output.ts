import type { CallRecord } from '../main/services/api';
import { csvRow } from './csv';
import { fit, forTerminal } from './text-table';

export const HISTORY_FORMATS = ['ndjson', 'csv', 'table'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

export const CSV_COLUMNS = [
  'time',
  'direction',
  'class',
  'caller',
  'callee',
  'did',
  'status',
  'duration',
  'billing',
  'recording',
] as const;

function isoTime(record: CallRecord): string {
  const date = new Date(record.unix_timestamp * 1000);
  return Number.isFinite(date.getTime()) ? date.toISOString() : '';
}

/** The flattened main columns of a call, API values unchanged (time made ISO 8601 UTC). */
export function csvColumns(record: CallRecord): (string | number | null)[] {
  return [
    isoTime(record),
    record.direction,
    record.class,
    record.caller.number,
    record.callee.number,
    record.did_number,
    record.status_detail,
    record.duration_seconds,
    record.billing_seconds,
    record.recording,
  ];
}

export const csvHeader = (): string => csvRow(CSV_COLUMNS);
export const csvLine = (record: CallRecord): string => csvRow(csvColumns(record));

/** Local wall-clock time, as an agent reads it. */
function localTime(record: CallRecord): string {
  const d = new Date(record.unix_timestamp * 1000);
  if (!Number.isFinite(d.getTime())) return '';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function directionWord(record: CallRecord): string {
  if (record.class === 'one_one') return 'internal';
  if (record.direction === 'to_ab') return 'in';
  if (record.direction === 'from_ab') return 'out';
  return record.direction;
}

function party(record: CallRecord, which: 'caller' | 'callee'): string {
  const p = record[which];
  return p.username ? `${p.number} (${p.username})` : p.number;
}

/** Streamed tables cannot measure their rows first, so widths are fixed; long cells are cut with "…". */
const TABLE_COLUMNS: readonly (readonly [string, number, (r: CallRecord) => string])[] = [
  ['TIME', 19, localTime],
  ['DIR', 8, directionWord],
  ['CALLER', 24, (r) => party(r, 'caller')],
  ['CALLEE', 24, (r) => party(r, 'callee')],
  ['STATUS', 9, (r) => r.status_detail],
  ['DUR', 6, (r) => String(r.duration_seconds)],
  ['TALK', 6, (r) => String(r.billing_seconds)],
  ['RECORDING', 0, (r) => r.recording],
];

function tableRow(cells: readonly string[]): string {
  return `${cells
    .map((cell, i) => {
      const width = TABLE_COLUMNS[i]?.[1] ?? 0;
      // fit() cleans control characters too; the last column is not cut, only cleaned.
      return width > 0 ? fit(cell, width) : forTerminal(cell);
    })
    .join('  ')
    .trimEnd()}\n`;
}

export const tableHeader = (): string => tableRow(TABLE_COLUMNS.map(([name]) => name));
export const tableLine = (record: CallRecord): string => tableRow(TABLE_COLUMNS.map(([, , cell]) => cell(record)));
