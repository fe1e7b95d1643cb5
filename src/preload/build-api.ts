import { eventNames, events, requestNames, requests, type AntringApi } from '../shared/contract';

/** The part of `ipcRenderer` the API needs: a fake in tests, the real one in the preload. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.antring` from the contract: one named function per request and one
 * subscription per event, nothing else. There is deliberately no generic invoke(channel) and
 * no access to ipcRenderer itself, so a compromised page can only do what the contract allows.
 */
export function buildApi(ipc: RendererIpc): AntringApi {
  const api: Record<string, unknown> = {};
  for (const name of requestNames) {
    const { channel } = requests[name];
    api[name] = (input?: unknown) => ipc.invoke(channel, input);
  }
  const on: Record<string, unknown> = {};
  for (const name of eventNames) {
    const { channel } = events[name];
    on[name] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`antring.on.${name} needs a function`);
      // Drop the IpcRendererEvent: it exposes `sender` (ipcRenderer) to the page.
      const wrapper = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, wrapper);
      return () => {
        ipc.removeListener(channel, wrapper);
      };
    };
  }
  api['on'] = Object.freeze(on);
  return Object.freeze(api) as unknown as AntringApi;
}
