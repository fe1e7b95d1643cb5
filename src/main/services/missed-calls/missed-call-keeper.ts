import { appError, type AppError } from '../../../shared/errors';
import type { MissedCall, SignalConnectionState } from '../../../shared/domain';
import { backgroundClock, type Clock } from '../clock';
import { missedCallFile } from './missed-call-file';
import { createMissedCallLog, type MissedCallLog } from './missed-call-log';

/** The part of the signals service the keeper listens to. */
export interface ListenedSignals {
  onState(listener: (state: SignalConnectionState) => void): () => void;
  onMissed(listener: (calls: MissedCall[]) => void): () => void;
}

export interface MissedCallKeeper {
  readonly log: MissedCallLog;
  /** A problem reading the file at start (it was kept aside), to show the user. */
  readonly problem?: AppError;
  /** When call signals were last live, in this run or a previous one. */
  lastListeningAt(): number | undefined;
  /** Problems writing the file (the calls stay listed in memory). */
  onProblem(listener: (error: AppError) => void): () => void;
  /** Collects the signals' missed calls and records when they are live; returns the detach function. */
  attach(signals: ListenedSignals): () => void;
}

/** How often "still listening" is written while signals are live: a crash loses at most this much. */
const HEARTBEAT_MS = 60_000;

/**
 * Nothing missed across restarts: unseen missed calls and the last moment call signals were
 * live are kept in the data folder, so a crash, a quit or a reboot is one more gap whose
 * calls the next connection fetches from history.
 */
export function createMissedCallKeeper(dataDir: string, clock: Clock = backgroundClock): MissedCallKeeper {
  const file = missedCallFile(dataDir);
  const loaded = file.load();
  let lastListeningAt = loaded.state.lastListeningAt;
  const log = createMissedCallLog(200, loaded.state.calls);
  const problems = new Set<(error: AppError) => void>();
  // A full disk or a read-only folder must not stop missed calls reaching the screen.
  const save = (): void => {
    try {
      file.save({ calls: log.list(), lastListeningAt });
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
      const error = appError(
        'internal',
        `Missed calls could not be saved in ${dataDir} (${code}).`,
        `Không lưu được cuộc gọi nhỡ vào ${dataDir} (${code}).`,
        { file: dataDir },
      );
      for (const listener of problems) listener(error);
    }
  };
  log.onChange(save);

  return {
    log,
    ...(loaded.problem ? { problem: loaded.problem } : {}),
    lastListeningAt: () => lastListeningAt,
    onProblem(listener) {
      problems.add(listener);
      return () => problems.delete(listener);
    },
    attach(signals) {
      let heartbeat: unknown;
      const stopBeating = (): void => {
        if (heartbeat !== undefined) clock.clearTimeout(heartbeat);
        heartbeat = undefined;
      };
      const beat = (): void => {
        lastListeningAt = clock.now();
        save();
        heartbeat = clock.setTimeout(beat, HEARTBEAT_MS);
      };
      // The moment listening stops (connection lost, or the app quits) starts the next gap.
      const stopListening = (): void => {
        if (heartbeat === undefined) return;
        stopBeating();
        lastListeningAt = clock.now();
        save();
      };
      const stopState = signals.onState((state) => {
        if (state.kind !== 'live') stopListening();
        else if (heartbeat === undefined) beat();
      });
      const stopMissed = signals.onMissed((calls) => log.add(calls));
      return () => {
        stopListening();
        stopState();
        stopMissed();
      };
    },
  };
}
