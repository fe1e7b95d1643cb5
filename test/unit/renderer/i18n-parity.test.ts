import { describe, expect, it } from 'vitest';
import { resources } from '../../../src/renderer/src/i18n';

// Every area's messages too (`i18n/<area>/*.json`), as the app loads them.
const en = resources.en.translation;
const vi = resources.vi.translation;

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

function leaf(resource: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], resource);
}

describe('translations', () => {
  it('Vietnamese and English have exactly the same keys', () => {
    expect(keysOf(vi).sort()).toEqual(keysOf(en).sort());
  });

  it('every message is a non-empty string with the same placeholders in both languages', () => {
    for (const key of keysOf(en)) {
      const a = leaf(en, key);
      const b = leaf(vi, key);
      expect(typeof a, key).toBe('string');
      expect(typeof b, key).toBe('string');
      expect((b as string).trim(), key).not.toBe('');
      expect(placeholders(b as string), key).toEqual(placeholders(a as string));
    }
  });
});
