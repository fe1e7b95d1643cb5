import { describe, expect, it } from 'vitest';
import { parseMainArgs } from '../../../sandbox/args';
import {
  CLICK_TO_CALL_MARKERS,
  DEFAULT_SETTINGS,
  markerHeaders,
  settingsPatchSchema,
  toneForDigit,
} from '../../../sandbox/telephony/platform-settings';

describe('platform settings', () => {
  it('defaults to no marker, a 1 s answer delay and a tone', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ clickToCallMarker: 'none', answerDelayMs: 1000 });
    expect(DEFAULT_SETTINGS.toneHz).toBeGreaterThan(0);
  });

  it('gives each click-to-call marker its header line', () => {
    expect(Object.fromEntries(CLICK_TO_CALL_MARKERS.map((marker) => [marker, markerHeaders(marker)]))).toEqual({
      none: [],
      'call-info': ['Call-Info: <sip:platform>;answer-after=0'],
      'alert-info': ['Alert-Info: <http://127.0.0.1/>;info=alert-autoanswer'],
      'x-antbuddy': ['X-AntBuddy-ClickToCall: 1'],
    });
  });

  it('checks a settings change', () => {
    expect(settingsPatchSchema.safeParse({ clickToCallMarker: 'alert-info', answerDelayMs: 0 }).success).toBe(true);
    expect(settingsPatchSchema.safeParse({ clickToCallMarker: 'intercom' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ answerDelayMs: -1 }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('echoes every DTMF digit with a tone of its own', () => {
    const tones = [...'0123456789*#'].map((digit) => toneForDigit(digit));
    expect(new Set(tones).size).toBe(12);
    expect(tones.every((hz) => hz !== undefined && hz > 0)).toBe(true);
    expect(toneForDigit('x')).toBeUndefined();
  });

  it('sandbox/main.ts --no-platform keeps Kamailio without the platform phone', () => {
    expect(parseMainArgs(['--kamailio', '--no-platform'])).toEqual({
      ok: true,
      options: { kamailio: true, platform: false },
    });
  });
});
