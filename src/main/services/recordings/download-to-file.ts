import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { appError, type AppError } from '../../../shared/errors';
import { err, ok, type Result } from '../../../shared/result';

/** Owner read/write only (ignored on Windows, where the folder's ACL decides). */
export const PRIVATE_FILE_MODE = 0o600;

export interface DownloadOptions {
  /** Aborts the download (e.g. a time limit); the partial file is removed. */
  readonly signal?: AbortSignal;
}

const aborted = (): AppError =>
  appError('timeout', 'The recording download took too long and was stopped', 'Tải file ghi âm quá lâu nên đã dừng');

/**
 * Downloads `url` to `file`: streamed into a temporary file beside it, renamed into place only
 * when complete, so a failure never leaves a partial file (nor clobbers an older copy).
 * Errors never quote the URL: it is signed. Shared by the `antring recording --out` command
 * and the app's Download button.
 */
export async function downloadToFile(
  fetchImpl: typeof fetch,
  url: string,
  file: string,
  options: DownloadOptions = {},
): Promise<Result<number, AppError>> {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.part`);
  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: 'follow', ...(options.signal ? { signal: options.signal } : {}) });
  } catch {
    if (options.signal?.aborted) return err(aborted());
    return err(
      appError(
        'network',
        'Could not download the recording; check the network',
        'Không tải được file ghi âm; kiểm tra mạng',
      ),
    );
  }
  if (!response.ok || !response.body) {
    const status = response.status;
    await response.body?.cancel().catch(() => undefined);
    return err(
      status >= 500
        ? appError(
            'server_error',
            `The recording server failed (HTTP ${status})`,
            `Máy chủ file ghi âm gặp lỗi (HTTP ${status})`,
            { status },
          )
        : appError(
            'rejected',
            `The recording server refused the download (HTTP ${status}); the link may have expired`,
            `Máy chủ file ghi âm từ chối tải (HTTP ${status}); liên kết có thể đã hết hạn`,
            { status },
          ),
    );
  }
  let bytes = 0;
  try {
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    // 0600: call audio is personal data, not for every account on the machine. rename() moves
    // this inode into place, so the mode holds even when an older, looser copy is replaced.
    await pipeline(body, createWriteStream(temp, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
    await rename(temp, file);
    return ok(bytes);
  } catch (cause) {
    await rm(temp, { force: true });
    if (options.signal?.aborted) return err(aborted());
    const code = (cause as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code) && code !== 'ECONNRESET' && code !== 'ETIMEDOUT') {
      return err(
        appError('internal', `Could not write ${file} (${code})`, `Không ghi được ${file} (${code})`, { file }),
      );
    }
    return err(appError('network', 'The recording download was interrupted', 'Việc tải file ghi âm bị gián đoạn'));
  }
}
