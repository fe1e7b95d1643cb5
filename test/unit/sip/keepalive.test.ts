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

  it('waits while the server talks, probes after 10 s of silence', () => {
    const open = opened(0);
    expect(nextKeepaliveAction(open, 0)).toEqual({ kind: 'wait', ms: 10_000 });
    const chatty = heard(open, 10_000);
    expect(nextKeepaliveAction(chatty, 15_000)).toEqual({ kind: 'wait', ms: 5_000 });
    expect(nextKeepaliveAction(chatty, 20_000)).toEqual({ kind: 'probe' });
  });

  it('declares the socket dead when nothing answers the probe: 20 s after the last word, within the promised 30 s', () => {
    const probed = probeSent(opened(0), 10_000);
    expect(nextKeepaliveAction(probed, 10_000)).toEqual({ kind: 'wait', ms: 10_000 });
    expect(nextKeepaliveAction(probed, 19_999)).toEqual({ kind: 'wait', ms: 1 });
    expect(nextKeepaliveAction(probed, 20_000)).toEqual({ kind: 'dead' });
    expect(SIP_KEEPALIVE.idleMs + SIP_KEEPALIVE.answerMs).toBeLessThanOrEqual(20_000);
  });

  it('any message from the server answers the probe', () => {
    const probed = probeSent(opened(0), 10_000);
    const answered = heard(probed, 10_050);
    expect(nextKeepaliveAction(answered, 20_000)).toEqual({ kind: 'wait', ms: 50 });
  });

  it('never declares dead without having asked, however long the timers slept', () => {
    // The page was throttled (or the machine slept) for ten minutes: probe first.
    expect(nextKeepaliveAction(opened(0), 600_000)).toEqual({ kind: 'probe' });
  });
});
