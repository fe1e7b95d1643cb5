import type { PhoneCallSummary } from './contract';
import type { SignalConnectionState } from './domain';

/**
 * Whether calls can reach the agent right now, as the tray icon (and, where the desktop shows no
 * tray, the window's banner) shows it at a glance. Pure, and shared: main decides, the renderer
 * words the same union in its own texts.
 */

/** One reason calls cannot reach the agent; the phone's come first (the phone is what rings). */
export type UnreachableReason =
  /** No SIP account in the settings: nothing can ring this computer. */
  | { readonly kind: 'phone-not-set-up' }
  /** SIP is configured but the window's phone has not reported yet (it starts with the window). */
  | { readonly kind: 'phone-starting' }
  | { readonly kind: 'phone-registering' }
  /** The SIP server refused the registration (`403 Forbidden`) or the configuration is wrong. */
  | { readonly kind: 'phone-failed'; readonly detail?: string }
  /** No network, or the SIP websocket dropped. */
  | { readonly kind: 'phone-offline'; readonly detail?: string }
  /** No call-signals account in the settings: calls ring but nothing pops. */
  | { readonly kind: 'signals-not-set-up' }
  /** Configured but not running: the computer is going to sleep or waking up (the service stops then). */
  | { readonly kind: 'signals-paused' }
  | { readonly kind: 'signals-connecting' }
  | { readonly kind: 'signals-reconnecting'; readonly attempt: number; readonly detail: string }
  | { readonly kind: 'signals-failed'; readonly detail: string };

export type Reachability =
  /** Signals live and the phone registered: calls ring and pop. */
  | { readonly kind: 'reachable' }
  /** At least one reason, phone reasons before signal reasons. */
  | { readonly kind: 'unreachable'; readonly reasons: readonly [UnreachableReason, ...UnreachableReason[]] }
  /** Connected, but the agent turned Do not disturb on: calls are refused on purpose. */
  | { readonly kind: 'dnd' }
  /** On a call (answered or dialled, held counts): busy whatever else is true. */
  | { readonly kind: 'in-call' };

export type ReachabilityKind = Reachability['kind'];
export const REACHABILITY_KINDS: readonly ReachabilityKind[] = ['reachable', 'unreachable', 'dnd', 'in-call'];

export interface ReachabilityInput {
  readonly signals: SignalConnectionState;
  readonly phone: Pick<PhoneCallSummary, 'registration' | 'inCall'>;
  readonly dnd: boolean;
  /** The settings hold a complete SIP account (what the window's phone needs to register). */
  readonly sipConfigured: boolean;
  /** The settings hold what call signals need (the service is idle without it). */
  readonly signalsConfigured: boolean;
}

/**
 * Precedence, as an agent reads the icon: **in a call** first (the agent is busy and knows it;
 * a connection drop mid-call must not flash red while they talk, the call's media carries on),
 * then **unreachable** (a fault to act on: even with Do not disturb on, switching it off would
 * not bring calls back), then **Do not disturb** (a choice the agent made), then **reachable**.
 */
export function reachabilityOf(input: ReachabilityInput): Reachability {
  if (input.phone.inCall) return { kind: 'in-call' };
  const reasons = [...phoneReasons(input), ...signalReasons(input)];
  const [first, ...rest] = reasons;
  if (first) return { kind: 'unreachable', reasons: [first, ...rest] };
  return input.dnd ? { kind: 'dnd' } : { kind: 'reachable' };
}

function phoneReasons({ phone, sipConfigured }: ReachabilityInput): UnreachableReason[] {
  const { kind, reason } = phone.registration;
  const detail = reason === undefined || reason === '' ? {} : { detail: reason };
  switch (kind) {
    case 'registered':
      return [];
    case 'unconfigured':
      // Main learns the registration from the window; until it reports, a configured phone is starting.
      return [{ kind: sipConfigured ? 'phone-starting' : 'phone-not-set-up' }];
    case 'registering':
      return [{ kind: 'phone-registering' }];
    case 'failed':
      return [{ kind: 'phone-failed', ...detail }];
    case 'offline':
      return [{ kind: 'phone-offline', ...detail }];
  }
}

function signalReasons({ signals, signalsConfigured }: ReachabilityInput): UnreachableReason[] {
  switch (signals.kind) {
    case 'live':
      return [];
    case 'idle':
      return [{ kind: signalsConfigured ? 'signals-paused' : 'signals-not-set-up' }];
    case 'connecting':
      return [{ kind: 'signals-connecting' }];
    case 'reconnecting':
      return [{ kind: 'signals-reconnecting', attempt: signals.attempt, detail: signals.lastError }];
    case 'failed':
      return [{ kind: 'signals-failed', detail: signals.reason }];
  }
}

/**
 * Whether this computer's tray icon can be seen. Decided by the Electron shell (the desktop is
 * probed once at start); hosts without a tray (the web host, the CLI) say `not-applicable`.
 */
export type TrayAvailability =
  | { readonly kind: 'not-applicable' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'shown' }
  | { readonly kind: 'missing'; readonly reason: TrayMissingReason; readonly desktop: string };

export type TrayMissingReason =
  /** GNOME Shell shows no tray icons unless the AppIndicator extension is installed and on. */
  | 'gnome-without-extension'
  /** No StatusNotifier host on the session bus, and nothing else (Wayland) that could show one. */
  | 'no-status-notifier';

/** What the window's banner needs: whether the tray can be seen, and the state it would show. */
export interface TrayStatus {
  readonly availability: TrayAvailability;
  readonly reachability: Reachability;
}
