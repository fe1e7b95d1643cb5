import type { Rng } from './random';

/**
 * Vietnamese numbers as AntBuddy shows them: mobiles have 10 digits (09x, 03x, 08x, 07x),
 * landlines 11 digits (028 Hồ Chí Minh, 024 Hà Nội); some callers arrive in +84 form.
 */

const MOBILE_PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '081',
  '082',
  '083',
  '084',
  '085',
  '086',
  '088',
  '089',
  '070',
  '076',
  '077',
  '078',
  '079',
];

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(7);
}

export function landlineNumber(rng: Rng): string {
  return rng.pick(['028', '024']) + rng.int(2, 7) + rng.digits(7);
}

export function landlineDid(rng: Rng, area: '028' | '024'): string {
  return area + '7' + rng.digits(7);
}

/** "0912345678" → "+84912345678". */
export function toInternational(national: string): string {
  return national.startsWith('0') ? `+84${national.slice(1)}` : national;
}

/** A customer's number, in the form a carrier might deliver it. */
export function customerNumber(rng: Rng): string {
  const national = rng.chance(0.78) ? mobileNumber(rng) : landlineNumber(rng);
  return rng.chance(0.12) ? toInternational(national) : national;
}

/** Patterns the sandbox's numbers match (used by tests and the click-to-call check). */
export const VIETNAM_NUMBER = /^(?:0(?:9|3|8|7)\d{8}|0(?:28|24)\d{8}|\+84(?:9|3|8|7)\d{8}|\+84(?:28|24)\d{8})$/;
