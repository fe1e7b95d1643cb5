import { describe, expect, it } from 'vitest';
import { readEnvOverrides } from '../../../src/main/services/settings/env-overrides';
import { buildPatch, EMPTY_DRAFT } from '../../../src/renderer/src/features/settings/form-model';
import { ALL_FIELDS } from '../../../src/renderer/src/features/settings/fields';
import { defaultSettings, SettingsPatchSchema } from '../../../src/shared/settings';
import { makeView } from '../renderer/fake-host';

/** The dashboardRefreshSeconds setting: 5..300 whole seconds, default 10, from the form, a file or IT's environment. */

describe('dashboardRefreshSeconds', () => {
  it('defaults to 10 seconds', () => {
    expect(defaultSettings('vi').dashboardRefreshSeconds).toBe(10);
  });

  it.each([5, 10, 300, '15', ' 60 '])('accepts %j', (value) => {
    const parsed = SettingsPatchSchema.safeParse({ dashboardRefreshSeconds: value });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.dashboardRefreshSeconds).toBe(Number(value));
  });

  it.each([4, 301, 7.5, '', 'ten', '-10', true, null])('refuses %j', (value) => {
    expect(SettingsPatchSchema.safeParse({ dashboardRefreshSeconds: value }).success).toBe(false);
  });

  it('IT can set it with ANTRING_DASHBOARD_REFRESH_SECONDS; a bad value is reported by name and ignored', () => {
    expect(readEnvOverrides({ ANTRING_DASHBOARD_REFRESH_SECONDS: '30' }).values).toEqual({
      dashboardRefreshSeconds: 30,
    });
    const bad = readEnvOverrides({ ANTRING_DASHBOARD_REFRESH_SECONDS: '2' });
    expect(bad.values).toEqual({});
    expect(bad.problems[0]).toMatchObject({ code: 'config_invalid', field: 'ANTRING_DASHBOARD_REFRESH_SECONDS' });
    expect(bad.problems[0]?.message).toContain('5 to 300');
  });

  it('the Settings form edits it as a number field and saves a number', () => {
    expect(ALL_FIELDS).toContainEqual({ key: 'dashboardRefreshSeconds', kind: 'text', inputType: 'number' });
    const built = buildPatch(makeView(), { ...EMPTY_DRAFT, edits: { dashboardRefreshSeconds: '30' } });
    expect(built).toEqual({ ok: true, patch: { dashboardRefreshSeconds: 30 }, empty: false });
    const refused = buildPatch(makeView(), { ...EMPTY_DRAFT, edits: { dashboardRefreshSeconds: '1' } });
    expect(refused.ok).toBe(false);
  });
});
