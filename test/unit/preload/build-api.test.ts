import { describe, expect, it, vi } from 'vitest';
import { eventNames, events, requestNames, requests } from '../../../src/shared/contract';
import { buildApi, type RendererIpc } from '../../../src/preload/build-api';

function fakeIpc() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    }),
    removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  } satisfies RendererIpc;
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'ipcRenderer-must-not-leak' }, payload);
  };
  return { ipc, emit, count: (channel: string) => listeners.get(channel)?.size ?? 0 };
}

describe('buildApi', () => {
  it('has exactly the contract request names plus `on`, and `on` has exactly the event names', () => {
    const api = buildApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual([...requestNames, 'on'].sort());
    expect(Object.keys(api.on).sort()).toEqual([...eventNames].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.on)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('each request invokes its own channel with the input', async () => {
    const { ipc } = fakeIpc();
    const api = buildApi(ipc);
    for (const name of requestNames) {
      const fn = api[name] as (input?: unknown) => Promise<unknown>;
      await fn({ probe: name });
      expect(ipc.invoke).toHaveBeenLastCalledWith(requests[name].channel, { probe: name });
    }
    expect(ipc.invoke).toHaveBeenCalledTimes(requestNames.length);
  });

  it('event listeners get the payload only, and unsubscribe removes exactly their listener', () => {
    const { ipc, emit, count } = fakeIpc();
    const api = buildApi(ipc);
    for (const name of eventNames) {
      const channel = events[name].channel;
      const received: unknown[][] = [];
      const subscribe = api.on[name] as (listener: (...args: unknown[]) => void) => () => void;
      const off = subscribe((...args) => received.push(args));
      emit(channel, { n: 1 });
      expect(received).toEqual([[{ n: 1 }]]);
      off();
      expect(count(channel)).toBe(0);
      emit(channel, { n: 2 });
      expect(received).toHaveLength(1);
    }
  });

  it('refuses a listener that is not a function', () => {
    const api = buildApi(fakeIpc().ipc);
    const subscribe = api.on.settingsChanged as unknown as (listener: unknown) => unknown;
    expect(() => subscribe('not a function')).toThrow(TypeError);
  });
});
