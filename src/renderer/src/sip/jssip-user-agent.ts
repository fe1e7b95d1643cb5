import JsSIP from 'jssip';
import type { SipUserAgentConfig, SipUserAgentLike } from './user-agent';

/** The real user agent: JsSIP over a WebSocket, registering as the agent's device. */
export function createJsSipUserAgent(config: SipUserAgentConfig): SipUserAgentLike {
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(config.wsUrl)],
    uri: config.uri,
    password: config.password,
    display_name: config.displayName || undefined,
    register: true,
    // Kazoo and Kamailio do not need them, and a refresh failure would drop a live call.
    session_timers: false,
  });
  return ua;
}
