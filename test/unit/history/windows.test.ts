import { describe, expect, it } from 'vitest';
import { splitIntoWindows } from '../../../src/main/services/history/windows';

const DAY = 24 * 60 * 60 * 1000;
const from = new Date('2025-10-01T03:04:05.678Z');

function expectContiguousCover(windows: { from: Date; to: Date }[], start: Date, end: Date, maxDays = 31) {
  expect(windows[0]?.from.getTime()).toBe(start.getTime());
  expect(windows.at(-1)?.to.getTime()).toBe(end.getTime());
  windows.forEach((w, i) => {
    expect(w.to.getTime()).toBeGreaterThanOrEqual(w.from.getTime());
    expect(w.to.getTime() - w.from.getTime()).toBeLessThan(maxDays * DAY);
    const next = windows[i + 1];
    if (next) expect(next.from.getTime()).toBe(w.to.getTime() + 1);
  });
}

describe('splitIntoWindows', () => {
  it('95 days → exactly four contiguous windows, each under 31 days, covering exactly', () => {
    const to = new Date(from.getTime() + 95 * DAY);
    const windows = splitIntoWindows(from, to);
    expect(windows).toHaveLength(4);
    expectContiguousCover(windows, from, to);
    expect(windows[1]?.from.toISOString()).toBe('2025-11-01T03:04:05.678Z');
  });

  it.each([
    [0, 1],
    [1, 1],
    [31 * DAY - 1, 1],
    [31 * DAY, 2],
    [62 * DAY - 1, 2],
    [62 * DAY, 3],
    [365 * DAY, 12],
  ])('span %i ms → %i windows', (span, count) => {
    const to = new Date(from.getTime() + span);
    const windows = splitIntoWindows(from, to);
    expect(windows).toHaveLength(count);
    expectContiguousCover(windows, from, to);
  });

  it('honours a smaller maxDays', () => {
    const to = new Date(from.getTime() + 10 * DAY);
    const windows = splitIntoWindows(from, to, 3);
    expect(windows).toHaveLength(4);
    expectContiguousCover(windows, from, to, 3);
  });

  it('throws on a reversed range or invalid dates (callers validate first)', () => {
    expect(() => splitIntoWindows(new Date(from.getTime() + 1), from)).toThrow(RangeError);
    expect(() => splitIntoWindows(new Date('x'), from)).toThrow(RangeError);
  });
});
