import { Worker } from 'node:worker_threads';
import type { AppError, AppResult } from '../../../../shared/errors';
import { err, ok } from '../../../../shared/result';
import { storeClosed, storeFailed } from '../store-errors';
import type { WorkerInit, WorkerMessage, WorkerRole } from './protocol';
import type { WorkerScript } from './worker-script';

type Method = (...args: never[]) => unknown;

interface Pending {
  readonly resolve: (result: AppResult<unknown>) => void;
}

/**
 * Main's end of one store thread: calls go out as messages with an id, replies settle the
 * matching promise. Nothing here blocks; if the thread dies, every call in flight settles
 * with an error instead of hanging.
 */
export class WorkerClient<Api extends { [K in keyof Api]: Method }> {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #noticeListeners = new Set<(name: string) => void>();
  readonly #file: string;
  #nextId = 1;
  #closed = false;

  private constructor(worker: Worker, file: string) {
    this.#worker = worker;
    this.#file = file;
    worker.on('message', (message: WorkerMessage) => this.#onMessage(message));
    worker.on('error', (cause) => this.#failAll(storeFailed('read', cause, file)));
    worker.on('exit', () => {
      this.#closed = true;
      this.#failAll(storeClosed());
    });
  }

  /** Starts the thread and waits until its database is open (and migrated, for the writer). */
  static start<Api extends { [K in keyof Api]: Method }>(
    script: WorkerScript,
    role: WorkerRole,
    file: string,
  ): Promise<AppResult<{ client: WorkerClient<Api>; recovered: boolean }>> {
    const init: WorkerInit = { role, file, ...(script.entry ? { entry: script.entry } : {}) };
    let worker: Worker;
    try {
      worker = new Worker(script.url, { workerData: init });
    } catch (cause) {
      return Promise.resolve(err(storeFailed('open', cause, file)));
    }
    return new Promise((resolve) => {
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'ready') {
          cleanup();
          // A background chore: the store's threads never keep a CLI run or a test process alive.
          worker.unref();
          resolve(ok({ client: new WorkerClient<Api>(worker, file), recovered: message.recovered }));
        } else if (message.type === 'failed') {
          cleanup();
          void worker.terminate();
          resolve(err(message.error));
        }
      };
      const onError = (cause: unknown): void => {
        cleanup();
        void worker.terminate();
        resolve(err(storeFailed('open', cause, file)));
      };
      const onExit = (): void => {
        cleanup();
        resolve(err(storeFailed('open', undefined, file)));
      };
      const cleanup = (): void => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  call<K extends keyof Api & string>(
    method: K,
    ...args: Parameters<Api[K]>
  ): Promise<AppResult<Awaited<ReturnType<Api[K]>>>> {
    return this.#send(method, args) as Promise<AppResult<Awaited<ReturnType<Api[K]>>>>;
  }

  #send(method: string, args: readonly unknown[]): Promise<AppResult<unknown>> {
    if (this.#closed) return Promise.resolve(err(storeClosed()));
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, { resolve });
      this.#worker.postMessage({ id, method, args });
    });
  }

  /** Messages the thread sends outside replies (e.g. a held transaction is open, for tests). */
  onNotice(listener: (name: string) => void): () => void {
    this.#noticeListeners.add(listener);
    return () => this.#noticeListeners.delete(listener);
  }

  /** Closes the connection cleanly (WAL checkpointed), then the thread. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#send('close', []);
    this.#closed = true;
    await this.#worker.terminate();
  }

  /** Ends the thread at once (a test that must not wait for a held transaction). */
  async terminate(): Promise<void> {
    this.#closed = true;
    await this.#worker.terminate();
  }

  #onMessage(message: WorkerMessage): void {
    if (message.type === 'notice') {
      for (const listener of this.#noticeListeners) listener(message.name);
      return;
    }
    if (message.type !== 'reply') return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    pending.resolve(message.ok ? ok(message.value) : err(message.error));
  }

  #failAll(error: AppError): void {
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.resolve(err(error));
    }
  }

  get file(): string {
    return this.#file;
  }
}
