import type { FakeBrowserWindow } from './electron';
import { RequestSchema, type ChildMessage, type Command, type Json } from './protocol';
import { snapshot, standIn } from './recorder';
import { toJson } from './serialize';

/**
 * The test's side door into the stand-in: over the process IPC channel (the test forks the
 * child), it plays what Electron or the user would do (a renderer's invoke, a response's
 * headers, a permission prompt, a second launch, a click on the tray) and reads the state.
 */

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

function windowById(id: number): FakeBrowserWindow {
  const window = standIn.windows.find((candidate) => candidate.id === id);
  if (!window) throw new Error(`no BrowserWindow#${id}`);
  return window;
}

/** The IPC event Electron passes to ipcMain.handle listeners, for a chosen kind of sender. */
function invokeEvent(command: Extract<Command, { type: 'invoke' }>): unknown {
  const window = windowById(command.windowId);
  const url = window.webContents.getURL();
  switch (command.sender) {
    case 'app-window':
      return { sender: window.webContents, senderFrame: { url, parent: null }, processId: 1, frameId: 1 };
    case 'sub-frame':
      return { sender: window.webContents, senderFrame: { url, parent: { url } }, processId: 1, frameId: 2 };
    case 'foreign-page':
      return {
        sender: window.webContents,
        senderFrame: { url: 'https://attacker.example/', parent: null },
        processId: 1,
        frameId: 1,
      };
    case 'foreign-contents':
      // Web contents the app did not create (a devtools extension, a stray webview).
      return { sender: { id: -1 }, senderFrame: { url, parent: null }, processId: 2, frameId: 1 };
  }
}

async function responseJson(response: unknown): Promise<Json> {
  if (!(response instanceof Response)) return { notAResponse: toJson(response) };
  const body = await response.text();
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: body.slice(0, 100_000),
  };
}

async function run(command: Command): Promise<Json> {
  switch (command.type) {
    case 'snapshot':
      return toJson(snapshot());
    case 'invoke': {
      const handler = standIn.ipcHandlers.get(command.channel);
      if (!handler) throw new Error(`no ipcMain handler for ${command.channel}`);
      return toJson(await handler(invokeEvent(command), command.payload));
    }
    case 'headers-received': {
      const listener = standIn.headersReceived;
      if (!listener) throw new Error('no onHeadersReceived listener');
      return new Promise<Json>((resolve) => {
        listener({ url: 'app://antring/index.html', responseHeaders: command.responseHeaders }, (response) =>
          resolve(toJson(response)),
        );
      });
    }
    case 'permission-request': {
      const handler = standIn.permissionRequest;
      const contents = standIn.windows[0]?.webContents;
      if (!handler || !contents) throw new Error('no permission request handler (or no window)');
      return new Promise<Json>((resolve) => {
        handler(contents, command.permission, (granted) => resolve(granted), {
          isMainFrame: command.isMainFrame,
          requestingUrl: command.requestingUrl,
          mediaTypes: command.mediaTypes,
        });
      });
    }
    case 'permission-check': {
      const handler = standIn.permissionCheck;
      if (!handler) throw new Error('no permission check handler');
      const origin = new URL(command.requestingUrl).origin;
      return handler(standIn.windows[0]?.webContents ?? null, command.permission, origin, {
        isMainFrame: command.isMainFrame,
        requestingUrl: command.requestingUrl,
        ...(command.mediaType !== undefined ? { mediaType: command.mediaType } : {}),
      });
    }
    case 'protocol-request': {
      const handler = standIn.protocolHandlers.get(command.scheme);
      if (!handler) throw new Error(`no protocol handler for ${command.scheme}`);
      // What Electron passes: a fetch Request with initiatorOrigin added (Node's Request refuses app: URLs).
      const request = {
        url: command.url,
        method: command.method,
        headers: new Headers(),
        ...(command.initiatorOrigin !== undefined ? { initiatorOrigin: command.initiatorOrigin } : {}),
      };
      return responseJson(await handler(request));
    }
    case 'navigate': {
      const event = new PreventableEvent();
      windowById(command.windowId).webContents.emit('will-navigate', event, command.url);
      return { prevented: event.defaultPrevented };
    }
    case 'window-open': {
      const handler = windowById(command.windowId).webContents.windowOpenHandler;
      if (!handler) throw new Error('no window open handler');
      return toJson(handler({ url: command.url, frameName: '', features: '', disposition: 'new-window' }));
    }
    case 'second-instance':
      // (event, argv, workingDirectory, additionalData), as Electron emits it.
      emitApp('second-instance', new PreventableEvent(), command.argv, process.cwd(), {});
      return null;
    case 'open-url': {
      const event = new PreventableEvent();
      emitApp('open-url', event, command.url);
      return { prevented: event.defaultPrevented };
    }
    case 'close-window':
      return { closed: windowById(command.windowId).closeAsUser() };
    case 'tray-click':
      if (!standIn.tray) throw new Error('no tray');
      standIn.tray.emit('click', new PreventableEvent(), { x: 0, y: 0, width: 16, height: 16 });
      return null;
    case 'tray-menu': {
      const item = standIn.tray?.menu()?.items.find((candidate) => candidate.label === command.label);
      if (!item?.click) throw new Error(`no tray menu item "${command.label}"`);
      item.click(item, undefined, new PreventableEvent());
      return null;
    }
    case 'power':
      powerEmitter()?.emit(command.event);
      return null;
    case 'quit':
      quitApp();
      return null;
    case 'set-clipboard':
      standIn.clipboardText[command.selection === true ? 'selection' : 'clipboard'] = command.text;
      return null;
    case 'press-global-shortcut': {
      const callback = standIn.globalShortcuts.get(command.accelerator);
      if (!callback) throw new Error(`no global shortcut ${command.accelerator} is registered`);
      callback();
      return null;
    }
  }
}

let emitApp: (name: string, ...args: unknown[]) => void = () => {};
let powerEmitter: () => { emit(name: string): unknown } | undefined = () => undefined;
let quitApp: () => void = () => {};

/** Starts answering the test (once the `ready` handlers have run) and tells it so. */
export function startControl(hooks: {
  emitApp: (name: string, ...args: unknown[]) => void;
  power: () => { emit(name: string): unknown };
  quit: () => void;
}): void {
  emitApp = hooks.emitApp;
  powerEmitter = hooks.power;
  quitApp = hooks.quit;
  process.on('message', (raw: unknown) => {
    const parsed = RequestSchema.safeParse(raw);
    if (!parsed.success) {
      process.stderr.write(`stand-in: unreadable control message\n`);
      return;
    }
    const { id, command } = parsed.data;
    run(command).then(
      (value) => send({ type: 'reply', id, ok: true, value }),
      (error: unknown) =>
        send({ type: 'reply', id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  send({ type: 'settled' });
}
