// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { initialSettingsState, useSettingsStore } from '../../../src/renderer/src/features/settings/settings-store';
import { ok } from '../../../src/shared/result';
import type { SettingsView } from '../../../src/shared/settings';
import { createFakeHost, installFakeHost, makeView } from './fake-host';

/**
 * The host may push a change (a save made elsewhere, e.g. by another window or a script) before
 * it answers a getSettings the page sent earlier: the older answer must not undo the newer push.
 */
describe('settings store ordering', () => {
  beforeEach(() => useSettingsStore.setState(initialSettingsState));

  it('keeps a pushed view that arrived while a load was in flight', async () => {
    const older = makeView({ values: { language: 'vi' } });
    const newer = makeView({ values: { language: 'en' } });
    const host = createFakeHost(older);
    let answer: (view: SettingsView) => void = () => undefined;
    installFakeHost({
      ...host,
      api: {
        ...host.api,
        getSettings: () => new Promise((resolve) => (answer = (view) => resolve(ok(view)))),
      },
    });
    const store = useSettingsStore.getState();
    const stop = store.followHost();
    const loading = store.loadSettings();
    host.emit('settingsChanged', newer);
    answer(older);
    await loading;
    stop();
    const load = useSettingsStore.getState().load;
    expect(load.status === 'ready' ? load.view.values.language : null).toBe('en');
  });
});
