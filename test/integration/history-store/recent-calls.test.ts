import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryStore, RecentCallsFound } from '../../../src/main/services/history-store';
import { BASE_S, FIXTURE, openFixtureStore, tempDataDir } from './fixtures';

/** The screen-pop's "last calls with this number", read from the store (see fixtures: calls a1–a9). */

const data = tempDataDir('recent-calls');
let store: HistoryStore;

beforeAll(async () => {
  const opened = await openFixtureStore(data.dir, 'recent');
  store = opened.store;
  expect(opened.changed).toBe(FIXTURE.length);
});

afterAll(async () => {
  await store.close();
  data.remove();
});

const at = (seconds: number): string => new Date((BASE_S + seconds) * 1000).toISOString();

async function forNumber(number: string, limit = 5): Promise<RecentCallsFound> {
  const found = await store.recentCalls({ party: { kind: 'number', number }, limit });
  if (!found.ok) throw new Error(found.error.message);
  return found.value;
}

describe('recent calls from the store', () => {
  it("lists a caller's calls in and out, newest first, whatever the spelling, with the name a queue saw", async () => {
    const expected: RecentCallsFound = {
      calls: [
        { at: at(300), direction: 'outbound', status: 'BUSY', durationSeconds: 10, talkSeconds: 0 },
        { at: at(200), direction: 'inbound', status: 'IVR', durationSeconds: 10, talkSeconds: 0 },
        {
          at: at(100),
          direction: 'inbound',
          status: 'SUCCESS',
          durationSeconds: 50,
          talkSeconds: 40,
          recording: 'call_recording_a1.mp3',
        },
      ],
      name: 'Trần Thị Lan',
    };
    for (const spelling of ['0912345678', '+84912345678', '84912345678', '+84 912 345 678', '0912 345 678']) {
      expect(await forNumber(spelling)).toEqual(expected);
    }
  });

  it('stops at the limit, and knows nothing of numbers it never saw', async () => {
    expect((await forNumber('0912345678', 2)).calls.map((c) => c.status)).toEqual(['BUSY', 'IVR']);
    expect(await forNumber('0909000111')).toEqual({ calls: [] });
    expect(await forNumber('   ')).toEqual({ calls: [] });
    expect((await forNumber('0912345678', Number.NaN)).calls).toEqual([]);
    expect((await forNumber('0912345678', -3)).calls).toEqual([]);
    expect((await forNumber('0912345678', 10_000)).calls).toHaveLength(3);
  });

  it("lists a colleague's calls with anyone, by any of their identities, each call once", async () => {
    for (const identities of [['tranthibinh'], ['8002'], ['agent8002'], ['tranthibinh', '8002', 'agent8002']]) {
      const found = await store.recentCalls({ party: { kind: 'agent', identities }, limit: 5 });
      expect(found.ok && found.value.calls.map((c) => [c.at, c.direction, c.status])).toEqual([
        [at(700), 'internal', 'CANCELLED'],
        [at(600), 'internal', 'SUCCESS'],
        [at(400), 'outbound', 'CANCELLED'],
        [at(200), 'inbound', 'IVR'],
      ]);
    }
    const none = await store.recentCalls({ party: { kind: 'agent', identities: ['nobody'] }, limit: 5 });
    expect(none).toEqual({ ok: true, value: { calls: [] } });
  });
});
