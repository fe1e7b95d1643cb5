import { join } from 'node:path';
import type { CallSummary } from '../../../shared/call-log';
import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';
import { appendCallLogLine, readCallLogFile, rewriteCallLogFile } from './call-log-file';

export const CALL_LOG_FILE = 'call-log.jsonl';

export interface CallLogOptions {
  /** Calls kept; older ones are dropped when the file is compacted. */
  readonly maxEntries?: number;
}

export interface CallLog {
  /** Appends a finished call; the same SIP call recorded twice is kept once. */
  record(call: CallSummary): Result<void, AppError>;
  /** The newest `limit` calls, newest first. */
  latest(limit: number): readonly CallSummary[];
  /** Unreadable lines skipped when the file was read (0 when all were fine). */
  readonly skippedLines: number;
  /** After a call was added (the tray's recent numbers follow it). */
  onRecorded(listener: () => void): () => void;
}

const DEFAULT_MAX_ENTRIES = 2_000;

/**
 * The in-app phone's own call log, in the data folder. Bounded: once it holds a tenth more than
 * `maxEntries`, it is rewritten with the newest `maxEntries`, so appends stay cheap and the file
 * never grows without end. Read once, lazily; kept in memory after that.
 */
export function createCallLog(dataDir: string, options: CallLogOptions = {}): CallLog {
  const path = join(dataDir, CALL_LOG_FILE);
  const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  const slack = Math.max(1, Math.ceil(maxEntries / 10));
  let calls: CallSummary[] | null = null;
  let skipped = 0;
  const known = new Set<string>();
  const recordedListeners = new Set<() => void>();

  const loaded = (): CallSummary[] => {
    if (calls) return calls;
    try {
      const read = readCallLogFile(path);
      calls = read.calls;
      skipped = read.skipped;
    } catch {
      // An unreadable file (permissions, a directory in its place) leaves the log empty, not the app broken.
      calls = [];
    }
    for (const call of calls) known.add(call.sipCallId);
    return calls;
  };

  return {
    record(call) {
      const all = loaded();
      if (known.has(call.sipCallId)) return ok(undefined);
      try {
        if (all.length + 1 > maxEntries + slack) {
          const kept = [...all.slice(all.length + 1 - maxEntries), call];
          rewriteCallLogFile(path, kept);
          known.clear();
          for (const c of kept) known.add(c.sipCallId);
          calls = kept;
        } else {
          appendCallLogLine(path, call);
          all.push(call);
          known.add(call.sipCallId);
        }
      } catch {
        return err(
          appError('internal', `The call could not be saved to ${path}.`, `Không lưu được cuộc gọi vào ${path}.`, {
            file: path,
          }),
        );
      }
      // After the try: a listener's failure is not a failure to save the call.
      for (const listener of [...recordedListeners]) listener();
      return ok(undefined);
    },
    latest(limit) {
      const all = loaded();
      const n = Math.max(0, Math.floor(limit));
      return all.slice(Math.max(0, all.length - n)).reverse();
    },
    get skippedLines() {
      loaded();
      return skipped;
    },
    onRecorded(listener) {
      recordedListeners.add(listener);
      return () => recordedListeners.delete(listener);
    },
  };
}
