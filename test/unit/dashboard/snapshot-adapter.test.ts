import { describe, expect, it } from 'vitest';
import { AgentSchema, DashboardSchema, QueueSchema } from '../../../src/main/services/api/schemas';
import {
  buildDashboardSnapshot,
  GREGORIAN_OFFSET_SECONDS,
  gregorianToIso,
  IDLE_TIME_UNIT,
  mapAgentStatus,
  unixSecondsToIso,
} from '../../../src/main/services/dashboard';
import type { DashboardSnapshot } from '../../../src/shared/dashboard';

/**
 * The adapter from AntBuddy's three answers to the screen's snapshot, fed with the vendor's
 * own sample (parsed by the real API schemas, as the client does).
 */

const A = 'df67983ccdeee7d834e8f5d345db1fe5';
const B = 'eab4ebf976c53d22d393e94f3ed085dc';
const C = 'da80ca52e8ab9d6b26b7f2eb960545ae';
const D = '0123456789abcdef0123456789abcdef';

/** The vendor's dashboard sample, with a second and third agent added around it. */
function vendorDashboard(extraDetails: unknown[] = []): unknown {
  return {
    agent: {
      ready: 2,
      logged_out: 1,
      wrapup: 0,
      logged_in: 3,
      connected: 0,
      paused: 0,
      status_details: [
        {
          timestamp: 63936806933,
          status: 'ready',
          id: `${A}::63936806933`,
          agent_id: A,
          start_idle_time: 63936806933,
          idle_time: 765140,
          waiting_calls: [],
          unix_timestamp: 1769587733,
          username: 'nguyenvana',
          name: 'Nguyễn Văn A',
        },
        ...extraDetails,
      ],
    },
    queue: {
      abandoned: 0,
      abandoned_detail: {},
      offered: 12,
      handled: 12,
      avg_waiting: 6,
      max_waiting: 15,
      avg_talking: 180,
      abandoned_calls: 0,
      received: 12,
      status_details: [],
      waiting_call_logs: [],
    },
  };
}

const directory = [
  { anttel: { userId: A }, username: 'nguyenvana', name: 'Nguyễn Văn A', ext: ['8000'] },
  { 'anttel.userId': B, username: 'userstaging2', name: 'User Staging 2', ext: ['8000', '8001'] },
  { anttel: { userId: C }, username: 'tranthib', name: 'Trần Thị B', ext: ['8002'] },
];
const queues = [
  { id: 'q-support', name: 'Staging Queue', agents: [B, C, A] },
  { name: 'Another Queue', agents: [] },
];

function snapshotOf(dashboard: unknown, options: { idle?: 'seconds' | 'milliseconds' } = {}): DashboardSnapshot {
  return buildDashboardSnapshot(
    {
      dashboard: DashboardSchema.parse(dashboard),
      agents: directory.map((a) => AgentSchema.parse(a)),
      queues: queues.map((q) => QueueSchema.parse(q)),
    },
    {
      generatedAt: new Date('2026-01-28T08:10:00.000Z'),
      ...(options.idle ? { idleTimeUnit: options.idle } : {}),
    },
  );
}

const byId = (snapshot: DashboardSnapshot, id: string) => snapshot.agents.find((a) => a.id === id);

describe('Kazoo Gregorian seconds', () => {
  it("convert to real time exactly as the vendor's sample pairs them (timestamp next to unix_timestamp)", () => {
    expect(GREGORIAN_OFFSET_SECONDS).toBe(62_167_219_200);
    expect(gregorianToIso(63936806933)).toBe(new Date(1769587733 * 1000).toISOString());
    expect(gregorianToIso(63936806933)).toBe('2026-01-28T08:08:53.000Z');
  });

  it('a value that is not a Gregorian time (e.g. unix seconds) is no time at all, not a date in year 0', () => {
    expect(gregorianToIso(1769587733)).toBeNull();
    expect(gregorianToIso(Number.NaN)).toBeNull();
    expect(unixSecondsToIso(1769587733)).toBe('2026-01-28T08:08:53.000Z');
    expect(unixSecondsToIso(63936806933)).toBeNull();
  });

  it("an agent's since is its status timestamp; unix_timestamp stands in when timestamp is missing or garbled", () => {
    const snapshot = snapshotOf(
      vendorDashboard([
        { agent_id: B, status: 'paused', timestamp: 'soon', unix_timestamp: 1769587000, idle_time: 0 },
        { agent_id: C, status: 'connected', unix_timestamp: '1769587100' },
      ]),
    );
    expect(byId(snapshot, A)?.since).toBe('2026-01-28T08:08:53.000Z');
    expect(byId(snapshot, B)?.since).toBe(new Date(1769587000 * 1000).toISOString());
    expect(byId(snapshot, C)?.since).toBe(new Date(1769587100 * 1000).toISOString());
  });
});

describe('idle_time', () => {
  it('is read as seconds (the choice made in wire-units)', () => {
    expect(IDLE_TIME_UNIT).toBe('seconds');
    expect(byId(snapshotOf(vendorDashboard()), A)?.idleSeconds).toBe(765140);
  });

  it('the one switch turns it into milliseconds if the platform turns out to send those', () => {
    expect(byId(snapshotOf(vendorDashboard(), { idle: 'milliseconds' }), A)?.idleSeconds).toBe(765);
  });

  it('is unknown (null), not zero, for an agent the dashboard does not time', () => {
    const snapshot = snapshotOf(vendorDashboard([{ agent_id: B, status: 'connected', timestamp: 63936806990 }]));
    expect(byId(snapshot, B)?.idleSeconds).toBeNull();
    expect(byId(snapshot, C)?.idleSeconds).toBeNull(); // logged out: not listed at all
  });
});

describe('statuses', () => {
  it.each([
    ['ready', 'ready'],
    ['connected', 'connected'],
    ['wrapup', 'wrapup'],
    ['wrap-up', 'wrapup'],
    ['Wrap_Up', 'wrapup'],
    ['paused', 'paused'],
    ['logged_in', 'logged_in'],
    ['LOGGED_OUT', 'logged_out'],
    ['logout', 'logged_out'],
  ])('%s is %s', (raw, kind) => {
    expect(mapAgentStatus(raw)).toEqual({ kind });
  });

  it('an unknown status is kept as the server spelled it, under other', () => {
    expect(mapAgentStatus(' connecting ')).toEqual({ kind: 'other', raw: 'connecting' });
    expect(mapAgentStatus('')).toEqual({ kind: 'other', raw: '?' });
  });

  it('agents the dashboard does not list are logged out; every known status is counted, other ones by name', () => {
    const snapshot = snapshotOf(
      vendorDashboard([
        { agent_id: B, status: 'connecting', timestamp: 63936806990 },
        { agent_id: D, status: 'wrapup', timestamp: 63936806995, name: 'Lê Văn D', username: 'levand' },
      ]),
    );
    expect(snapshot.counts).toEqual([
      { status: { kind: 'ready' }, count: 1 },
      { status: { kind: 'connected' }, count: 0 },
      { status: { kind: 'wrapup' }, count: 1 },
      { status: { kind: 'paused' }, count: 0 },
      { status: { kind: 'logged_in' }, count: 0 },
      { status: { kind: 'logged_out' }, count: 1 },
      { status: { kind: 'other', raw: 'connecting' }, count: 1 },
    ]);
    expect(byId(snapshot, C)).toMatchObject({ status: { kind: 'logged_out' }, since: null, waitingCalls: 0 });
    // Known to the dashboard only: listed with what the dashboard says, no extensions.
    expect(byId(snapshot, D)).toMatchObject({ name: 'Lê Văn D', username: 'levand', extensions: [] });
    // Sorted by status (documented order, other last), then by name.
    expect(snapshot.agents.map((a) => a.id)).toEqual([A, D, C, B]);
  });

  it('when an agent is listed more than once, its newest status wins', () => {
    const snapshot = snapshotOf(
      vendorDashboard([
        { agent_id: A, status: 'connected', timestamp: 63936806999, waiting_calls: [{}, {}] },
        { agent_id: A, status: 'paused', timestamp: 63936806900 },
      ]),
    );
    expect(byId(snapshot, A)).toMatchObject({
      status: { kind: 'connected' },
      since: gregorianToIso(63936806999),
      waitingCalls: 2,
    });
    expect(snapshot.agents.filter((a) => a.id === A)).toHaveLength(1);
  });
});

describe('agents, queues and queue statistics', () => {
  it('agents carry their directory name and extensions', () => {
    const snapshot = snapshotOf(vendorDashboard());
    expect(byId(snapshot, B)).toMatchObject({ name: 'User Staging 2', extensions: ['8000', '8001'] });
    expect(byId(snapshot, A)).toMatchObject({ name: 'Nguyễn Văn A', username: 'nguyenvana', extensions: ['8000'] });
  });

  it('queue statistics are the dashboard figures, durations in seconds', () => {
    expect(snapshotOf(vendorDashboard()).queueStatistics).toEqual({
      offered: 12,
      received: 12,
      handled: 12,
      abandoned: 0,
      averageWaitSeconds: 6,
      longestWaitSeconds: 15,
      averageTalkSeconds: 180,
      waitingNow: 0,
    });
  });

  it('callers waiting now come from the waiting call log, per queue when it names the queue', () => {
    const dashboard = vendorDashboard() as { queue: Record<string, unknown> };
    dashboard.queue['waiting_call_logs'] = [
      { call_id: '1', queue_id: 'q-support', status: 'waiting', wait_time: 12 },
      { call_id: '2', queue_id: 'q-support' },
      { call_id: '3', queue_id: 'q-elsewhere', status: 'waiting' },
      { call_id: '4', queue_id: 'q-support', status: 'handled' },
    ];
    const snapshot = snapshotOf(dashboard);
    expect(snapshot.queueStatistics.waitingNow).toBe(3);
    expect(snapshot.queues.find((q) => q.key === 'q-support')?.waitingNow).toBe(2);
  });

  it('queues list their members by name with their status, sorted by name; an unknown id shows as itself', () => {
    const withStranger = [...queues, { id: 'q-x', name: 'Ẩn danh', agents: ['ffffffffffffffffffffffffffffffff'] }];
    const snapshot = buildDashboardSnapshot(
      {
        dashboard: DashboardSchema.parse(vendorDashboard([{ agent_id: C, status: 'paused', timestamp: 63936806900 }])),
        agents: directory.map((a) => AgentSchema.parse(a)),
        queues: withStranger.map((q) => QueueSchema.parse(q)),
      },
      { generatedAt: new Date('2026-01-28T08:10:00.000Z') },
    );
    // Vietnamese order: â (in Ẩ) is its own letter after a.
    expect(snapshot.queues.map((q) => q.name)).toEqual(['Another Queue', 'Ẩn danh', 'Staging Queue']);
    const staging = snapshot.queues.find((q) => q.name === 'Staging Queue');
    expect(staging?.key).toBe('q-support');
    expect(staging?.members).toEqual([
      { id: A, name: 'Nguyễn Văn A', status: { kind: 'ready' } },
      { id: C, name: 'Trần Thị B', status: { kind: 'paused' } },
      { id: B, name: 'User Staging 2', status: { kind: 'logged_out' } },
    ]);
    // A queue without an id is keyed by its name.
    expect(snapshot.queues.find((q) => q.name === 'Another Queue')).toMatchObject({
      key: 'Another Queue',
      members: [],
    });
    expect(snapshot.queues.find((q) => q.key === 'q-x')?.members).toEqual([
      {
        id: 'ffffffffffffffffffffffffffffffff',
        name: 'ffffffffffffffffffffffffffffffff',
        status: { kind: 'logged_out' },
      },
    ]);
  });

  it('is stamped with when it was made', () => {
    expect(snapshotOf(vendorDashboard()).generatedAt).toBe('2026-01-28T08:10:00.000Z');
  });
});
