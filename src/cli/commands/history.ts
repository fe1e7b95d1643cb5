import { z } from 'zod';
import type { AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { CallRecord } from '../../main/services/api';
import { findArray } from '../../main/services/api/parse-response';
import { streamHistory, type HistoryProgress, type HistorySource } from '../../main/services/history';
import { reportError, settingsWithWarnings, type CliContext } from '../context';
import { parseDateArg } from '../dates';
import { API_COMMAND_EXIT_CODES, EXIT } from '../exit-codes';
import { csvHeader, csvLine, HISTORY_FORMATS, tableHeader, tableLine, type HistoryFormat } from '../history-output';
import { requireSettings } from '../settings-check';
import { intOption, parseRaw, stringValue, usageError } from '../usage';
import { defineCommand, SETTINGS_NOTE } from './command';

export interface HistoryArgs {
  readonly from: Date;
  /** Absent: now, read when the command runs. */
  readonly to?: Date;
  /** Page size, 1..100. */
  readonly limit: number;
  readonly format: HistoryFormat;
}

export const HISTORY_ROUTE = '/oapi/v1/call/histories';

export function parseHistoryArgs(argv: readonly string[]): Result<HistoryArgs, AppError> {
  const raw = parseRaw(
    'history',
    argv,
    { from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' }, format: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  if (!raw.ok) return raw;
  const fromText = stringValue(raw.value, 'from');
  if (fromText === undefined) {
    return err(usageError('antring history needs --from <date>.', 'antring history cần --from <ngày>.', 'from'));
  }
  const from = parseDateArg(fromText, 'from');
  if (!from.ok) return from;
  const toText = stringValue(raw.value, 'to');
  const to = toText === undefined ? undefined : parseDateArg(toText, 'to');
  if (to && !to.ok) return to;
  if (to && to.value.getTime() < from.value.getTime()) {
    return err(usageError('--from must not be after --to.', '--from không được sau --to.', 'from'));
  }
  const limit = intOption(raw.value, 'limit', 1, 100);
  if (!limit.ok) return limit;
  const format = z.enum(HISTORY_FORMATS).safeParse(stringValue(raw.value, 'format') ?? 'ndjson');
  if (!format.success) {
    return err(
      usageError('--format must be ndjson, csv or table.', '--format phải là ndjson, csv hoặc table.', 'format'),
    );
  }
  return ok({ from: from.value, ...(to ? { to: to.value } : {}), limit: limit.value ?? 100, format: format.data });
}

function rawItems(body: string | undefined): readonly unknown[] | undefined {
  if (body === undefined) return undefined;
  try {
    return findArray(JSON.parse(body))?.items;
  } catch {
    return undefined;
  }
}

function progressLine(p: HistoryProgress): string {
  return `\r\x1b[Kdownloading history: ${p.records} calls, ${p.pages} pages, ${p.windowsDone}/${p.windowsTotal} windows`;
}

export async function runHistory(ctx: CliContext, args: HistoryArgs): Promise<number> {
  const to = args.to ?? ctx.now();
  if (to.getTime() < args.from.getTime()) {
    return reportError(ctx, usageError('--from is in the future.', '--from nằm ở tương lai.', 'from'));
  }
  const settings = await settingsWithWarnings(ctx);
  const ready = requireSettings(settings, ['apiBaseUrl', 'appId', 'appSecret']);
  if (!ready.ok) return reportError(ctx, ready.error);
  const { client, raw } = ctx.openApi(settings);

  // Each parsed record remembers the object AntBuddy sent, so ndjson prints it untouched.
  const sent = new WeakMap<CallRecord, unknown>();
  const source: HistorySource = {
    async getHistoryPage(query) {
      const page = await client.getHistoryPage(query);
      const items = rawItems(
        raw.take(HISTORY_ROUTE, {
          created_from: query.from.toISOString(),
          created_to: query.to.toISOString(),
          limit: String(query.limit),
          page: String(query.page),
        }),
      );
      if (page.ok && items && items.length === page.value.records.length) {
        page.value.records.forEach((record, i) => sent.set(record, items[i]));
      }
      return page;
    },
  };

  const { stdout, stderr } = ctx.io;
  const showProgress = ctx.io.stderrIsTTY;
  let drawn = false;
  const onProgress = showProgress
    ? (p: HistoryProgress): void => {
        drawn = true;
        void stderr.write(progressLine(p));
      }
    : undefined;
  const clearProgress = async (): Promise<void> => {
    if (drawn) await stderr.write('\r\x1b[K');
  };

  if (args.format === 'csv') await stdout.write(csvHeader());
  if (args.format === 'table') await stdout.write(tableHeader());
  let count = 0;
  for await (const batch of streamHistory(source, {
    from: args.from,
    to,
    limit: args.limit,
    ...(onProgress ? { onProgress } : {}),
  })) {
    if (!batch.ok) {
      await clearProgress();
      return reportError(ctx, batch.error);
    }
    let chunk = '';
    for (const record of batch.value) {
      if (args.format === 'ndjson') chunk += `${JSON.stringify(sent.get(record) ?? record)}\n`;
      else if (args.format === 'csv') chunk += csvLine(record);
      else chunk += tableLine(record);
    }
    count += batch.value.length;
    await stdout.write(chunk);
  }
  await clearProgress();
  if (showProgress) await stderr.write(`${count} calls\n`);
  return EXIT.ok;
}

export const historyCommand = defineCommand({
  name: 'history',
  summary: 'download call history as ndjson, csv or a table',
  help: `Usage: antring history --from <date> [--to <date>] [--limit N] [--format ndjson|csv|table]

Downloads the call history of [from, to] (both ends included). Long ranges are split into
31-day windows and paged; calls are written as they arrive (in arrival order, not sorted),
each once. Progress goes to stderr when stderr is a terminal.

Options:
  --from <date>   start; YYYY-MM-DD means local midnight at the start of that day;
                  or an ISO 8601 date-time (2025-03-01T08:30:00Z; without a zone: local time)
  --to <date>     end, same forms (default: now). YYYY-MM-DD is local midnight, so
                  --to 2025-03-31 stops at the START of the 31st
  --limit N       page size, 1..100 (default 100)
  --format F      ndjson (default): one call per line, AntBuddy's own fields and values
                  csv: header + time (ISO 8601 UTC), direction, class, caller, callee, did,
                       status, duration, billing, recording. A text cell starting with
                       = + - @, a tab or a CR gets a leading ' so that a spreadsheet shows it
                       instead of running it as a formula: +84912345678 is written
                       '+84912345678 (scripts: strip one leading ')
                  table: aligned columns for people (local time; control characters removed)

Needs: apiBaseUrl, appId, appSecret.
${SETTINGS_NOTE}`,
  exitCodes: API_COMMAND_EXIT_CODES,
  parse: parseHistoryArgs,
  run: runHistory,
});
