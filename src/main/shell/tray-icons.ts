import type { ReachabilityKind } from '../../shared/reachability';
import { encodePng, drawRingWithCentre, type RingCentre, type Rgb } from './png';

/**
 * The tray icon of each state, drawn in code (no image files): a colour AND a mark per state,
 * so the states differ for colour-blind agents too. Pure.
 */
export const TRAY_ICON_LOOK: Readonly<Record<ReachabilityKind, { readonly color: Rgb; readonly centre: RingCentre }>> =
  {
    // Green ring and dot: the AntRing mark, calls ring here.
    reachable: { color: [30, 158, 74], centre: 'dot' },
    // Red ring with a cross: something is down, the tooltip says what.
    unreachable: { color: [217, 48, 37], centre: 'cross' },
    // Grey ring with a no-entry bar: calls refused on purpose.
    dnd: { color: [107, 114, 128], centre: 'bar' },
    // Amber ring, filled: busy on a call.
    'in-call': { color: [232, 161, 0], centre: 'disc' },
  };

/** 32 px, shown at 16 pt with scale factor 2: sharp on high-DPI trays, fine on the rest. */
export const TRAY_ICON_PIXELS = 32;

export function trayIconPng(kind: ReachabilityKind, size: number = TRAY_ICON_PIXELS): Buffer {
  const look = TRAY_ICON_LOOK[kind];
  return encodePng(size, size, drawRingWithCentre(size, look.color, look.centre));
}
