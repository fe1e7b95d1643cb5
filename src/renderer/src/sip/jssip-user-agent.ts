import JsSIP from 'jssip';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import { ReconnectSchedule } from './reconnect-policy';
import { guardOwnTerminate } from './session-actions';
import { browserClock } from './timer-clock';
import type { SipTransportLink } from './transport-link';
import type { SipUserAgentConfig, SipUserAgentLike } from './user-agent';
import { WatchedSocket } from './watched-socket';

/**
 * How long a registration lasts before JsSIP refreshes it. Shorter than JsSIP's 600 s: a
 * binding left behind by a client that vanished without closing (a laptop lid, a dead NAT)
 * stops forking calls into the void within five minutes.
 */
const REGISTER_EXPIRES_S = 300;

/** UA.sendOptions exists in JsSIP (lib/UA.js) but is missing from its type definitions. */
interface OptionsSender {
  sendOptions(
    target: string | InstanceType<typeof JsSIP.URI>,
    body?: string,
    options?: { eventHandlers?: Record<string, () => void> },
  ): unknown;
}

function canSendOptions(ua: unknown): ua is OptionsSender {
  return typeof (ua as { sendOptions?: unknown }).sendOptions === 'function';
}

/** The SIP domain of `sip:user@domain`: where the keepalive OPTIONS goes (the registrar). */
function domainOf(uri: string): string {
  return uri.replace(/^sips?:/i, '').replace(/^[^@]*@/, '');
}

/**
 * The real user agent: JsSIP over a WebSocket, registering as the agent's device, with the
 * connection under it watched (WatchedSocket) and exposed to the phone's watchdog as `link`.
 */
export function createJsSipUserAgent(config: SipUserAgentConfig): SipUserAgentLike {
  const socket = new WatchedSocket(new JsSIP.WebSocketInterface(config.wsUrl), new ReconnectSchedule(), browserClock);
  const ua = new JsSIP.UA({
    sockets: [socket],
    uri: config.uri,
    password: config.password,
    display_name: config.displayName || undefined,
    register: true,
    register_expires: REGISTER_EXPIRES_S,
    // JsSIP retries after a fixed second; the socket then waits out the jittered backoff
    // (reconnect-policy.ts), so the pace is ours, not JsSIP's coarser 2..30 s doubling.
    connection_recovery_min_interval: 1,
    connection_recovery_max_interval: 1,
    // Kazoo and Kamailio do not need them, and a refresh failure would drop a live call.
    session_timers: false,
  });
  // A URI object, not the string `sip:<domain>`: JsSIP reads a string without `@` as a user name
  // and would address `sip:<domain>@<domain>`, a user the registrar does not have.
  const keepaliveTarget = new JsSIP.URI('sip', '', domainOf(config.uri));
  const link: SipTransportLink = {
    onOpen: (listener) => socket.onOpen(listener),
    onClose: (listener) => socket.onClose(listener),
    onTraffic: (listener) => socket.onTraffic(listener),
    isOpen: () => socket.isOpen(),
    probe: () => {
      try {
        // Any answer proves the server alive (a proxy may answer 404 or 483 for its own domain);
        // the answer is noticed by the socket, so the outcome here does not matter.
        if (canSendOptions(ua))
          ua.sendOptions(keepaliveTarget, undefined, {
            eventHandlers: { succeeded: () => undefined, failed: () => undefined },
          });
      } catch {
        // Not connected at this instant: the keepalive deadline decides.
      }
    },
    drop: () => socket.drop(),
    connectNow: () => socket.connectNow(),
    register: () => ua.register(),
    isRegistered: () => ua.isRegistered(),
  };
  // First listener of all: JsSIP's own internal terminate() calls on the session become safe.
  ua.on('newRTCSession', (event: RTCSessionEvent) => guardOwnTerminate(event.session));
  return Object.assign(ua, { link });
}
