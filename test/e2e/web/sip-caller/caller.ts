import { UA, WebSocketInterface } from 'jssip';
import type { EndEvent, IncomingDTMFEvent, OutgoingDTMFEvent, RTCSession } from 'jssip/lib/RTCSession';
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
let heldByOtherSide = false;
let dtmfReceived = '';
const transfersFollowed: string[] = [];
let acceptTransfers = false;

const MEDIA = { mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } };

/**
 * Makes `current` the call this page reports on. Its events count only while it is the current
 * one: after a transfer (REFER followed, or an INVITE with Replaces taken), the call it replaced
 * ends without changing what the page reports.
 */
function follow(current: RTCSession): void {
  session = current;
  callState = 'calling';
  lastEndCause = null;
  heldByOtherSide = false;
  dtmfReceived = '';
  const mine = (): boolean => session === current;
  current.on('confirmed', () => {
    if (mine()) callState = 'confirmed';
  });
  current.on('failed', (e: EndEvent) => {
    if (!mine()) return;
    callState = 'failed';
    lastEndCause = e.cause;
  });
  current.on('ended', (e: EndEvent) => {
    if (!mine()) return;
    callState = 'ended';
    lastEndCause = e.cause;
  });
  current.on('hold', (e) => {
    if (mine() && e.originator === 'remote') heldByOtherSide = true;
  });
  current.on('unhold', (e) => {
    if (mine() && e.originator === 'remote') heldByOtherSide = false;
  });
  current.on('newDTMF', (e: IncomingDTMFEvent | OutgoingDTMFEvent) => {
    if (mine() && e.originator === 'remote') dtmfReceived += e.dtmf.tone;
  });
  current.on('refer', (e) => {
    if (!acceptTransfers) {
      e.reject();
      return;
    }
    transfersFollowed.push(String(e.request.getHeader('Refer-To') ?? ''));
    // JsSIP calls the Refer-To target (with its Replaces, if any) and reports to the transferor by NOTIFY.
    e.accept((next: RTCSession) => follow(next), MEDIA);
  });
  // The transferee of an attended transfer calls in place of the transferor: take the call over.
  current.on('replaces', (e) => e.accept());
}

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
  acceptTransfers = account.acceptTransfers ?? false;
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
    // An INVITE with Replaces (accepted in follow()) takes over the current call.
    const replacing = event.request.hasHeader('Replaces');
    if (!account.autoAnswer || (session && !session.isEnded() && !replacing)) {
      incoming.terminate({ status_code: 486 });
      return;
    }
    follow(incoming);
    incoming.answer(MEDIA);
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
  return new Promise((resolve) => {
    const current = agent.call(target, {
      ...MEDIA,
      extraHeaders: options.extraHeaders ?? [],
      eventHandlers: {
        confirmed: () => resolve({ state: 'confirmed' }),
        failed: (event) => resolve({ state: 'failed', status: statusOf(event.message), cause: event.cause }),
      },
    });
    follow(current);
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
  heldByOtherSide: () => heldByOtherSide,
  dtmfReceived: () => dtmfReceived,
  transfersFollowed: () => [...transfersFollowed],
};
window.sipCaller = api;
document.body.dataset['ready'] = 'true';
