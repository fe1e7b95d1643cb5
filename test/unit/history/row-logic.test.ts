import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  dayEndMs,
  dayStartMs,
  NO_FILTERS,
  toHistoryFilters,
} from '../../../src/renderer/src/features/history/history-filters';
import { copyText, dialTarget, isMissedByMe, meFrom } from '../../../src/renderer/src/features/history/row-model';
import {
  keyScrollDelta,
  scrollScale,
  wheelPixels,
  MAX_REAL_SCROLL_PX,
} from '../../../src/renderer/src/features/history/scaled-scroll';
import { HistoryFiltersSchema } from '../../../src/shared/history';
import { syntheticRow } from './history-fixtures';

const colleagues = [
  { name: 'Nguyễn Mỹ Ngân', username: 'nguyenmyngan', extensions: ['8001'] },
  { name: 'Vũ Hữu Việt', username: 'vuhuuviet', extensions: ['8005'] },
];

describe('filters → request', () => {
  it('sends nothing for the default view', () => {
    expect(toHistoryFilters(NO_FILTERS)).toEqual({});
    expect(activeFilterCount(NO_FILTERS)).toBe(0);
  });

  it('reads dates as whole local days, either way round, and ignores what is not a date', () => {
    const start = dayStartMs('2025-05-12');
    const end = dayEndMs('2025-05-12');
    expect(start).toBe(new Date(2025, 4, 12).getTime());
    expect(end).toBe(new Date(2025, 4, 13).getTime() - 1);
    expect(dayStartMs('2025-02-30')).toBeUndefined();
    expect(dayStartMs('12/05/2025')).toBeUndefined();
    const swapped = toHistoryFilters({ ...NO_FILTERS, fromDate: '2025-05-20', toDate: '2025-05-12' });
    expect(swapped).toEqual({ fromMs: start, toMs: dayEndMs('2025-05-20') });
    // What the screen sends is always what the host accepts.
    expect(HistoryFiltersSchema.safeParse(swapped).success).toBe(true);
    expect(toHistoryFilters({ ...NO_FILTERS, toDate: 'not a day' })).toEqual({});
  });

  it('narrows to one party for an opened group, and trims what was typed', () => {
    const filters = toHistoryFilters({ ...NO_FILTERS, queueId: '  ' }, ' +84912345678 ');
    expect(filters).toEqual({ number: '+84912345678' });
    expect(activeFilterCount({ ...NO_FILTERS, recording: 'with', scope: 'mine' })).toBe(2);
  });
});

describe('row actions', () => {
  it('calls back a customer on their number, a colleague on their extension, and nobody on a name', () => {
    expect(dialTarget({ raw: '+84 912 345 678', display: '0912 345 678' }, colleagues)).toBe('+84912345678');
    expect(dialTarget({ raw: 'agent8005', display: 'agent8005', name: 'vuhuuviet' }, colleagues)).toBe('8005');
    expect(dialTarget({ raw: 'agent8001', display: 'agent8001' }, colleagues)).toBe('8001');
    expect(dialTarget({ raw: 'anonymous', display: 'anonymous' }, colleagues)).toBeUndefined();
  });

  it('copies the number as it is dialled', () => {
    expect(copyText({ raw: '+84912345678', display: '0912 345 678' })).toBe('0912345678');
    expect(copyText({ raw: '8001', display: '' })).toBe('8001');
  });

  it('marks a missed call as this agent’s by SIP user, user name or extension', () => {
    const me = meFrom('agent8001', colleagues);
    expect(me).toEqual({ sipUser: 'agent8001', extensions: ['8001'], username: 'nguyenmyngan' });
    const missed = syntheticRow(1, { status: 'missed' });
    expect(isMissedByMe(missed, me)).toBe(true);
    expect(isMissedByMe({ ...missed, agent: { number: '8001' } }, me)).toBe(true);
    expect(isMissedByMe({ ...missed, agent: { username: 'NguyenMyNgan' } }, me)).toBe(true);
    expect(isMissedByMe({ ...missed, agent: { number: 'agent8002', username: 'phanvanlong' } }, me)).toBe(false);
    expect(isMissedByMe(syntheticRow(1, { status: 'answered' }), me)).toBe(false);
    expect(isMissedByMe(missed, meFrom('', colleagues))).toBe(false);
  });
});

describe('scaled scrolling', () => {
  it('leaves lists a browser can lay out alone, and scales a million rows into a box it can', () => {
    expect(scrollScale(500_000, 600)).toEqual({ realTotal: 500_000, ratio: 1 });
    const million = scrollScale(1_000_000 * 52, 600);
    expect(million.realTotal).toBe(MAX_REAL_SCROLL_PX);
    // The bottom of the real box is the bottom of the list.
    expect((million.realTotal - 600) * million.ratio).toBeCloseTo(1_000_000 * 52 - 600);
  });

  it('scrolls by the pixels a key or the wheel asks, in the list’s own coordinates', () => {
    expect(keyScrollDelta('ArrowDown', 600, 1_000, 50_000)).toBe(40);
    expect(keyScrollDelta('PageUp', 600, 1_000, 50_000)).toBe(-525);
    expect(keyScrollDelta('Home', 600, 1_000, 50_000)).toBe(-1_000);
    expect(keyScrollDelta('End', 600, 1_000, 50_000)).toBe(49_000);
    expect(keyScrollDelta('a', 600, 1_000, 50_000)).toBeUndefined();
    expect(wheelPixels(3, 1, 600)).toBe(120);
    expect(wheelPixels(1, 2, 600)).toBe(600);
    expect(wheelPixels(57, 0, 600)).toBe(57);
  });
});
