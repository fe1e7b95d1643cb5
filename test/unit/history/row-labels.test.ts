import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../src/renderer/src/i18n';
import { rememberingLabels } from '../../../src/renderer/src/features/history/row-labels';

describe('rememberingLabels', () => {
  it('answers as t does, asking t once per language, key and values', () => {
    const i18n = createI18n('vi');
    const t = vi.fn(i18n.t.bind(i18n)) as unknown as typeof i18n.t;
    const label = rememberingLabels(i18n, t, 'vi');
    const talk = label('history.talk', { time: '1:05' });
    expect(talk).toBe(i18n.t('history.talk', { time: '1:05' }));
    expect(talk).toContain('1:05');
    expect(label('history.talk', { time: '1:05' })).toBe(talk);
    expect(label('history.talk', { time: '2:00' })).toBe(i18n.t('history.talk', { time: '2:00' }));
    expect(label('history.durationTitle')).toBe(i18n.t('history.durationTitle'));
    expect(label('history.durationTitle')).toBe(i18n.t('history.durationTitle'));
    expect(t).toHaveBeenCalledTimes(3);
  });

  it('keeps languages and i18next instances apart', async () => {
    const i18n = createI18n('vi');
    const vi_ = rememberingLabels(i18n, i18n.t.bind(i18n), 'vi')('history.durationTitle');
    await i18n.changeLanguage('en');
    const en = rememberingLabels(i18n, i18n.t.bind(i18n), 'en')('history.durationTitle');
    expect(en).toBe(i18n.t('history.durationTitle'));
    expect(en).not.toBe(vi_);
    const other = createI18n('en');
    const fromOther = vi.fn(other.t.bind(other)) as unknown as typeof other.t;
    expect(rememberingLabels(other, fromOther, 'en')('history.durationTitle')).toBe(en);
    expect(fromOther).toHaveBeenCalledTimes(1);
  });

  it('tells values apart by name as well as by value', () => {
    const i18n = createI18n('en');
    const label = rememberingLabels(i18n, i18n.t.bind(i18n), 'en');
    const asNumber = label('history.action.play', { number: '14:05' });
    const asTime = label('history.action.play', { when: '14:05' });
    expect(asNumber).toBe(i18n.t('history.action.play', { number: '14:05' }));
    expect(asTime).toBe(i18n.t('history.action.play', { when: '14:05' }));
    expect(asTime).not.toBe(asNumber);
  });
});
