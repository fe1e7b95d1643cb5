import { describe, expect, it } from 'vitest';
import type { DialShortcutState } from '../../../src/shared/dial';
import { startDialShortcut, textToDial, type GlobalShortcutLike } from '../../../src/main/shell/global-shortcut';

/** Electron's globalShortcut, faked: which accelerators the OS (or another program) holds. */
function fakeGlobalShortcut(options: { heldElsewhere?: string[]; invalid?: string[]; liesAbout?: string[] } = {}) {
  const registered = new Map<string, () => void>();
  const calls: string[] = [];
  const api: GlobalShortcutLike = {
    register(accelerator, callback) {
      calls.push(`register ${accelerator}`);
      if (options.invalid?.includes(accelerator)) throw new TypeError(`conversion failure for ${accelerator}`);
      if (options.heldElsewhere?.includes(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      calls.push(`unregister ${accelerator}`);
      registered.delete(accelerator);
    },
    // Some desktops say yes to register() and then do not deliver the key.
    isRegistered: (accelerator) => registered.has(accelerator) && !options.liesAbout?.includes(accelerator),
  };
  return { api, calls, press: (accelerator: string) => registered.get(accelerator)?.() };
}

function start(globalShortcut: GlobalShortcutLike, initial: string) {
  let accelerator = initial;
  const listeners = new Set<() => void>();
  const states: DialShortcutState[] = [];
  const logs: string[] = [];
  let pressed = 0;
  const shortcut = startDialShortcut({
    globalShortcut,
    accelerator: () => accelerator,
    onSettingsChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onPressed: () => (pressed += 1),
    report: (state) => states.push(state),
    log: (message) => logs.push(message),
  });
  return {
    shortcut,
    states,
    logs,
    pressed: () => pressed,
    change(next: string) {
      accelerator = next;
      for (const listener of [...listeners]) listener();
    },
  };
}

describe('the global dial shortcut', () => {
  it('registers the setting at start; pressing it dials; the state says it works', () => {
    const os = fakeGlobalShortcut();
    const app = start(os.api, 'CommandOrControl+Alt+D');
    expect(app.states).toEqual([{ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' }]);
    os.press('CommandOrControl+Alt+D');
    expect(app.pressed()).toBe(1);
  });

  it('a shortcut another program holds is reported as taken and logged, never silently lost', () => {
    const os = fakeGlobalShortcut({ heldElsewhere: ['CommandOrControl+Alt+D'] });
    const app = start(os.api, 'CommandOrControl+Alt+D');
    expect(app.states).toEqual([{ kind: 'failed', accelerator: 'CommandOrControl+Alt+D', reason: 'taken' }]);
    expect(app.logs.join('\n')).toMatch(/CommandOrControl\+Alt\+D could not be registered/);
  });

  it('a register() that says yes but does not hold it counts as taken', () => {
    const os = fakeGlobalShortcut({ liesAbout: ['Control+Alt+D'] });
    expect(start(os.api, 'Control+Alt+D').states).toEqual([
      { kind: 'failed', accelerator: 'Control+Alt+D', reason: 'taken' },
    ]);
  });

  it('an accelerator Electron refuses (it throws) is reported as invalid', () => {
    const os = fakeGlobalShortcut({ invalid: ['Control+Alt+Nope'] });
    const app = start(os.api, 'Control+Alt+Nope');
    expect(app.states).toEqual([{ kind: 'failed', accelerator: 'Control+Alt+Nope', reason: 'invalid' }]);
    expect(app.logs.join('\n')).toMatch(/not a valid accelerator/);
  });

  it('re-registers when the setting changes: the old one is released first; unrelated changes do nothing', () => {
    const os = fakeGlobalShortcut();
    const app = start(os.api, 'CommandOrControl+Alt+D');
    app.change('CommandOrControl+Alt+D');
    app.change('Control+Shift+F9');
    expect(os.calls).toEqual([
      'register CommandOrControl+Alt+D',
      'unregister CommandOrControl+Alt+D',
      'register Control+Shift+F9',
    ]);
    os.press('CommandOrControl+Alt+D');
    os.press('Control+Shift+F9');
    expect(app.pressed()).toBe(1);
    app.change('');
    expect(app.states.at(-1)).toEqual({ kind: 'off' });
    expect(os.calls.at(-1)).toBe('unregister Control+Shift+F9');
  });

  it('a refused shortcut is tried again on the next save (the field\'s "Try again")', () => {
    const held = ['CommandOrControl+Alt+D'];
    const os = fakeGlobalShortcut({ heldElsewhere: held });
    const app = start(os.api, 'CommandOrControl+Alt+D');
    held.length = 0; // the other program let go
    app.change('CommandOrControl+Alt+D');
    expect(app.states.at(-1)).toEqual({ kind: 'registered', accelerator: 'CommandOrControl+Alt+D' });
  });

  it('dispose releases the shortcut and stops following the setting', () => {
    const os = fakeGlobalShortcut();
    const app = start(os.api, 'CommandOrControl+Alt+D');
    app.shortcut.dispose();
    app.change('Control+Alt+K');
    expect(os.calls).toEqual(['register CommandOrControl+Alt+D', 'unregister CommandOrControl+Alt+D']);
  });
});

describe('the text the shortcut dials', () => {
  const clipboard = (text: string, selection?: string | Error) => ({
    readText: () => Promise.resolve(text),
    selection:
      selection === undefined
        ? undefined
        : {
            readText: () => (selection instanceof Error ? Promise.reject(selection) : Promise.resolve(selection)),
          },
  });

  it('Linux: the primary selection (no copy needed), else the clipboard', async () => {
    expect(await textToDial(clipboard('0987654321', '0912 345 678'), 'linux')).toBe('0912 345 678');
    expect(await textToDial(clipboard('0987654321', '  '), 'linux')).toBe('0987654321');
    expect(await textToDial(clipboard('0987654321', new Error('no selection owner')), 'linux')).toBe('0987654321');
  });

  it("Windows and macOS: the clipboard (Electron cannot copy another program's selection)", async () => {
    expect(await textToDial(clipboard('0987654321', '0912 345 678'), 'win32')).toBe('0987654321');
    expect(await textToDial(clipboard('0987654321'), 'darwin')).toBe('0987654321');
  });
});
