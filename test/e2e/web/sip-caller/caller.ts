import { UA, WebSocketInterface } from 'jssip';
import type { EndEvent, RTCSession } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent } from 'jssip/lib/UA';
import type {
  AudioStats,
  CallOptions,
  CallOutcome,
  CallState,
  CallerAccount,
  RegisterOutcome,
  SipCallerApi,
} from './api';

/**
 * The far end of the phone tests: a bare JsSIP phone in its own page (bundled by esbuild at
 * test time, since JsSIP's npm package ships no browser bundle). It registers as another agent,
 * calls the app and reports what the SIP server and the media path did.
 */

let ua: UA | undefined;
let session: RTCSession | undefined;
let callState: CallState = 'idle';
let lastEndCause: string | null = null;

/** The SIP status of a failure, when the far end (or the proxy) answered with one. */
function statusOf(message: unknown): number | null {
  if (typeof message === 'object' && message !== null && 'status_code' in message) {
    const status = (message as { status_code: unknown }).status_code;
    return typeof status === 'number' ? status : null;
  }
  return null;
}

function register(account: CallerAccount): Promise<RegisterOutcome> {
  ua?.stop();
  const agent = new UA({
    sockets: [new WebSocketInterface(account.wsUrl)],
    uri: `sip:${account.user}@${account.domain}`,
    password: account.password,
    register: true,
    session_timers: false,
  });
  ua = agent;
  agent.on('newRTCSession', (event: RTCSessionEvent) => {
    if (event.originator !== 'remote') return;
    const incoming = event.session;
    if (!account.autoAnswer || (session && !session.isEnded())) {
      incoming.terminate({ status_code: 486 });
      return;
    }
    session = incoming;
    lastEndCause = null;
    callState = 'calling';
    incoming.on('confirmed', () => (callState = 'confirmed'));
    incoming.on('failed', (e: EndEvent) => {
      callState = 'failed';
      lastEndCause = e.cause;
    });
    incoming.on('ended', (e: EndEvent) => {
      callState = 'ended';
      lastEndCause = e.cause;
    });
    incoming.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } });
  });
  return new Promise((resolve) => {
    agent.on('registered', () => resolve({ registered: true }));
    agent.on('registrationFailed', (event) => resolve({ registered: false, cause: event.cause ?? 'unknown' }));
    agent.start();
  });
}

function call(target: string, options: CallOptions = {}): Promise<CallOutcome> {
  const agent = ua;
  if (!agent) return Promise.resolve({ state: 'failed', status: null, cause: 'not registered' });
  lastEndCause = null;
  callState = 'calling';
  return new Promise((resolve) => {
    const current = agent.call(target, {
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [] },
      extraHeaders: options.extraHeaders ?? [],
      eventHandlers: {
        confirmed: () => {
          callState = 'confirmed';
          resolve({ state: 'confirmed' });
        },
        failed: (event) => {
          callState = 'failed';
          lastEndCause = event.cause;
          resolve({ state: 'failed', status: statusOf(event.message), cause: event.cause });
        },
        ended: (event) => {
          callState = 'ended';
          lastEndCause = event.cause;
        },
      },
    });
    session = current;
  });
}

function hangup(): void {
  if (session && !session.isEnded()) session.terminate();
}

async function stats(): Promise<AudioStats> {
  const result: AudioStats = { inboundBytes: 0, outboundBytes: 0 };
  const connection = session?.connection;
  if (!connection) return result;
  const report = await connection.getStats();
  report.forEach((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return;
    const stat = entry as { type?: unknown; kind?: unknown; bytesReceived?: unknown; bytesSent?: unknown };
    if (stat.kind !== 'audio') return;
    if (stat.type === 'inbound-rtp' && typeof stat.bytesReceived === 'number')
      result.inboundBytes += stat.bytesReceived;
    if (stat.type === 'outbound-rtp' && typeof stat.bytesSent === 'number') result.outboundBytes += stat.bytesSent;
  });
  return result;
}

function stop(): Promise<void> {
  const agent = ua;
  ua = undefined;
  if (!agent) return Promise.resolve();
  return new Promise((resolve) => {
    agent.on('disconnected', () => resolve());
    agent.stop();
    // A UA that never connected emits nothing more.
    if (!agent.isConnected()) resolve();
  });
}

const api: SipCallerApi = {
  register,
  call,
  hangup,
  state: () => callState,
  endCause: () => lastEndCause,
  stats,
  stop,
};
window.sipCaller = api;
document.body.dataset['ready'] = 'true';
