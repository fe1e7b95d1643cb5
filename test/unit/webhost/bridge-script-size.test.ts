import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { eventNames, requestNames } from '../../../src/shared/contract';
import { buildBridgeScript } from '../../../src/webhost/bridge-bundle';

/** Runs the bundled script against a minimal window and returns what it installed as `antring`. */
function installIn(script: string): Record<string, unknown> {
  const storage = new Map<string, string>();
  const window: Record<string, unknown> = {
    location: { hash: '#token=t0ken', pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:1' },
    history: { state: null, replaceState: () => undefined },
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    },
  };
  window['window'] = window;
  runInNewContext(script, window);
  return window['antring'] as Record<string, unknown>;
}

describe('the bridge script the web host injects', () => {
  it('stays a few KiB: the page needs the channel names, not zod (the host validates every frame)', async () => {
    const built = await buildBridgeScript();
    if (!built.ok) throw new Error(built.error.message);
    // It is parsed in front of every page load; it was 470 KB with zod in it.
    expect(built.value.length).toBeLessThan(16 * 1024);
  });

  it('installs exactly one function per request and one subscription per event of the contract', async () => {
    const built = await buildBridgeScript();
    if (!built.ok) throw new Error(built.error.message);
    const api = installIn(built.value);
    const { on, ...requests } = api;
    expect(Object.keys(requests).sort()).toEqual([...requestNames].sort());
    expect(Object.keys(on as object).sort()).toEqual([...eventNames].sort());
    for (const name of requestNames) expect(typeof requests[name]).toBe('function');
  });
});
