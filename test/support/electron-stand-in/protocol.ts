import { z } from 'zod';

/**
 * What a test and the Electron stand-in (running inside the child process of the built main
 * bundle) say to each other over Node's process IPC channel, and what the stand-in writes to
 * its record file at exit. Both sides parse with these schemas: a stand-in that drifts from
 * the test fails loudly instead of being misread.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

/** Environment variables the stand-in reads (not ANTRING_*: those are the app's settings). */
export const STAND_IN_ENV = {
  /** Where the stand-in writes its final record (JSON) when the process exits. Required. */
  recordFile: 'ELECTRON_STAND_IN_RECORD',
  /** "1": app.isPackaged is true (a packaged build registers its link schemes). */
  packaged: 'ELECTRON_STAND_IN_PACKAGED',
  /** "1": another instance holds the single-instance lock. */
  lockTaken: 'ELECTRON_STAND_IN_LOCK_TAKEN',
} as const;

/** One call the main process made into the Electron API. */
export const ApiCallSchema = z.object({
  seq: z.number(),
  /** e.g. "app.setPath", "BrowserWindow#1.loadURL", "protocol.registerSchemesAsPrivileged". */
  api: z.string(),
  args: z.array(JsonSchema),
  /** Whether the call happened before `ready`: several Electron APIs are only valid on one side of it. */
  beforeReady: z.boolean(),
});
export type ApiCall = z.infer<typeof ApiCallSchema>;

export const WindowStateSchema = z.object({
  id: z.number(),
  options: JsonSchema,
  loadedUrls: z.array(z.string()),
  visible: z.boolean(),
  destroyed: z.boolean(),
  /** Times show() / showInactive() / focus() were called. */
  shown: z.number(),
  focused: z.number(),
  /** Channels the window's web contents received, in order. */
  sent: z.array(z.string()),
  /** Listener counts on the web contents (will-navigate, will-redirect...). */
  contentsListeners: z.record(z.string(), z.number()),
  hasWindowOpenHandler: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const StandInStateSchema = z.object({
  ready: z.boolean(),
  calls: z.array(ApiCallSchema),
  windows: z.array(WindowStateSchema),
  tray: z
    .object({
      tooltip: z.string(),
      menuLabels: z.array(z.string()),
      /** The top-level items with a label, with what Electron would show of them. */
      menuItems: z.array(
        z.object({
          label: z.string(),
          type: z.string(),
          enabled: z.boolean(),
          checked: z.boolean(),
          /** Labels of a submenu's items. */
          submenu: z.array(z.string()),
        }),
      ),
      /** The tray image was a valid PNG. */
      png: z.boolean(),
      /** Images shown so far: 1, plus one per setImage (a change of state). */
      images: z.number(),
      destroyed: z.boolean(),
    })
    .nullable(),
  ipcHandlers: z.array(z.string()),
  protocolHandlers: z.array(z.string()),
  session: z.object({
    headersReceivedListener: z.boolean(),
    permissionRequestHandler: z.boolean(),
    permissionCheckHandler: z.boolean(),
  }),
  appListeners: z.record(z.string(), z.number()),
  powerListeners: z.record(z.string(), z.number()),
  /** process 'uncaughtException' listeners other than the stand-in's own (the app's error handler). */
  appUncaughtExceptionListeners: z.number(),
  /** Uncaught exceptions and unhandled rejections seen in the child, as "name: message". */
  uncaught: z.array(z.string()),
  /** The app events the stand-in emitted while quitting, in order (before-quit, close of each window...). */
  quitSequence: z.array(z.string()),
});
export type StandInState = z.infer<typeof StandInStateSchema>;

export const ExitRecordSchema = StandInStateSchema.extend({ exitCode: z.number() });
export type ExitRecord = z.infer<typeof ExitRecordSchema>;

/** Which frame an IPC request pretends to come from. */
export const SENDERS = ['app-window', 'sub-frame', 'foreign-page', 'foreign-contents'] as const;

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot') }),
  /** Calls the ipcMain.handle listener of `channel` as Electron would for a renderer's invoke(). */
  z.object({
    type: z.literal('invoke'),
    channel: z.string(),
    payload: JsonSchema.optional(),
    sender: z.enum(SENDERS),
    windowId: z.number(),
  }),
  /** Runs the session's onHeadersReceived listener on a response with these headers. */
  z.object({ type: z.literal('headers-received'), responseHeaders: z.record(z.string(), z.array(z.string())) }),
  z.object({
    type: z.literal('permission-request'),
    permission: z.string(),
    requestingUrl: z.string(),
    isMainFrame: z.boolean(),
    mediaTypes: z.array(z.string()),
  }),
  z.object({
    type: z.literal('permission-check'),
    permission: z.string(),
    requestingUrl: z.string(),
    isMainFrame: z.boolean(),
    mediaType: z.string().optional(),
  }),
  /** A request to a scheme registered with protocol.handle. */
  z.object({
    type: z.literal('protocol-request'),
    scheme: z.string(),
    url: z.string(),
    method: z.string(),
    initiatorOrigin: z.string().optional(),
  }),
  /** The page of a window tries to navigate (will-navigate); the reply says whether it was stopped. */
  z.object({ type: z.literal('navigate'), windowId: z.number(), url: z.string() }),
  /** The page of a window calls window.open(url); the reply is the handler's answer. */
  z.object({ type: z.literal('window-open'), windowId: z.number(), url: z.string() }),
  /** Another launch of the app: Electron's 'second-instance' with that launch's argv. */
  z.object({ type: z.literal('second-instance'), argv: z.array(z.string()) }),
  /** macOS hands links over with 'open-url'. */
  z.object({ type: z.literal('open-url'), url: z.string() }),
  /** The user closes a window (its 'close' event, preventable, then 'closed' if not prevented). */
  z.object({ type: z.literal('close-window'), windowId: z.number() }),
  /** A left click on the tray icon. */
  z.object({ type: z.literal('tray-click') }),
  /** Clicks the item of the tray's current context menu with this label. */
  z.object({ type: z.literal('tray-menu'), label: z.string() }),
  /** What the clipboard (or Linux's primary selection) holds from now on. */
  z.object({ type: z.literal('set-clipboard'), text: z.string(), selection: z.boolean().optional() }),
  /** The user presses a global shortcut the app registered (fails when it holds no such shortcut). */
  z.object({ type: z.literal('press-global-shortcut'), accelerator: z.string() }),
  z.object({ type: z.literal('power'), event: z.enum(['suspend', 'resume']) }),
  /** The user quits the app (app.quit(), as the tray's Quit does): its quit handlers run, then the process exits. */
  z.object({ type: z.literal('quit') }),
]);
export type Command = z.infer<typeof CommandSchema>;

export const RequestSchema = z.object({ id: z.number(), command: CommandSchema });
export type Request = z.infer<typeof RequestSchema>;

export const ChildMessageSchema = z.union([
  /** The `ready` handlers of the main process have run (sent once, a turn after whenReady resolved). */
  z.object({ type: z.literal('settled') }),
  /** app.quit() did not end the app: a handler prevented it (Electron then keeps running, and so does the stand-in). */
  z.object({ type: z.literal('quit-cancelled'), by: z.string() }),
  z.object({ type: z.literal('reply'), id: z.number(), ok: z.literal(true), value: JsonSchema }),
  z.object({ type: z.literal('reply'), id: z.number(), ok: z.literal(false), error: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;
