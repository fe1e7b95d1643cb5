import type { CrmLink, ScreenPop, ScreenPopNumber, ScreenPopState } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/domain';
import { appError, type AppError, type AppResult } from '../../../shared/errors';
import { normalizeVietnamPhone } from '../../../shared/phone';
import { err, ok } from '../../../shared/result';
import type { CrmOpenOn } from '../../../shared/settings';
import { meaningfulName } from '../history/caller-name';
import type { RecentCallsFound, RecentCallsQuery } from '../history-store';
import type { AgentDirectory } from './agent-directory';
import { isAgentParty, resolveAgentIdentity, type ScreenPopAgent } from './agent-identity';
import { buildCrmUrl } from './crm-url';
import { SignalNames } from './signal-names';
import { systemTimers, type ScreenPopTimers } from './timers';

/** The settings the screen-pop reads, at the moment it needs them (so saved changes apply at once). */
export interface ScreenPopSettings {
  readonly sipUser: string;
  readonly crmUrlTemplate: string;
  readonly crmOpenOn: CrmOpenOn;
}

/** Earlier calls with a caller or a colleague, from the stored history (HistoryService.recentCalls). */
export type RecentCallsLookup = (query: RecentCallsQuery) => Promise<AppResult<RecentCallsFound>>;

/** Opens a web page in the user's browser (Electron: shell.openExternal behind an http/https check). */
export type OpenExternal = (url: string) => Promise<AppResult<void>>;

export interface ScreenPopDeps {
  readonly settings: () => ScreenPopSettings;
  readonly directory: Pick<AgentDirectory, 'findAgent' | 'queueName'>;
  /**
   * Earlier calls with the caller (or the colleague calling), from the local store, never the
   * network. Absent: pops list none. A pop never waits for them: it shows at once marked
   * `recentCallsPending`, and again with them when they are in.
   */
  readonly recentCalls?: RecentCallsLookup;
  /** A lookup not answered by then is given up: the pop stops saying it looks (a late answer still fills in). Default 2 s. */
  readonly lookupGiveUpMs?: number;
  /** Absent in hosts that cannot open a browser (the web host): links are then returned, not opened. */
  readonly openExternal?: OpenExternal;
  /**
   * Whether a ringing or answered event is for this agent's phone. Default: the event's callee
   * (on `answered`, the agent who took the call) is this agent's SIP user, user name or
   * extension (see isAgentParty).
   */
  readonly isForAgent?: (event: CallEvent, agent: ScreenPopAgent) => boolean;
  readonly timers?: ScreenPopTimers;
  /** Earlier calls shown per pop. Default 5. */
  readonly recentCallsShown?: number;
  /** How long an answered-elsewhere or ended pop stays visible with its final state. Default 1500 ms. */
  readonly lingerMs?: number;
  /** Safety net for lost `ended` events: a pop ringing this long disappears. Default 3 minutes. */
  readonly staleRingingMs?: number;
  /** Same, for an answered call. Default 4 hours. */
  readonly staleAnsweredMs?: number;
  readonly onError?: (error: AppError) => void;
}

export interface ScreenPopService {
  handleCallEvent(event: CallEvent): void;
  /**
   * A leg towards this agent's phone was created (see agent-leg-tap): the call named by one of
   * these ids rings here, even when its `ringing` event was addressed to a DID or a queue.
   */
  handleAgentLegRinging(legIds: readonly string[]): void;
  /**
   * One of this agent's legs answered, or the caller's leg was bridged to it (see agent-leg-tap):
   * the call named by one of these ids is answered here, whoever its `answered` event names.
   */
  handleAgentLegAnswered(legIds: readonly string[]): void;
  /** This agent as the settings and the agents list describe it; undefined without a SIP user. */
  agent(): ScreenPopAgent | undefined;
  /** Active pops, newest first. */
  list(): readonly ScreenPop[];
  /** Called with the whole list after every change. */
  onChange(listener: (pops: readonly ScreenPop[]) => void): () => void;
  /** Hides a pop for good (a later event of the same call does not bring it back). */
  dismiss(callId: string): readonly ScreenPop[];
  /** Builds the CRM link for a pop and opens it when the host can. */
  openInCrm(callId: string): Promise<AppResult<CrmLink>>;
  dispose(): void;
}

interface Tracked {
  pop: ScreenPop;
  crmOpened: boolean;
  timer: unknown;
}

/** Dismissed call ids remembered, so late events cannot resurrect a pop; bounded. */
const MAX_REMEMBERED = 500;
/** Ringing calls not (yet) known to ring here, and agent-leg ids not (yet) matched to a call. */
const MAX_PENDING = 200;

/** Insertion-ordered map that forgets its oldest entries beyond `max`. */
function boundedSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

function toNumber(raw: string): ScreenPopNumber {
  const phone = normalizeVietnamPhone(raw);
  return { raw, display: phone.national, isExtension: phone.isExtension, ...(phone.e164 ? { e164: phone.e164 } : {}) };
}

function validIso(at: string, fallbackMs: number): string {
  const ms = Date.parse(at);
  return new Date(Number.isFinite(ms) ? ms : fallbackMs).toISOString();
}

function notFound(callId: string): AppError {
  // The call id is a platform id, not a secret: naming it helps support.
  return appError(
    'invalid_input',
    `No incoming call ${callId} is shown.`,
    `Không có cuộc gọi đến ${callId} đang hiển thị.`,
    { field: 'callId' },
  );
}

/**
 * Decides which calls pop and keeps the list of pops. The ring path is memory only (the agents
 * directory, names seen in signals): a pop is published in the same turn as its event. Its
 * earlier calls follow from the local store (one indexed lookup on a thread of its own), never
 * from the network.
 */
export function createScreenPopService(deps: ScreenPopDeps): ScreenPopService {
  const timers = deps.timers ?? systemTimers;
  const recentShown = deps.recentCallsShown ?? 5;
  const lingerMs = deps.lingerMs ?? 1_500;
  const staleRingingMs = deps.staleRingingMs ?? 3 * 60_000;
  const staleAnsweredMs = deps.staleAnsweredMs ?? 4 * 3_600_000;
  const lookupGiveUpMs = deps.lookupGiveUpMs ?? 2_000;
  const signalNames = new SignalNames();
  const isForAgent = deps.isForAgent ?? ((event: CallEvent, agent: ScreenPopAgent) => isAgentParty(event.to, agent));
  const tracked = new Map<string, Tracked>();
  const dismissed = new Set<string>();
  /** Inbound/internal calls ringing somewhere, not yet known to ring here (addressed to a DID or queue). */
  const candidates = new Map<string, CallEvent>();
  /** Leg ids known to ring this agent, waiting for their call's `ringing` event. */
  const agentLegs = new Map<string, true>();
  /** Ids of calls one of this agent's legs answered, for their `answered` event to find. */
  const answeredLegs = new Map<string, true>();
  const listeners = new Set<(pops: readonly ScreenPop[]) => void>();
  let snapshot: readonly ScreenPop[] = [];

  const publish = (): void => {
    snapshot = [...tracked.values()].map((t) => t.pop).sort((a, b) => b.ringingSince.localeCompare(a.ringingSince));
    for (const listener of listeners) listener(snapshot);
  };

  const remember = (callId: string): void => {
    dismissed.add(callId);
    if (dismissed.size > MAX_REMEMBERED) {
      const oldest = dismissed.values().next().value;
      if (oldest !== undefined) dismissed.delete(oldest);
    }
  };

  const currentAgent = (): ScreenPopAgent | undefined => resolveAgentIdentity(deps.settings().sipUser, deps.directory);

  const remove = (callId: string): boolean => {
    const entry = tracked.get(callId);
    if (!entry) return false;
    if (entry.timer !== undefined) timers.clearTimeout(entry.timer);
    tracked.delete(callId);
    return true;
  };

  const expireIn = (entry: Tracked, ms: number): void => {
    if (entry.timer !== undefined) timers.clearTimeout(entry.timer);
    const callId = entry.pop.callId;
    entry.timer = timers.setTimeout(() => {
      if (tracked.get(callId) === entry && remove(callId)) publish();
    }, ms);
  };

  const crmLink = (pop: Pick<ScreenPop, 'callId' | 'caller' | 'did' | 'queue'>): AppResult<string> => {
    const settings = deps.settings();
    const caller = normalizeVietnamPhone(pop.caller.raw);
    return buildCrmUrl(settings.crmUrlTemplate, {
      number: pop.caller.raw.trim(),
      number_e164: caller.e164 ?? '',
      number_local: caller.local,
      callId: pop.callId,
      did: pop.did ? normalizeVietnamPhone(pop.did.raw).local : '',
      queue: pop.queue ?? '',
      agent: settings.sipUser,
    });
  };

  const openAutomatically = (entry: Tracked, moment: CrmOpenOn): void => {
    const settings = deps.settings();
    if (entry.crmOpened || settings.crmOpenOn !== moment || !deps.openExternal || !entry.pop.crmUrl) return;
    entry.crmOpened = true;
    // The injected opener is the shell's http/https-only openExternalSafely.
    const opening = deps.openExternal(entry.pop.crmUrl); // eng-disable OPEN_EXTERNAL_JS_CHECK
    void opening.then((opened) => {
      if (!opened.ok) deps.onError?.(opened.error);
    });
  };

  const buildPop = (event: CallEvent): { pop: ScreenPop; lookup: RecentCallsQuery } => {
    const nowMs = timers.now();
    const caller = toNumber(event.from.number);
    const colleague = deps.directory.findAgent(event.from.number);
    const signalName = meaningfulName(event.from.name, event.from.number);
    if (signalName) signalNames.note(event.from.number, signalName, Date.parse(event.at) || nowMs);
    const earlierName = colleague || signalName ? undefined : signalNames.nameFor(event.from.number);
    const named = colleague
      ? { name: colleague.name, nameSource: 'agent' as const }
      : signalName
        ? { name: signalName, nameSource: 'signal' as const }
        : earlierName
          ? { name: earlierName, nameSource: 'history' as const }
          : {};
    const queue = event.queue ? (deps.directory.queueName(event.queue) ?? event.queue) : undefined;
    const did = event.did ? toNumber(event.did) : undefined;
    const base = {
      callId: event.callId,
      direction: colleague || event.direction === 'internal' ? ('internal' as const) : ('inbound' as const),
      caller,
      ...named,
      ...(did ? { did } : {}),
      ...(queue ? { queue } : {}),
    };
    const link = deps.settings().crmUrlTemplate.trim() === '' ? undefined : crmLink(base);
    if (link && !link.ok) deps.onError?.(link.error);
    const lookup: RecentCallsQuery = {
      party: colleague
        ? { kind: 'agent', identities: [colleague.username, ...colleague.extensions] }
        : { kind: 'number', number: event.from.number },
      limit: recentShown,
    };
    return {
      pop: {
        ...base,
        state: 'ringing',
        recentCalls: [],
        ...(deps.recentCalls ? { recentCallsPending: true as const } : {}),
        ...(link?.ok ? { crmUrl: link.value } : {}),
        ringingSince: validIso(event.at, nowMs),
      },
      lookup,
    };
  };

  /** Adds what the store knows of the caller to a pop: its earlier calls, and a name when it has none. */
  const withHistory = (pop: ScreenPop, found: RecentCallsFound | undefined): ScreenPop => {
    const { recentCallsPending: _pending, ...rest } = pop;
    if (!found) return rest;
    return {
      ...rest,
      recentCalls: found.calls,
      ...(pop.name === undefined && found.name !== undefined
        ? { name: found.name, nameSource: 'history' as const }
        : {}),
    };
  };

  /** The pop's earlier calls from the store; the pop is already on screen, marked pending. */
  const lookUp = (entry: Tracked, lookup: RecentCallsLookup, query: RecentCallsQuery): void => {
    const callId = entry.pop.callId;
    const update = (found: RecentCallsFound | undefined): void => {
      if (tracked.get(callId) !== entry) return;
      entry.pop = withHistory(entry.pop, found);
      try {
        publish();
      } catch {
        // As in handleCallEvent: a listener's bug must not become an unhandled rejection.
        deps.onError?.(appError('internal', 'Screen-pop failed on a call event', 'Hiển thị cuộc gọi đến gặp lỗi'));
      }
    };
    // A store that never answers (a stuck thread) must not leave the pop saying it looks forever.
    const giveUp = timers.setTimeout(() => {
      if (entry.pop.recentCallsPending) update(undefined);
    }, lookupGiveUpMs);
    void lookup(query)
      .catch(() => undefined)
      .then((found) => {
        timers.clearTimeout(giveUp);
        // Without an answer (no account's store yet, the store closing) the pop lists none.
        update(found?.ok ? found.value : undefined);
      });
  };

  const setState = (entry: Tracked, state: ScreenPopState): void => {
    entry.pop = { ...entry.pop, state };
  };

  const pop = (event: CallEvent): void => {
    candidates.delete(event.callId);
    const built = buildPop(event);
    const entry: Tracked = { pop: built.pop, crmOpened: false, timer: undefined };
    tracked.set(event.callId, entry);
    expireIn(entry, staleRingingMs);
    openAutomatically(entry, 'ring');
    if (deps.recentCalls) lookUp(entry, deps.recentCalls, built.lookup);
  };

  const onRinging = (event: CallEvent): boolean => {
    if (event.direction === 'outbound') return false;
    if (tracked.has(event.callId) || dismissed.has(event.callId)) return false;
    const agent = currentAgent();
    // Without a SIP user the app cannot tell whose phone rings: popping every company call would be noise.
    if (!agent) return false;
    if (isForAgent(event, agent) || agentLegs.has(event.callId)) {
      pop(event);
      return true;
    }
    boundedSet(candidates, event.callId, event, MAX_PENDING);
    return false;
  };

  const answerHere = (entry: Tracked): void => {
    setState(entry, 'answered-here');
    expireIn(entry, staleAnsweredMs);
    openAutomatically(entry, 'answer');
  };

  const onAnswered = (event: CallEvent): boolean => {
    const entry = tracked.get(event.callId);
    if (!entry || entry.pop.state !== 'ringing') return false;
    const agent = currentAgent();
    // The event names the agent on the leg that answered; the leg tap, when wired, knows for sure.
    if (answeredLegs.has(event.callId) || (agent && isForAgent(event, agent))) {
      answerHere(entry);
    } else {
      setState(entry, 'answered-elsewhere');
      expireIn(entry, lingerMs);
    }
    return true;
  };

  const onEnded = (event: CallEvent): boolean => {
    candidates.delete(event.callId);
    answeredLegs.delete(event.callId);
    const entry = tracked.get(event.callId);
    if (!entry || entry.pop.state === 'ended') return false;
    setState(entry, 'ended');
    expireIn(entry, lingerMs);
    return true;
  };

  return {
    handleCallEvent(event) {
      let changed = false;
      try {
        if (event.type === 'ringing') changed = onRinging(event);
        else if (event.type === 'answered') changed = onAnswered(event);
        else if (event.type === 'ended') changed = onEnded(event);
      } catch {
        // A bug here must not break the signals service that feeds us; report without details.
        deps.onError?.(appError('internal', 'Screen-pop failed on a call event', 'Hiển thị cuộc gọi đến gặp lỗi'));
      }
      if (changed) publish();
    },
    handleAgentLegRinging(legIds) {
      let changed = false;
      for (const id of legIds) {
        const waiting = candidates.get(id);
        if (waiting && !tracked.has(waiting.callId) && !dismissed.has(waiting.callId)) {
          pop(waiting);
          changed = true;
        } else if (!tracked.has(id)) {
          boundedSet(agentLegs, id, true, MAX_PENDING);
        }
      }
      if (changed) publish();
    },
    handleAgentLegAnswered(legIds) {
      let changed = false;
      for (const id of legIds) {
        const entry = tracked.get(id);
        // News later than the call's `answered` event: correct a pop that is closing as answered elsewhere.
        if (entry?.pop.state === 'answered-elsewhere') {
          answerHere(entry);
          changed = true;
        } else if (!entry || entry.pop.state === 'ringing') {
          boundedSet(answeredLegs, id, true, MAX_PENDING);
        }
      }
      if (changed) publish();
    },
    agent: currentAgent,
    list: () => snapshot,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dismiss(callId) {
      remember(callId);
      if (remove(callId)) publish();
      return snapshot;
    },
    async openInCrm(callId) {
      const entry = tracked.get(callId);
      if (!entry) return err(notFound(callId));
      const link = crmLink(entry.pop);
      if (!link.ok) return link;
      if (!deps.openExternal) return ok({ url: link.value, opened: false });
      const opened = await deps.openExternal(link.value); // eng-disable OPEN_EXTERNAL_JS_CHECK (http/https-only opener)
      return opened.ok ? ok({ url: link.value, opened: true }) : opened;
    },
    dispose() {
      for (const callId of [...tracked.keys()]) remove(callId);
      candidates.clear();
      agentLegs.clear();
      answeredLegs.clear();
      listeners.clear();
      snapshot = [];
    },
  };
}
