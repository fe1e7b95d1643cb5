import { describe, expect, it } from 'vitest';
import { callDirectionOf, statusClassOf } from '../../../src/main/services/history-store/status-class';

describe('callDirectionOf', () => {
  it('reads one_one as internal whatever the direction, to_ab as inbound, the rest as outbound', () => {
    expect(callDirectionOf({ class: 'one_one', direction: 'from_ab' })).toBe('internal');
    expect(callDirectionOf({ class: 'one_one', direction: 'to_ab' })).toBe('internal');
    expect(callDirectionOf({ class: 'trunking', direction: 'to_ab' })).toBe('inbound');
    expect(callDirectionOf({ class: 'trunking', direction: 'from_ab' })).toBe('outbound');
    expect(callDirectionOf({ class: 'trunking', direction: 'sideways' })).toBe('outbound');
  });
});

describe('statusClassOf', () => {
  const cases: [Parameters<typeof statusClassOf>[0], string, ReturnType<typeof statusClassOf>][] = [
    // answered: SUCCESS in every direction
    ['inbound', 'SUCCESS', 'answered'],
    ['outbound', 'SUCCESS', 'answered'],
    ['internal', 'SUCCESS', 'answered'],
    ['inbound', ' success ', 'answered'],
    // missed: towards the company (inbound, internal) and not answered, whatever the status
    ['inbound', 'IVR', 'missed'],
    ['inbound', 'CANCELLED', 'missed'],
    ['inbound', 'BUSY', 'missed'],
    ['inbound', 'UNSUCCESS', 'missed'],
    ['inbound', 'SOMETHING_NEW', 'missed'],
    ['inbound', '', 'missed'],
    ['internal', 'IVR', 'missed'],
    ['internal', 'CANCELLED', 'missed'],
    ['internal', 'BUSY', 'missed'],
    ['internal', 'UNSUCCESS', 'missed'],
    // outbound: busy, cancelled, and everything else failed
    ['outbound', 'BUSY', 'busy'],
    ['outbound', 'busy', 'busy'],
    ['outbound', 'CANCELLED', 'cancelled'],
    ['outbound', 'CANCELED', 'cancelled'],
    ['outbound', 'IVR', 'failed'],
    ['outbound', 'UNSUCCESS', 'failed'],
    ['outbound', 'SOMETHING_NEW', 'failed'],
    ['outbound', '', 'failed'],
  ];
  it.each(cases)('%s %j → %s', (direction, status, expected) => {
    expect(statusClassOf(direction, status)).toBe(expected);
  });
});
