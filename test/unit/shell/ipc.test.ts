import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { events, requestNames, requests, type RequestHandlers } from '../../../src/shared/contract';
import { ok } from '../../../src/shared/result';
import {
  createBroadcaster,
  handleIpcRequest,
  isTrustedSender,
  registerIpcHandlers,
  type SenderInfo,
} from '../../../src/main/shell/ipc';

const APP = 'app://antring/index.html';
const appContents = { id: 1 };
const trusted = { appUrl: APP, isAppWebContents: (c: unknown) => c === appContents };

const fromApp: SenderInfo = { sender: appContents, senderFrame: { url: `${APP}#/popup`, parent: null } };

function spyHandlers() {
  const saveSettings = vi.fn(() => ok({} as never));
  const handlers = new Proxy({} as Record<string, unknown>, {
    get: (_t, name) => (name === 'saveSettings' ? saveSettings : vi.fn(() => ok(`handled ${String(name)}`))),
  }) as unknown as RequestHandlers;
  return { handlers, saveSettings };
}

describe('isTrustedSender', () => {
  it('accepts the top frame of an app window showing the app page', () => {
    expect(isTrustedSender(fromApp, trusted)).toBe(true);
  });
  it('refuses a window the app did not create', () => {
    expect(isTrustedSender({ ...fromApp, sender: { id: 2 } }, trusted)).toBe(false);
  });
  it('refuses a subframe, even of an app window', () => {
    expect(isTrustedSender({ sender: appContents, senderFrame: { url: APP, parent: { url: APP } } }, trusted)).toBe(
      false,
    );
  });
  it('refuses an app window that navigated elsewhere, or a destroyed frame', () => {
    expect(
      isTrustedSender({ sender: appContents, senderFrame: { url: 'https://evil.example/', parent: null } }, trusted),
    ).toBe(false);
    expect(
      isTrustedSender({ sender: appContents, senderFrame: { url: 'file:///tmp/evil.html', parent: null } }, trusted),
    ).toBe(false);
    expect(
      isTrustedSender({ sender: appContents, senderFrame: { url: 'app://evil/index.html', parent: null } }, trusted),
    ).toBe(false);
  });
  it('refuses the old file:// page: a local file is never the app', () => {
    const file = 'file:///app/out/renderer/index.html';
    expect(isTrustedSender({ sender: appContents, senderFrame: { url: file, parent: null } }, trusted)).toBe(false);
    const fileTrusted = { ...trusted, appUrl: file };
    expect(isTrustedSender({ sender: appContents, senderFrame: { url: file, parent: null } }, fileTrusted)).toBe(false);
    expect(isTrustedSender({ sender: appContents, senderFrame: null }, trusted)).toBe(false);
  });
});

describe('handleIpcRequest', () => {
  it('answers forbidden_sender to a foreign frame without calling the handler', async () => {
    const { handlers, saveSettings } = spyHandlers();
    const foreign: SenderInfo[] = [
      { sender: { id: 9 }, senderFrame: { url: APP, parent: null } },
      { sender: appContents, senderFrame: { url: APP, parent: {} } },
      { sender: appContents, senderFrame: { url: 'https://evil.example/', parent: null } },
    ];
    for (const event of foreign) {
      const result = await handleIpcRequest(handlers, trusted, 'saveSettings', event, { displayName: 'x' });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('forbidden_sender');
    }
    expect(saveSettings).not.toHaveBeenCalled();
  });
  it('answers invalid_input to a bad payload without calling the handler', async () => {
    const { handlers, saveSettings } = spyHandlers();
    for (const payload of [{ apiBaseUrl: 'ftp://x' }, { unknownSetting: 1 }, 'text', 42]) {
      const result = await handleIpcRequest(handlers, trusted, 'saveSettings', fromApp, payload);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    expect(saveSettings).not.toHaveBeenCalled();
  });
  it('passes a valid request from the app to its handler', async () => {
    const { handlers, saveSettings } = spyHandlers();
    const result = await handleIpcRequest(handlers, trusted, 'saveSettings', fromApp, { displayName: 'Agent 7' });
    expect(result.ok).toBe(true);
    expect(saveSettings).toHaveBeenCalledWith({ displayName: 'Agent 7' });
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract channel, and removes them all', async () => {
    const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) => {
        expect(registered.has(channel)).toBe(false);
        registered.set(channel, listener);
      },
      removeHandler: (channel: string) => registered.delete(channel),
    };
    const { handlers } = spyHandlers();
    const unregister = registerIpcHandlers(ipcMain, handlers, trusted);
    expect([...registered.keys()].sort()).toEqual(requestNames.map((n) => requests[n].channel).sort());

    // The real listener reads sender and senderFrame from the Electron event.
    const listener = registered.get(requests.getAppInfo.channel);
    const event = { sender: appContents, senderFrame: { url: APP, parent: null } } as unknown as IpcMainInvokeEvent;
    expect(await listener?.(event, undefined)).toEqual({ ok: true, value: 'handled getAppInfo' });
    const foreign = { sender: appContents, senderFrame: null } as unknown as IpcMainInvokeEvent;
    expect(await listener?.(foreign, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });

    unregister();
    expect(registered.size).toBe(0);
  });
});

describe('createBroadcaster', () => {
  it('sends on the contract channel to every live window only', () => {
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    const broadcast = createBroadcaster(() => [live, dead]);
    broadcast('settingsChanged', {} as never);
    expect(live.send).toHaveBeenCalledWith(events.settingsChanged.channel, {});
    expect(dead.send).not.toHaveBeenCalled();
  });
});
