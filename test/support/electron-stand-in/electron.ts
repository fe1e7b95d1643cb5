import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startControl } from './control';
import { STAND_IN_ENV, type ChildMessage, type WindowState } from './protocol';
import {
  record,
  standIn,
  watchUncaught,
  writeRecordAtExit,
  type HeadersReceivedListener,
  type IpcInvokeHandler,
  type PermissionCheckHandler,
  type PermissionRequestHandler,
  type ProtocolHandler,
} from './recorder';
import { isPng, REF, toJson, type Referable } from './serialize';

/**
 * A recording stand-in for the `electron` module, for running the BUILT main process under
 * plain Node (no Electron binary runs on the test machines). It implements the part of
 * Electron's main-process API the app uses, with Electron's rules where breaking them is a
 * real bug (protocol.registerSchemesAsPrivileged and app.enableSandbox only before `ready`;
 * session and protocol.handle only after; a second ipcMain.handle for a channel throws; a
 * destroyed window or tray throws), records every call, and is driven by the test over the
 * process IPC channel (control.ts). Loaded in place of 'electron' by register.ts.
 *
 * An API the app starts using and this file lacks fails the test with a TypeError naming
 * it: add it here, with Electron's behaviour.
 */

watchUncaught();
writeRecordAtExit();

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

function destroyedError(): TypeError {
  return new TypeError('Object has been destroyed');
}

interface AppPackage {
  readonly name: string;
  readonly productName?: string;
  readonly version: string;
  readonly dir: string;
}

/** Electron reads name and version from the app's package.json: the one above the main script. */
function findAppPackage(): AppPackage {
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const pkg = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      return {
        name: typeof pkg['name'] === 'string' ? pkg['name'] : 'electron-app',
        ...(typeof pkg['productName'] === 'string' ? { productName: pkg['productName'] } : {}),
        version: typeof pkg['version'] === 'string' ? pkg['version'] : '0.0.0',
        dir,
      };
    }
    const parent = dirname(dir);
    if (parent === dir) return { name: 'electron-app', version: '0.0.0', dir: process.cwd() };
    dir = parent;
  }
}

const appPackage = findAppPackage();

// ---------------------------------------------------------------------------------------------
// app

let readyResolve: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => {
  readyResolve = resolve;
});

type QuitState = 'running' | 'quitting' | 'exiting';

/** Recorded, and told to the test at once: it would otherwise wait for an exit that never comes. */
function quitCancelled(by: string): void {
  standIn.quitSequence.push(`quit cancelled by ${by}`);
  const message: ChildMessage = { type: 'quit-cancelled', by };
  process.send?.(message);
}

class FakeApp extends EventEmitter implements Referable {
  readonly [REF] = 'app';
  readonly name = appPackage.productName ?? appPackage.name;
  readonly isPackaged = process.env[STAND_IN_ENV.packaged] === '1';
  readonly commandLine = {
    appendSwitch: (...args: unknown[]): void => record('app.commandLine.appendSwitch', args),
    hasSwitch: (): boolean => false,
    getSwitchValue: (): string => '',
  };
  #quit: QuitState = 'running';
  #lock = process.env[STAND_IN_ENV.lockTaken] !== '1';
  #loginItem = { openAtLogin: false };
  readonly #paths = new Map<string, string>();

  constructor() {
    super();
    const home = process.env['HOME'] ?? homedir();
    const appData = join(home, '.config');
    this.#paths.set('home', home);
    this.#paths.set('appData', appData);
    this.#paths.set('userData', join(appData, this.name));
    this.#paths.set('sessionData', join(appData, this.name));
    this.#paths.set('temp', tmpdir());
    this.#paths.set('exe', process.execPath);
    this.#paths.set('module', process.execPath);
    for (const name of ['desktop', 'documents', 'downloads', 'music', 'pictures', 'videos']) {
      this.#paths.set(name, join(home, name[0]?.toUpperCase() + name.slice(1)));
    }
  }

  getName(): string {
    return this.name;
  }
  getVersion(): string {
    return appPackage.version;
  }
  getAppPath(): string {
    return appPackage.dir;
  }
  isReady(): boolean {
    return standIn.ready;
  }
  whenReady(): Promise<void> {
    record('app.whenReady', []);
    return readyPromise;
  }
  setPath(name: string, path: string): void {
    record('app.setPath', [name, path]);
    this.#paths.set(name, path);
    if (name === 'userData' && !this.#paths.has('logs')) this.#paths.set('logs', join(path, 'logs'));
  }
  getPath(name: string): string {
    if (name === 'logs') return this.#paths.get('logs') ?? join(this.getPath('userData'), 'logs');
    const path = this.#paths.get(name);
    if (path === undefined) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setAppUserModelId(id: string): void {
    record('app.setAppUserModelId', [id]);
  }
  enableSandbox(): void {
    record('app.enableSandbox', []);
    if (standIn.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
  }
  requestSingleInstanceLock(additionalData?: unknown): boolean {
    record('app.requestSingleInstanceLock', [additionalData]);
    return this.#lock;
  }
  hasSingleInstanceLock(): boolean {
    return this.#lock;
  }
  releaseSingleInstanceLock(): void {
    record('app.releaseSingleInstanceLock', []);
    this.#lock = false;
  }
  setAsDefaultProtocolClient(protocol: string, ...rest: unknown[]): boolean {
    record('app.setAsDefaultProtocolClient', [protocol, ...rest]);
    return true;
  }
  removeAsDefaultProtocolClient(protocol: string, ...rest: unknown[]): boolean {
    record('app.removeAsDefaultProtocolClient', [protocol, ...rest]);
    return true;
  }
  isDefaultProtocolClient(): boolean {
    return false;
  }
  setLoginItemSettings(settings: { openAtLogin?: boolean }): void {
    record('app.setLoginItemSettings', [settings]);
    this.#loginItem = { openAtLogin: settings.openAtLogin === true };
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return { ...this.#loginItem };
  }
  getLocale(): string {
    return 'en-US';
  }
  getSystemLocale(): string {
    return 'en-US';
  }
  getPreferredSystemLanguages(): string[] {
    return ['en-US'];
  }
  focus(...args: unknown[]): void {
    record('app.focus', args);
  }
  relaunch(...args: unknown[]): void {
    record('app.relaunch', args);
  }

  /**
   * Electron's order: 'before-quit' (preventable), then every window is closed (each 'close'
   * may be prevented, which cancels the quit), then 'will-quit' (preventable), then 'quit',
   * and the process ends. Pending asynchronous work is not waited for, as in Electron.
   */
  quit(): void {
    record('app.quit', []);
    if (this.#quit !== 'running') return;
    const beforeQuit = new PreventableEvent();
    standIn.quitSequence.push('before-quit');
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) {
      quitCancelled('before-quit');
      return;
    }
    this.#quit = 'quitting';
    setImmediate(() => this.#closeWindowsAndQuit());
  }

  #closeWindowsAndQuit(): void {
    for (const window of standIn.windows) {
      if (window.isDestroyed()) continue;
      standIn.quitSequence.push(`close BrowserWindow#${window.id}`);
      if (!window.closeAsUser()) {
        quitCancelled(`BrowserWindow#${window.id}`);
        this.#quit = 'running';
        return;
      }
    }
    const willQuit = new PreventableEvent();
    standIn.quitSequence.push('will-quit');
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) {
      quitCancelled('will-quit');
      this.#quit = 'running';
      return;
    }
    standIn.quitSequence.push('quit');
    this.emit('quit', new PreventableEvent(), 0);
    this.#exitSoon(0);
  }

  exit(code = 0): void {
    record('app.exit', [code]);
    this.#exitSoon(code);
  }

  /** After this turn's microtasks: errors thrown by quit handlers' promises still surface. */
  #exitSoon(code: number): void {
    if (this.#quit === 'exiting') return;
    this.#quit = 'exiting';
    setImmediate(() => process.exit(code));
  }
}

export const app = new FakeApp();
standIn.appListeners = () => listenerCounts(app);

function listenerCounts(emitter: EventEmitter): Record<string, number> {
  return Object.fromEntries(emitter.eventNames().map((name) => [String(name), emitter.listenerCount(name)]));
}

// ---------------------------------------------------------------------------------------------
// windows and web contents

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter implements Referable {
  readonly id = nextWebContentsId++;
  readonly [REF] = `webContents#${this.id}`;
  readonly sent: string[] = [];
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: unknown) => unknown) | undefined;

  constructor(readonly owner: FakeBrowserWindow | undefined) {
    super();
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isLoading(): boolean {
    return false;
  }
  send(channel: string, ..._args: unknown[]): void {
    if (this.destroyed) throw destroyedError();
    // Payloads can be large (lists of calls): the channel says what the test needs.
    this.sent.push(channel);
  }
  setWindowOpenHandler(handler: (details: unknown) => unknown): void {
    record(`${this[REF]}.setWindowOpenHandler`, [handler]);
    this.windowOpenHandler = handler;
  }
  openDevTools(...args: unknown[]): void {
    record(`${this[REF]}.openDevTools`, args);
  }
  reload(): void {
    record(`${this[REF]}.reload`, []);
  }
}

let nextWindowId = 1;

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeBrowserWindow extends EventEmitter implements Referable {
  static getAllWindows(): FakeBrowserWindow[] {
    return standIn.windows.filter((window) => !window.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return standIn.windows.find((window) => window.webContents === contents) ?? null;
  }

  readonly id = nextWindowId++;
  readonly [REF] = `BrowserWindow#${this.id}`;
  readonly webContents = new FakeWebContents(this);
  readonly loadedUrls: string[] = [];
  #visible = false;
  #minimized = false;
  #shown = 0;
  #focused = 0;
  #bounds: Bounds;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    record('new BrowserWindow', [options]);
    const width = typeof options['width'] === 'number' ? options['width'] : 800;
    const height = typeof options['height'] === 'number' ? options['height'] : 600;
    this.#bounds = { x: 0, y: 0, width, height };
    standIn.windows.push(this);
    app.emit('web-contents-created', new PreventableEvent(), this.webContents);
    app.emit('browser-window-created', new PreventableEvent(), this);
    if (options['show'] !== false) this.show();
  }

  #use(method: string, args: readonly unknown[]): void {
    record(`${this[REF]}.${method}`, args);
    if (this.destroyed) throw destroyedError();
  }

  loadURL(url: string, ...rest: unknown[]): Promise<void> {
    this.#use('loadURL', [url, ...rest]);
    this.loadedUrls.push(url);
    this.webContents.url = url;
    return new Promise((resolve) => {
      // The page "paints" on a later turn, as in Electron.
      setImmediate(() => {
        if (this.destroyed) return resolve();
        this.webContents.emit('did-finish-load');
        this.emit('ready-to-show');
        resolve();
      });
    });
  }
  loadFile(file: string): Promise<void> {
    return this.loadURL(pathToFileURL(file).href);
  }
  show(): void {
    this.#use('show', []);
    this.#shown++;
    this.#minimized = false;
    if (!this.#visible) {
      this.#visible = true;
      this.emit('show');
    }
  }
  showInactive(): void {
    this.#use('showInactive', []);
    this.#shown++;
    if (!this.#visible) {
      this.#visible = true;
      this.emit('show');
    }
  }
  hide(): void {
    this.#use('hide', []);
    if (this.#visible) {
      this.#visible = false;
      this.emit('hide');
    }
  }
  focus(): void {
    this.#use('focus', []);
    this.#focused++;
  }
  isVisible(): boolean {
    if (this.destroyed) throw destroyedError();
    return this.#visible;
  }
  isFocused(): boolean {
    if (this.destroyed) throw destroyedError();
    return false;
  }
  isMinimized(): boolean {
    if (this.destroyed) throw destroyedError();
    return this.#minimized;
  }
  minimize(): void {
    this.#use('minimize', []);
    this.#minimized = true;
  }
  restore(): void {
    this.#use('restore', []);
    this.#minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setBounds(bounds: Partial<Bounds>): void {
    this.#use('setBounds', [bounds]);
    this.#bounds = { ...this.#bounds, ...bounds };
  }
  getBounds(): Bounds {
    if (this.destroyed) throw destroyedError();
    return { ...this.#bounds };
  }
  setAlwaysOnTop(...args: unknown[]): void {
    this.#use('setAlwaysOnTop', args);
  }
  setVisibleOnAllWorkspaces(...args: unknown[]): void {
    this.#use('setVisibleOnAllWorkspaces', args);
  }
  setSkipTaskbar(...args: unknown[]): void {
    this.#use('setSkipTaskbar', args);
  }
  setMenuBarVisibility(...args: unknown[]): void {
    this.#use('setMenuBarVisibility', args);
  }
  setTitle(...args: unknown[]): void {
    this.#use('setTitle', args);
  }
  flashFrame(...args: unknown[]): void {
    this.#use('flashFrame', args);
  }
  moveTop(): void {
    this.#use('moveTop', []);
  }
  /** The window is closed for good: 'closed', and every later use throws, as in Electron. */
  destroy(): void {
    record(`${this[REF]}.destroy`, []);
    this.#destroyNow();
  }
  /** Closing it as the user would; Electron's close() does the same. */
  close(): void {
    this.#use('close', []);
    this.closeAsUser();
  }
  /** 'close' (preventable), then, unless prevented, the window is gone. True when it closed. */
  closeAsUser(): boolean {
    if (this.destroyed) return true;
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.#destroyNow();
    return true;
  }
  #destroyNow(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.#visible = false;
    this.webContents.destroyed = true;
    this.emit('closed');
  }

  state(): WindowState {
    return {
      id: this.id,
      options: toJson(this.options),
      loadedUrls: this.loadedUrls,
      visible: this.#visible,
      destroyed: this.destroyed,
      shown: this.#shown,
      focused: this.#focused,
      sent: this.webContents.sent,
      contentsListeners: listenerCounts(this.webContents),
      hasWindowOpenHandler: this.webContents.windowOpenHandler !== undefined,
    };
  }
}

export { FakeBrowserWindow as BrowserWindow };

export const webContents = {
  getAllWebContents: (): FakeWebContents[] =>
    standIn.windows.filter((window) => !window.destroyed).map((window) => window.webContents),
  fromId: (id: number): FakeWebContents | undefined =>
    standIn.windows.map((window) => window.webContents).find((contents) => contents.id === id),
};

// ---------------------------------------------------------------------------------------------
// IPC

class FakeIpcMain extends EventEmitter implements Referable {
  readonly [REF] = 'ipcMain';
  handle(channel: string, handler: IpcInvokeHandler): void {
    record('ipcMain.handle', [channel, handler]);
    if (standIn.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    standIn.ipcHandlers.set(channel, handler);
  }
  handleOnce(channel: string, handler: IpcInvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      standIn.ipcHandlers.delete(channel);
      return handler(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    record('ipcMain.removeHandler', [channel]);
    standIn.ipcHandlers.delete(channel);
  }
}

export const ipcMain = new FakeIpcMain();

// ---------------------------------------------------------------------------------------------
// protocol and session

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown): void {
    record('protocol.registerSchemesAsPrivileged', [schemes]);
    if (standIn.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol.handle', [scheme, handler]);
    if (!standIn.ready) throw new Error('The protocol module can only be used after the app is ready');
    if (standIn.protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    standIn.protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    record('protocol.unhandle', [scheme]);
    standIn.protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return standIn.protocolHandlers.has(scheme);
  },
};

const fakeSession = {
  [REF]: 'session.defaultSession',
  webRequest: {
    onHeadersReceived(...args: unknown[]): void {
      record('session.defaultSession.webRequest.onHeadersReceived', args);
      // (listener) or (filter, listener); null removes it.
      const listener = args.length > 1 ? args[1] : args[0];
      standIn.headersReceived = typeof listener === 'function' ? (listener as HeadersReceivedListener) : undefined;
    },
    onBeforeRequest(...args: unknown[]): void {
      record('session.defaultSession.webRequest.onBeforeRequest', args);
    },
  },
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    record('session.defaultSession.setPermissionRequestHandler', [handler]);
    standIn.permissionRequest = handler ?? undefined;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    record('session.defaultSession.setPermissionCheckHandler', [handler]);
    standIn.permissionCheck = handler ?? undefined;
  },
  setDevicePermissionHandler(...args: unknown[]): void {
    record('session.defaultSession.setDevicePermissionHandler', args);
  },
};

export const session = {
  get defaultSession(): typeof fakeSession {
    if (!standIn.ready) throw new Error('session.defaultSession can only be used after the app is ready');
    return fakeSession;
  },
};

// ---------------------------------------------------------------------------------------------
// OS services

export const safeStorage = {
  isEncryptionAvailable: (): boolean => standIn.ready,
  getSelectedStorageBackend: (): string => 'gnome_libsecret',
  encryptString: (plainText: string): Buffer => Buffer.from(`stand-in:${Buffer.from(plainText).toString('base64')}`),
  decryptString: (encrypted: Buffer): string =>
    Buffer.from(encrypted.toString().replace(/^stand-in:/, ''), 'base64').toString(),
};

export const shell = {
  openExternal(url: string, ...rest: unknown[]): Promise<void> {
    record('shell.openExternal', [url, ...rest]);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    record('shell.openPath', [path]);
    return Promise.resolve('');
  },
  showItemInFolder(path: string): void {
    record('shell.showItemInFolder', [path]);
  },
  beep(): void {
    record('shell.beep', []);
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', [title, content]);
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    record('dialog.showMessageBox', args);
    return Promise.resolve({ response: 0, checkboxChecked: false });
  },
  showMessageBoxSync(...args: unknown[]): number {
    record('dialog.showMessageBoxSync', args);
    return 0;
  },
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    record('dialog.showOpenDialog', args);
    return Promise.resolve({ canceled: true, filePaths: [] });
  },
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    record('dialog.showSaveDialog', args);
    return Promise.resolve({ canceled: true, filePath: '' });
  },
};

let nextNotificationId = 1;

export class Notification extends EventEmitter implements Referable {
  static isSupported(): boolean {
    return true;
  }
  readonly [REF] = `Notification#${nextNotificationId++}`;
  constructor(options: unknown) {
    super();
    record('new Notification', [options]);
  }
  show(): void {
    record(`${this[REF]}.show`, []);
  }
  close(): void {
    record(`${this[REF]}.close`, []);
  }
}

export class FakeNativeImage implements Referable {
  readonly [REF]: string;
  constructor(
    readonly bytes: Uint8Array,
    readonly source: string,
  ) {
    this[REF] = `nativeImage(${source}, ${bytes.length} bytes)`;
  }
  isEmpty(): boolean {
    return this.bytes.length === 0;
  }
  getSize(): { width: number; height: number } {
    return { width: 0, height: 0 };
  }
  toPNG(): Buffer {
    return Buffer.from(this.bytes);
  }
  resize(): FakeNativeImage {
    return this;
  }
  setTemplateImage(): void {}
}

export const nativeImage = {
  createFromBuffer: (buffer: Uint8Array, ...rest: unknown[]): FakeNativeImage => {
    record('nativeImage.createFromBuffer', [buffer, ...rest]);
    return new FakeNativeImage(buffer, 'buffer');
  },
  createFromPath: (path: string): FakeNativeImage => {
    record('nativeImage.createFromPath', [path]);
    return new FakeNativeImage(existsSync(path) ? readFileSync(path) : new Uint8Array(), 'path');
  },
  createEmpty: (): FakeNativeImage => new FakeNativeImage(new Uint8Array(), 'empty'),
};

interface MenuItemOptions {
  readonly label?: string;
  readonly type?: string;
  readonly enabled?: boolean;
  readonly checked?: boolean;
  readonly submenu?: readonly MenuItemOptions[];
  readonly click?: (...args: unknown[]) => void;
}

export class Menu implements Referable {
  static buildFromTemplate(template: readonly MenuItemOptions[]): Menu {
    record('Menu.buildFromTemplate', [template]);
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    record('Menu.setApplicationMenu', [menu]);
  }
  static getApplicationMenu(): Menu | null {
    return null;
  }
  readonly [REF]: string;
  constructor(readonly items: readonly MenuItemOptions[] = []) {
    this[REF] = `Menu(${items.map((item) => item.label ?? item.type ?? '?').join(' | ')})`;
  }
}

let nextTrayId = 1;

export class FakeTray extends EventEmitter implements Referable {
  readonly [REF] = `Tray#${nextTrayId++}`;
  #tooltip = '';
  #menu: Menu | undefined;
  #destroyed = false;
  /** Images shown: the first, then one per setImage (the tray's state changed). */
  #images = 1;
  readonly #png: boolean;

  constructor(image: FakeNativeImage | string) {
    super();
    record('new Tray', [image]);
    this.#png = typeof image !== 'string' && isPng(image.bytes);
    standIn.tray = this;
  }
  #use(method: string, args: readonly unknown[]): void {
    record(`${this[REF]}.${method}`, args);
    if (this.#destroyed) throw destroyedError();
  }
  setToolTip(text: string): void {
    this.#use('setToolTip', [text]);
    this.#tooltip = text;
  }
  setContextMenu(menu: Menu | null): void {
    this.#use('setContextMenu', [menu]);
    this.#menu = menu ?? undefined;
  }
  setImage(image: unknown): void {
    this.#use('setImage', [image]);
    this.#images++;
  }
  setTitle(title: string): void {
    this.#use('setTitle', [title]);
  }
  destroy(): void {
    record(`${this[REF]}.destroy`, []);
    this.#destroyed = true;
  }
  isDestroyed(): boolean {
    return this.#destroyed;
  }
  menu(): Menu | undefined {
    return this.#menu;
  }
  state(): {
    tooltip: string;
    menuLabels: string[];
    menuItems: { label: string; type: string; enabled: boolean; checked: boolean; submenu: string[] }[];
    png: boolean;
    images: number;
    destroyed: boolean;
  } {
    const items = this.#menu?.items ?? [];
    return {
      tooltip: this.#tooltip,
      menuLabels: items.flatMap((item) => (item.label === undefined ? [] : [item.label])),
      // Electron's defaults: enabled unless said otherwise, unchecked; a submenu's type is 'submenu'.
      menuItems: items.flatMap((item) =>
        item.label === undefined
          ? []
          : [
              {
                label: item.label,
                type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
                enabled: item.enabled !== false,
                checked: item.checked === true,
                submenu: (item.submenu ?? []).flatMap((sub) => (sub.label === undefined ? [] : [sub.label])),
              },
            ],
      ),
      png: this.#png,
      images: this.#images,
      destroyed: this.#destroyed,
    };
  }
}

export { FakeTray as Tray };

class FakePowerMonitor extends EventEmitter implements Referable {
  readonly [REF] = 'powerMonitor';
  getSystemIdleState(): string {
    return 'active';
  }
  getSystemIdleTime(): number {
    return 0;
  }
  isOnBatteryPower(): boolean {
    return false;
  }
}

export const powerMonitor = new FakePowerMonitor();
standIn.powerListeners = () => listenerCounts(powerMonitor);

const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
};

class FakeScreen extends EventEmitter {
  getCursorScreenPoint(): { x: number; y: number } {
    return { x: 100, y: 100 };
  }
  getDisplayNearestPoint(): typeof DISPLAY {
    return DISPLAY;
  }
  getPrimaryDisplay(): typeof DISPLAY {
    return DISPLAY;
  }
  getAllDisplays(): (typeof DISPLAY)[] {
    return [DISPLAY];
  }
}

export const screen = new FakeScreen();

/**
 * Electron 45's clipboard is asynchronous (readText answers a promise). The test sets what it
 * holds through the control channel ('set-clipboard'); `selection` is Linux's primary selection.
 */
function fakeClipboard(which: 'clipboard' | 'selection') {
  return {
    readText(): Promise<string> {
      record(`${which}.readText`, []);
      return Promise.resolve(standIn.clipboardText[which]);
    },
    writeText(text: string): Promise<void> {
      record(`${which}.writeText`, ['<text>']);
      standIn.clipboardText[which] = text;
      return Promise.resolve();
    },
    has(): Promise<boolean> {
      return Promise.resolve(standIn.clipboardText[which] !== '');
    },
    clear(): void {
      standIn.clipboardText[which] = '';
    },
  };
}

export const clipboard = {
  ...fakeClipboard('clipboard'),
  selection: process.platform === 'linux' ? fakeClipboard('selection') : undefined,
};

/** Holds what the app registers; the test presses one through the control channel ('press-global-shortcut'). */
export const globalShortcut = {
  register(accelerator: string, callback: unknown): boolean {
    record('globalShortcut.register', [accelerator, callback]);
    if (typeof callback === 'function') standIn.globalShortcuts.set(accelerator, callback as () => void);
    return true;
  },
  unregister(accelerator: string): void {
    record('globalShortcut.unregister', [accelerator]);
    standIn.globalShortcuts.delete(accelerator);
  },
  unregisterAll(): void {
    record('globalShortcut.unregisterAll', []);
    standIn.globalShortcuts.clear();
  },
  isRegistered: (accelerator: string): boolean => standIn.globalShortcuts.has(accelerator),
};

// ---------------------------------------------------------------------------------------------
// start-up: `ready` comes once the main script's first turn is over, as in Electron.

setImmediate(() => {
  standIn.ready = true;
  app.emit('will-finish-launching');
  app.emit('ready', new PreventableEvent(), {});
  readyResolve();
  // whenReady's callbacks run in the microtasks after the resolve; a turn later they are done.
  setImmediate(() =>
    startControl({
      emitApp: (name, ...args) => app.emit(name, ...args),
      power: () => powerMonitor,
      quit: () => app.quit(),
    }),
  );
});
