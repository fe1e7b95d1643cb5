import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { appError, type AppResult } from '../../../shared/errors';
import type { PlayableRecording, SavedRecording } from '../../../shared/recording';
import { err, ok } from '../../../shared/result';
import type { AntBuddyClient } from '../api';
import { downloadToFile } from './download-to-file';
import { recordingFileName } from './recording-file-name';

/** The data folder's subfolder downloads go to. */
export const RECORDINGS_FOLDER = 'recordings';

/** Long enough for an hour of 8 kHz audio on a slow line; a stalled server must not hang the button forever. */
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export interface RecordingServiceDeps {
  readonly api: Pick<AntBuddyClient, 'getRecordingUrl'>;
  readonly dataDir: string;
  readonly fetch?: typeof fetch;
  readonly downloadTimeoutMs?: number;
}

export interface RecordingService {
  /** A signed URL to stream (main's cache reuses one while it stays valid, unless `fresh`). */
  playableUrl(media: string, options?: { readonly fresh?: boolean }): Promise<AppResult<PlayableRecording>>;
  /** Downloads the recording into `<dataDir>/recordings/` (0600, temp file + rename) and says where. */
  download(media: string, fileName?: string): Promise<AppResult<SavedRecording>>;
}

/** 401/403 from the media server: the signed URL is no good (expired, or clocks disagree). */
const refusedUrl = (status: number | undefined): boolean => status === 401 || status === 403;

export function createRecordingService(deps: RecordingServiceDeps): RecordingService {
  const fetchImpl = deps.fetch ?? globalThis.fetch;
  const timeoutMs = deps.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  const folder = join(deps.dataDir, RECORDINGS_FOLDER);

  async function playableUrl(
    media: string,
    options: { readonly fresh?: boolean } = {},
  ): Promise<AppResult<PlayableRecording>> {
    const signed = await deps.api.getRecordingUrl(media, options.fresh ? { fresh: true } : {});
    if (!signed.ok) return signed;
    return ok({ url: signed.value.url, expiresAt: signed.value.expiresAt?.toISOString() ?? null });
  }

  async function download(media: string, fileName?: string): Promise<AppResult<SavedRecording>> {
    try {
      // 0700: the folder holds customers' calls.
      await mkdir(folder, { recursive: true, mode: 0o700 });
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code ?? 'error';
      return err(
        appError(
          'internal',
          `Could not create the folder ${folder} (${code})`,
          `Không tạo được thư mục ${folder} (${code})`,
          { file: folder },
        ),
      );
    }
    const target = join(folder, recordingFileName(media, fileName));
    const attempt = async (fresh: boolean): Promise<AppResult<number>> => {
      const signed = await deps.api.getRecordingUrl(media, fresh ? { fresh: true } : {});
      if (!signed.ok) return signed;
      return downloadToFile(fetchImpl, signed.value.url, target, { signal: AbortSignal.timeout(timeoutMs) });
    };
    let saved = await attempt(false);
    // A reused URL can expire at the server between asking and downloading: one new URL, once.
    if (!saved.ok && saved.error.code === 'rejected' && refusedUrl(saved.error.status)) saved = await attempt(true);
    return saved.ok ? ok({ path: target }) : saved;
  }

  return { playableUrl, download };
}
