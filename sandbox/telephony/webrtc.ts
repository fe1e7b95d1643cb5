import type * as JsSIPModule from 'jssip';
import type { Socket } from 'jssip';

/**
 * WebRTC under Node for the platform phone and test phones: libwebrtc from `@roamhq/wrtc`
 * (a dev dependency, loaded only when a phone is wanted) and JsSIP over a Node WebSocket.
 * JsSIP looks for the browser's WebRTC classes on `window`, so they are put on the global
 * object before JsSIP is loaded. When wrtc is missing the sandbox runs without the platform.
 */

export type Wrtc = typeof import('@roamhq/wrtc');
export type JsSIP = typeof JsSIPModule;
export type NodeWebSocketConstructor = new (url: string) => Socket;

export interface WebRtcRuntime {
  readonly wrtc: Wrtc;
  readonly JsSIP: JsSIP;
  readonly NodeWebSocket: NodeWebSocketConstructor;
}

export type WebRtcLoad =
  { readonly ok: true; readonly runtime: WebRtcRuntime } | { readonly ok: false; readonly message: string };

export const WRTC_MISSING =
  'the platform phone needs @roamhq/wrtc (a dev dependency); install it with npm install (its prebuilt binary for Linux x64 comes in @roamhq/wrtc-linux-x64)';

/** The module object of a CommonJS package, whichever way the loader hands it over. */
function moduleValue<T>(imported: unknown): T {
  const value = imported as { default?: unknown };
  return (value.default ?? imported) as T;
}

const GLOBALS = [
  'RTCPeerConnection',
  'RTCSessionDescription',
  'RTCIceCandidate',
  'MediaStream',
  'MediaStreamTrack',
] as const;

let loading: Promise<WebRtcLoad> | undefined;

/**
 * After a call, libwebrtc's objects crash Node's final environment cleanup (SIGSEGV in
 * Environment::RunCleanup, node-webrtc issue 636; still so in @roamhq/wrtc 0.10): a program
 * that loaded wrtc and simply ran out of work would end with signal 11 instead of its exit
 * code. process.exit() does not run that cleanup, so once wrtc is loaded a natural exit goes
 * through it, with the same exit code.
 */
function guardNaturalExit(): void {
  process.on('beforeExit', (code) => process.exit(code));
}

/** Loads wrtc and JsSIP once per process; never throws. */
export function loadWebRtc(): Promise<WebRtcLoad> {
  loading ??= (async (): Promise<WebRtcLoad> => {
    let wrtc: Wrtc;
    try {
      wrtc = moduleValue<Wrtc>(await import('@roamhq/wrtc'));
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return { ok: false, message: `${WRTC_MISSING} (${detail})` };
    }
    guardNaturalExit();
    const global = globalThis as Record<string, unknown>;
    // JsSIP reads window.RTCPeerConnection and the bare globals; a real browser's win if present.
    global['window'] ??= globalThis;
    for (const name of GLOBALS) global[name] ??= wrtc[name];
    try {
      const JsSIP = moduleValue<JsSIP>(await import('jssip'));
      const NodeWebSocket = moduleValue<NodeWebSocketConstructor>(await import('jssip-node-websocket'));
      return { ok: true, runtime: { wrtc, JsSIP, NodeWebSocket } };
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return {
        ok: false,
        message: `the platform phone needs jssip and jssip-node-websocket; install them with npm install (${detail})`,
      };
    }
  })();
  return loading;
}
