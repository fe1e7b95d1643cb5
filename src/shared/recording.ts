import { z } from 'zod';

/**
 * What the renderer may ask about a call recording: a playable (signed, short-lived) URL, and a
 * download into the data folder. Shared by the contract, the main service and the player.
 */

const hasControlCharacter = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f');

/** A call's `recording` field, as the history gave it (AntBuddy signs it; main checks the rest). */
export const RecordingMediaSchema = z
  .string()
  .min(1)
  .max(1000)
  .refine((media) => media.trim() !== '' && !hasControlCharacter(media), { message: 'not a recording name' });

/**
 * A file name chosen by the page for a download: a name only, never a path (main writes into its
 * own `recordings/` folder), so separators, `..` and hidden names are refused rather than cleaned.
 */
export const RecordingFileNameSchema = z
  .string()
  .min(1)
  .max(120)
  .refine((name) => !/[/\\:*?"<>|]/.test(name) && !hasControlCharacter(name), {
    message: 'a file name without / \\ : * ? " < > |',
  })
  .refine((name) => !name.startsWith('.') && name.trim() === name, {
    message: 'a file name that does not start with a dot or a space',
  });

export const RecordingUrlRequestSchema = z
  .object({
    media: RecordingMediaSchema,
    /**
     * Skip main's cache of signed URLs: the player asks this after the media server refused the
     * URL it had (e.g. this computer's clock is behind the server's, so a URL main still believes
     * valid has expired there).
     */
    fresh: z.boolean().optional(),
  })
  .strict();

export const DownloadRecordingRequestSchema = z
  .object({ media: RecordingMediaSchema, fileName: RecordingFileNameSchema.optional() })
  .strict();

/** A signed URL the <audio> element can stream. */
export interface PlayableRecording {
  readonly url: string;
  /** ISO 8601 time the URL stops working (read from its `Expires`), or null when it does not say. */
  readonly expiresAt: string | null;
}

/** Where a downloaded recording was written (on the computer running the services). */
export interface SavedRecording {
  readonly path: string;
}
