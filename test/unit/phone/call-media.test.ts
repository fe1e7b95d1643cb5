import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallMediaTracker, type MediaSessionLike } from '../../../src/renderer/src/sip/call-media';
import { CallRecorder } from '../../../src/renderer/src/sip/call-recorder';
import { useMediaStore } from '../../../src/renderer/src/sip/media-store';
import { createPhoneMedia } from '../../../src/renderer/src/sip/phone-media';
import type { CallStatus, PhoneCall, PhoneCallsState } from '../../../src/renderer/src/sip/phone-state';
import type { QualitySample, QualitySamplerDeps } from '../../../src/renderer/src/sip/quality-sampler';
import { Ringer, type RingerElement } from '../../../src/renderer/src/sip/ringer';
import { browserClock } from '../../../src/renderer/src/sip/timer-clock';
import type { CallSummary } from '../../../src/shared/call-log';

type Handler = (event: never) => void;

class FakeMediaSession implements MediaSessionLike {
  connection: RTCPeerConnection | null = null;
  private readonly handlers = new Map<string, Handler[]>();
  constructor(readonly id: string) {}
  on(event: string, listener: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, payload?: unknown): void {
    for (const h of this.handlers.get(event) ?? []) (h as (p: unknown) => void)(payload);
  }
}

/** getStats() of a call whose audio arrives with 2 % loss. */
function lossyConnection(): RTCPeerConnection {
  let received = 0;
  let lost = 0;
  return {
    getStats: () => {
      received += 98;
      lost += 2;
      return Promise.resolve(
        new Map([
          [
            'in',
            {
              id: 'in',
              type: 'inbound-rtp',
              kind: 'audio',
              packetsReceived: received,
              packetsLost: lost,
              jitter: 0.004,
            },
          ],
          ['rtt', { id: 'rtt', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.03 }],
        ]),
      );
    },
    getSenders: () => [],
  } as unknown as RTCPeerConnection;
}

const call = (id: string, status: CallStatus, direction: PhoneCall['direction'] = 'inbound'): PhoneCall => ({
  id,
  direction,
  remote: { number: '0912345678' },
  status,
});
const calls = (...list: PhoneCall[]): PhoneCallsState => ({ calls: list, focusedId: list[0]?.id ?? null });

beforeEach(() => {
  vi.useFakeTimers();
  useMediaStore.setState({ quality: {}, notices: [] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('CallMediaTracker', () => {
  it('hands the connection to the devices, samples every 2 s from the answer, and stops at the end', async () => {
    const attached: string[] = [];
    const live: (QualitySample | null)[] = [];
    const tracker = new CallMediaTracker({
      clock: browserClock,
      devices: { attachCall: (id) => attached.push(`+${id}`), detachCall: (id) => attached.push(`-${id}`) },
      onQuality: (_id, sample) => live.push(sample),
    });
    const session = new FakeMediaSession('s1');
    tracker.track(session, 'call-id@pbx');
    const connection = lossyConnection();
    session.emit('peerconnection', { peerconnection: connection });
    session.connection = connection;
    expect(attached).toEqual(['+s1']);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(live).toEqual([]); // not answered yet: nothing measured

    session.emit('accepted');
    session.emit('confirmed');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(live).toHaveLength(3);
    expect(live[0]?.lossPct).toBeCloseTo(2, 6);

    session.emit('ended', { originator: 'remote' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(live.at(-1)).toBeNull();
    expect(attached).toEqual(['+s1', '-s1']);
    expect(tracker.summary('s1')).toMatchObject({ samples: 3, avgLossPct: 2, worstLossPct: 2, avgRttMs: 30 });
    expect(tracker.sipCallId('s1')).toBe('call-id@pbx');
  });

  it('does not sample twice when the session reports accepted and confirmed', () => {
    const started: QualitySamplerDeps[] = [];
    const tracker = new CallMediaTracker({
      clock: browserClock,
      devices: { attachCall: () => undefined, detachCall: () => undefined },
      onQuality: () => undefined,
      startSampler: (deps) => {
        started.push(deps);
        return () => undefined;
      },
    });
    const session = new FakeMediaSession('s1');
    session.connection = lossyConnection();
    tracker.track(session);
    session.emit('accepted');
    session.emit('confirmed');
    expect(started).toHaveLength(1);
  });
});

describe('CallRecorder', () => {
  it('records a call once it ends: when it rang, was answered and ended, how, and its quality', () => {
    let now = 1_000;
    const recorded: CallSummary[] = [];
    const recorder = new CallRecorder({
      now: () => now,
      quality: () => ({
        samples: 2,
        avgJitterMs: 4,
        avgLossPct: 0.5,
        avgRttMs: 30,
        avgMos: 4.3,
        worstMos: 4.1,
        worstLossPct: 1,
      }),
      sipCallId: (id) => `${id}@pbx`,
      record: (c) => recorded.push(c),
    });
    recorder.observe(calls(call('s1', { kind: 'ringing', autoAnswer: false, ringStyle: 'full' })));
    now = 4_000;
    recorder.observe(
      calls(call('s1', { kind: 'in-call', since: 3_500, muted: false, held: false, remoteHeld: false })),
    );
    now = 60_000;
    recorder.observe(calls(call('s1', { kind: 'ended', reason: 'remote-hangup' })));
    recorder.observe(calls(call('s1', { kind: 'ended', reason: 'remote-hangup' })));
    expect(recorded).toEqual([
      {
        sipCallId: 's1@pbx',
        direction: 'inbound',
        number: '0912345678',
        startedAt: 1_000,
        answeredAt: 3_500,
        endedAt: 60_000,
        endReason: 'remote-hangup',
        quality: {
          samples: 2,
          avgJitterMs: 4,
          avgLossPct: 0.5,
          avgRttMs: 30,
          avgMos: 4.3,
          worstMos: 4.1,
          worstLossPct: 1,
        },
      },
    ]);
  });

  it('records an unanswered call without answeredAt', () => {
    const recorded: CallSummary[] = [];
    const recorder = new CallRecorder({
      now: () => 5,
      quality: () => ({
        samples: 0,
        avgJitterMs: null,
        avgLossPct: null,
        avgRttMs: null,
        avgMos: null,
        worstMos: null,
        worstLossPct: null,
      }),
      sipCallId: () => undefined,
      record: (c) => recorded.push(c),
    });
    recorder.observe(calls(call('out-1', { kind: 'dialing', progress: 'trying' }, 'outbound')));
    recorder.observe(calls(call('out-1', { kind: 'ended', reason: 'refused', sipStatus: 486 }, 'outbound')));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ sipCallId: 'out-1', direction: 'outbound', endReason: 'refused' });
    expect(recorded[0]).not.toHaveProperty('answeredAt');
  });
});

describe('phone media', () => {
  it('rings while a call rings, stops on answer, and sends the call to the log when it ends', async () => {
    const element: RingerElement & { paused: boolean } = {
      src: '',
      loop: false,
      currentTime: 0,
      paused: true,
      play() {
        element.paused = false;
        return Promise.resolve();
      },
      pause() {
        element.paused = true;
      },
    };
    const published: PhoneCallsState[] = [];
    const recorded: CallSummary[] = [];
    const media = createPhoneMedia({
      sink: { setRegistration: () => undefined, setCalls: (s) => published.push(s) },
      speaker: {},
      ringer: new Ringer(element, { ringtone: 'ring.wav', callWaiting: 'wait.wav' }),
      mediaDevices: undefined,
      clock: browserClock,
      record: (c) => recorded.push(c),
    });
    const session = new FakeMediaSession('s1');
    media.onSession(session as never, 'x@pbx');
    media.sink.setCalls(calls(call('s1', { kind: 'ringing', autoAnswer: false, ringStyle: 'full' })));
    expect(element.paused).toBe(false);
    expect(element.src).toBe('ring.wav');
    media.sink.setCalls(calls(call('s1', { kind: 'answering' })));
    expect(element.paused).toBe(true);
    media.sink.setCalls(calls(call('s1', { kind: 'ended', reason: 'local-hangup' })));
    expect(published).toHaveLength(3);
    expect(recorded.map((c) => [c.sipCallId, c.endReason])).toEqual([['x@pbx', 'local-hangup']]);
    media.dispose();
  });
});
