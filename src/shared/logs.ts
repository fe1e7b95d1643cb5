import { z } from 'zod';

/**
 * Where the host writes its log files (`<data folder>/logs`). `opened` is true when the host
 * showed the folder itself (Electron: the file manager); the web host cannot open a folder on
 * the user's screen, so it answers `opened: false` and the page shows the path to copy.
 */
export interface LogsFolder {
  readonly path: string;
  readonly opened: boolean;
}

/** The longest renderer message and stack a log line keeps (a runaway error must not fill the disk). */
export const RENDERER_LOG_MESSAGE_MAX = 2000;
export const RENDERER_LOG_STACK_MAX = 8000;

/** An error or warning the page could not handle, for the host's log (secrets are masked there). */
export const RendererLogEntrySchema = z
  .object({
    level: z.enum(['error', 'warn']),
    message: z.string().max(RENDERER_LOG_MESSAGE_MAX),
    stack: z.string().max(RENDERER_LOG_STACK_MAX).optional(),
  })
  .strict();
export type RendererLogEntry = z.infer<typeof RendererLogEntrySchema>;
