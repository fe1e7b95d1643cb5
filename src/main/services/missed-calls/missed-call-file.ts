import { join } from 'node:path';
import { z } from 'zod';
import type { AppError } from '../../../shared/errors';
import type { MissedCall } from '../../../shared/domain';
import { readJsonFile, writeJsonFile } from '../json-file';

const PartySchema = z.object({ number: z.string(), name: z.string().optional() });

const MissedCallSchema = z.object({
  callId: z.string().min(1),
  from: PartySchema,
  to: PartySchema,
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date'),
  did: z.string().optional(),
  queue: z.string().optional(),
  statusDetail: z.string(),
});

const FileSchema = z.object({
  version: z.literal(1),
  /** The unseen missed calls, newest first. */
  calls: z.array(MissedCallSchema),
  /** The last moment call signals were live: a restart backfills from there. */
  lastListeningAt: z.number().int().nonnegative().optional(),
});

export interface MissedCallState {
  readonly calls: readonly MissedCall[];
  readonly lastListeningAt?: number;
}

/**
 * What must survive a restart so that nothing is missed while the app was closed: the unseen
 * missed calls, and when the app last heard call signals.
 */
export interface MissedCallFile {
  load(): { state: MissedCallState; problem?: AppError };
  save(state: MissedCallState): void;
}

export function missedCallFile(dataDir: string): MissedCallFile {
  const path = join(dataDir, 'missed-calls.json');
  return {
    load() {
      const read = readJsonFile(path, FileSchema);
      if (!read.ok) return { state: { calls: [] }, problem: read.error };
      const file = read.value;
      if (!file) return { state: { calls: [] } };
      return { state: { calls: file.calls, lastListeningAt: file.lastListeningAt } };
    },
    save(state) {
      writeJsonFile(path, { version: 1, calls: state.calls, lastListeningAt: state.lastListeningAt });
    },
  };
}
