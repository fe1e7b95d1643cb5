import { describe, expect, it } from 'vitest';
import {
  CLOSED,
  heard,
  nextKeepaliveAction,
  opened,
  probeSent,
  SIP_KEEPALIVE,
} from '../../../src/renderer/src/sip/keepalive';

describe('keepalive decisions', () => {
  it('does nothing on a closed socket', () => {
    expect(nextKeepaliveAction(CLOSED, 1_000)).toEqual({ kind: 'none' });
  });

  it('waits while the server talks, probes after 15 s of silence', () => {
    const open = opened(0);
    expect(nextKeepaliveAction(open, 0)).toEqual({ kind: 'wait', ms: 15_000 });
    const chatty = heard(open, 10_000);
    expect(nextKeepaliveAction(chatty, 20_000)).toEqual({ kind: 'wait', ms: 5_000 });
    expect(nextKeepaliveAction(chatty, 25_000)).toEqual({ kind: 'probe' });
  });

  it('declares the socket dead when nothing answers the probe: within 30 s of the last word', () => {
    const probed = probeSent(opened(0), 15_000);
    expect(nextKeepaliveAction(probed, 15_000)).toEqual({ kind: 'wait', ms: 15_000 });
    expect(nextKeepaliveAction(probed, 29_999)).toEqual({ kind: 'wait', ms: 1 });
    expect(nextKeepaliveAction(probed, 30_000)).toEqual({ kind: 'dead' });
    expect(SIP_KEEPALIVE.idleMs + SIP_KEEPALIVE.answerMs).toBeLessThanOrEqual(30_000);
  });

  it('any message from the server answers the probe', () => {
    const probed = probeSent(opened(0), 15_000);
    const answered = heard(probed, 15_050);
    expect(nextKeepaliveAction(answered, 30_000)).toEqual({ kind: 'wait', ms: 50 });
  });

  it('never declares dead without having asked, however long the timers slept', () => {
    // The page was throttled (or the machine slept) for ten minutes: probe first.
    expect(nextKeepaliveAction(opened(0), 600_000)).toEqual({ kind: 'probe' });
  });
});
