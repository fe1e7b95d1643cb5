import type { AppError, AppResult } from '../../../shared/errors';
import type { Agent, Queue } from '../api/types';
import { createPeriodicRefresh } from '../periodic-refresh';
import type { ScreenPopTimers } from './timers';

/** What the directory needs from the API client. */
export interface DirectorySource {
  getAgents(): Promise<AppResult<Agent[]>>;
  getQueues?(): Promise<AppResult<Queue[]>>;
}

/** A colleague as the screen-pop needs one. */
export interface DirectoryAgent {
  readonly id: string;
  readonly name: string;
  readonly username: string;
  readonly extensions: readonly string[];
}

export interface AgentDirectory {
  /** Colleague behind an extension, user name or SIP user (`agent8001`); no network. */
  findAgent(numberOrUser: string): DirectoryAgent | undefined;
  /** Every colleague of the last successful load, in the API's order; empty before one. No network. */
  list(): readonly DirectoryAgent[];
  /** Queue name for a queue id (or the name itself); undefined when unknown. */
  queueName(idOrName: string): string | undefined;
  readonly loaded: boolean;
  /** Loads now and then every `refreshEveryMs`; idempotent. */
  start(): void;
  refresh(): Promise<void>;
  /** Called after every successful refresh (to re-resolve this agent's identity). */
  onRefresh(listener: () => void): () => void;
  dispose(): void;
}

export interface AgentDirectoryOptions {
  readonly source: DirectorySource;
  readonly timers: ScreenPopTimers;
  /** Default 5 minutes: agents and queues change a few times a day. */
  readonly refreshEveryMs?: number;
  readonly retryAfterMs?: number;
  readonly onError?: (error: AppError) => void;
}

/** SIP user names often embed the extension (`agent8001`, `ext-8001`): try the digits as one. */
const EMBEDDED_EXTENSION = /^[a-z._-]+(\d{2,6})$/i;

function toDirectoryAgent(agent: Agent): DirectoryAgent {
  return { id: agent.anttel.userId, name: agent.name, username: agent.username, extensions: agent.ext };
}

/**
 * The company's agents and queues, cached: names for internal callers and queue names are
 * answered from memory at ring time; the lists are refreshed in the background.
 */
export function createAgentDirectory(options: AgentDirectoryOptions): AgentDirectory {
  const { source, timers } = options;
  const refreshEveryMs = options.refreshEveryMs ?? 5 * 60_000;
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const listeners = new Set<() => void>();
  let byKey = new Map<string, DirectoryAgent>();
  let all: readonly DirectoryAgent[] = [];
  let queues = new Map<string, string>();
  let loaded = false;
  let disposed = false;

  const loop = createPeriodicRefresh({
    clock: timers,
    everyMs: refreshEveryMs,
    retryAfterMs,
    random: Math.random,
    run: async () => {
      const [agents, queueList] = await Promise.all([source.getAgents(), source.getQueues?.()]);
      if (disposed) return false;
      if (!agents.ok) {
        options.onError?.(agents.error);
        return false;
      }
      const next = new Map<string, DirectoryAgent>();
      const list: DirectoryAgent[] = [];
      for (const raw of agents.value) {
        const agent = toDirectoryAgent(raw);
        list.push(agent);
        for (const ext of agent.extensions) next.set(ext.trim().toLowerCase(), agent);
        if (agent.username) next.set(agent.username.toLowerCase(), agent);
      }
      byKey = next;
      all = list;
      if (queueList?.ok) {
        const names = new Map<string, string>();
        for (const queue of queueList.value) {
          if (queue.id) names.set(queue.id, queue.name);
          names.set(queue.name, queue.name);
        }
        queues = names;
      } else if (queueList && !queueList.ok) {
        options.onError?.(queueList.error);
      }
      loaded = true;
      for (const listener of listeners) listener();
      return true;
    },
  });

  return {
    findAgent(numberOrUser) {
      const key =
        numberOrUser
          .trim()
          .toLowerCase()
          .replace(/^(?:sips?:)/, '')
          .split('@')[0] ?? '';
      if (key === '') return undefined;
      const direct = byKey.get(key);
      if (direct) return direct;
      const embedded = EMBEDDED_EXTENSION.exec(key)?.[1];
      return embedded ? byKey.get(embedded) : undefined;
    },
    list() {
      return all;
    },
    queueName(idOrName) {
      return queues.get(idOrName);
    },
    get loaded() {
      return loaded;
    },
    start: loop.start,
    refresh: loop.refresh,
    onRefresh(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      loop.dispose();
      listeners.clear();
    },
  };
}
