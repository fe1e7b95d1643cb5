import { describe, expect, it } from 'vitest';
import { GREGORIAN_OFFSET_S, gregorianToIso, platformTimeToMs } from '../../../src/main/services/signals';
import { callDirection, isCompanyNumber } from '../../../src/main/services/signals/direction';
import { toFiniteNumber } from '../../../src/main/services/signals/time';

describe('Gregorian time', () => {
  it('converts the documented dashboard pair exactly', () => {
    // The dashboard sample: timestamp 63936806933 next to unix_timestamp 1769587733.
    expect(63_936_806_933 - GREGORIAN_OFFSET_S).toBe(1_769_587_733);
    expect(gregorianToIso(63_936_806_933)).toBe(new Date(1_769_587_733_000).toISOString());
    expect(platformTimeToMs(63_936_806_933)).toBe(1_769_587_733_000);
  });

  it('accepts strings, Gregorian microseconds and unix seconds; rejects junk', () => {
    expect(platformTimeToMs('63936806933')).toBe(1_769_587_733_000);
    expect(platformTimeToMs(' 63936806933.5 ')).toBe(1_769_587_733_500);
    expect(platformTimeToMs(63_936_806_933_000_000)).toBe(1_769_587_733_000);
    expect(platformTimeToMs(1_769_587_733)).toBe(1_769_587_733_000);
    for (const junk of [undefined, null, '', 'soon', -5, 0, 42, Number.NaN, {}, [63_936_806_933]]) {
      expect(platformTimeToMs(junk)).toBeUndefined();
    }
  });

  it('reads numbers sent as strings', () => {
    expect(toFiniteNumber('31')).toBe(31);
    expect(toFiniteNumber(31)).toBe(31);
    expect(toFiniteNumber('3 1')).toBeUndefined();
    expect(toFiniteNumber('1e3')).toBeUndefined();
    expect(toFiniteNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('direction from the agent point of view', () => {
  it('tells company numbers from outside numbers', () => {
    expect(isCompanyNumber('8001')).toBe(true);
    expect(isCompanyNumber('agent8001')).toBe(true);
    expect(isCompanyNumber('0912345678')).toBe(false);
    expect(isCompanyNumber('+84912345678')).toBe(false);
    expect(isCompanyNumber('anonymous')).toBe(false);
    expect(isCompanyNumber('')).toBeUndefined();
  });

  it('decides by numbers first, then by the A leg authorising type', () => {
    const none: string[] = [];
    expect(callDirection({ fromNumber: '8001', toNumber: '8002', otherLegAuthorizingTypes: none })).toBe('internal');
    expect(callDirection({ fromNumber: '8001', toNumber: '0987654321', otherLegAuthorizingTypes: none })).toBe(
      'outbound',
    );
    expect(
      callDirection({
        fromNumber: '0912345678',
        toNumber: '8001',
        aLegAuthorizingType: 'device',
        otherLegAuthorizingTypes: none,
      }),
    ).toBe('inbound');
    expect(
      callDirection({
        fromNumber: '0912345678',
        toNumber: '02873001234',
        aLegAuthorizingType: 'resource',
        otherLegAuthorizingTypes: none,
      }),
    ).toBe('inbound');
    // An agent presenting the company DID as caller id, calling a customer.
    expect(
      callDirection({
        fromNumber: '02873001234',
        toNumber: '0987654321',
        aLegAuthorizingType: 'device',
        otherLegAuthorizingTypes: none,
      }),
    ).toBe('outbound');
    expect(callDirection({ aLegAuthorizingType: 'device', otherLegAuthorizingTypes: ['device'] })).toBe('internal');
    expect(callDirection({ otherLegAuthorizingTypes: none })).toBe('inbound');
  });
});
