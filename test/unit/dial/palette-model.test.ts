import { describe, expect, it } from 'vitest';
import { buildPaletteEntries, fold, type PaletteInput } from '../../../src/renderer/src/features/dial/palette-model';
import { isPaletteShortcut } from '../../../src/renderer/src/features/dial/palette-shortcut';
import { shortcutLabel } from '../../../src/renderer/src/features/dial/shortcut-label';

const COLLEAGUES = [
  { name: 'Nguyễn Văn Đức', username: 'agent8001', extensions: ['8001'] },
  { name: 'Trần Thị Bình', username: 'agent8002', extensions: ['8002'] },
  { name: 'Lê Minh', username: 'agent8003', extensions: [] },
];

const input = (overrides: Partial<PaletteInput>): PaletteInput => ({
  query: '',
  colleagues: COLLEAGUES,
  favourites: [],
  recent: [],
  ...overrides,
});

const labels = (entries: ReturnType<typeof buildPaletteEntries>) => entries.map((e) => `${e.section}:${e.label}`);

describe('the quick-dial palette', () => {
  it('finds colleagues by name without accents, by user and by extension; dials their extension', () => {
    expect(labels(buildPaletteEntries(input({ query: 'duc' })))).toEqual(['colleagues:Nguyễn Văn Đức']);
    expect(buildPaletteEntries(input({ query: 'AGENT8002' }))[0]).toMatchObject({
      section: 'colleagues',
      dial: '8002',
      detail: '8002',
    });
    // A colleague without an extension cannot be dialled from here.
    expect(buildPaletteEntries(input({ query: 'Lê Minh' }))).toEqual([]);
    // Nor can this agent call themselves.
    expect(buildPaletteEntries(input({ query: 'agent', ownExtensions: ['8001'] })).map((e) => e.dial)).toEqual([
      '8002',
    ]);
  });

  it('a typed number comes first (Enter dials it), unless a colleague or favourite already is that number', () => {
    expect(labels(buildPaletteEntries(input({ query: '0912 345 678' })))).toEqual(['number:0912 345 678']);
    expect(buildPaletteEntries(input({ query: '+84912345678' }))[0]).toMatchObject({ dial: '0912345678' });
    expect(labels(buildPaletteEntries(input({ query: '8001' })))).toEqual(['colleagues:Nguyễn Văn Đức']);
    expect(labels(buildPaletteEntries(input({ query: 'hello' })))).toEqual([]);
  });

  it('with nothing typed: favourites, then recent numbers, one entry per number', () => {
    const entries = buildPaletteEntries(
      input({
        favourites: ['+84912345678', '8002'],
        recent: [
          { number: '0912345678', at: 3 },
          { number: '+84987654321', name: 'Chị Hoa', at: 2 },
          { number: '0987 654 321', at: 1 },
          { number: 'anonymous', at: 0 },
        ],
      }),
    );
    expect(labels(entries)).toEqual(['favourites:0912 345 678', 'favourites:Trần Thị Bình', 'recent:Chị Hoa']);
    expect(entries.map((e) => [e.dial, e.favourite])).toEqual([
      ['0912345678', true],
      ['8002', true],
      ['0987654321', false],
    ]);
  });

  it('filters favourites and recent numbers by digits anywhere, or by name', () => {
    const base = input({
      favourites: ['+84912345678'],
      recent: [{ number: '0987654321', name: 'Chị Hoa', at: 1 }],
    });
    // Short digits that find a favourite: the favourite first, the digits as an extension last.
    expect(labels(buildPaletteEntries({ ...base, query: '345' }))).toEqual(['favourites:0912 345 678', 'number:345']);
    expect(labels(buildPaletteEntries({ ...base, query: 'hoa' }))).toEqual(['recent:Chị Hoa']);
    // One digit matches nearly everything: it is not a search.
    expect(labels(buildPaletteEntries({ ...base, query: '9' }))).toEqual([]);
  });

  it('folds Vietnamese for matching', () => {
    expect(fold('  Đặng Thị Ánh ')).toBe('dang thi anh');
  });

  it('opens on Ctrl+K (Cmd+K on a Mac), by the physical key, never while composing or repeating', () => {
    const press = {
      key: 'k',
      code: 'KeyK',
      ctrlKey: true,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      repeat: false,
    };
    expect(isPaletteShortcut(press, false)).toBe(true);
    expect(isPaletteShortcut({ ...press, key: 'ǩ' }, false)).toBe(true);
    expect(isPaletteShortcut(press, true)).toBe(false);
    expect(isPaletteShortcut({ ...press, ctrlKey: false, metaKey: true }, true)).toBe(true);
    expect(isPaletteShortcut({ ...press, shiftKey: true }, false)).toBe(false);
    expect(isPaletteShortcut({ ...press, repeat: true }, false)).toBe(false);
    expect(isPaletteShortcut({ ...press, isComposing: true }, false)).toBe(false);
    expect(isPaletteShortcut({ ...press, key: 'j', code: 'KeyJ' }, false)).toBe(false);
  });

  it('names the shortcut as the keyboard does', () => {
    expect(shortcutLabel('CommandOrControl+Alt+D', false)).toBe('Ctrl+Alt+D');
    expect(shortcutLabel('CommandOrControl+Alt+D', true)).toBe('⌘⌥D');
  });
});
