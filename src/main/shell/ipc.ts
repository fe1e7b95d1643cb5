import type { IpcMainInvokeEvent } from 'electron';
import {
  events,
  requestNames,
  requests,
  type EventName,
  type EventPayload,
  type RequestHandlers,
} from '../../shared/contract';
import { dispatchRequest } from '../../shared/dispatch';
import { appError, type AppResult } from '../../shared/errors';
import { err } from '../../shared/result';
import { isAppUrl } from './app-url';

/** The part of an IPC event the sender check reads (a fake in tests, the real event in the app). */
export interface SenderInfo {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface TrustedSenders {
  /** True for the webContents of one of the app's own windows. */
  isAppWebContents(contents: unknown): boolean;
  readonly appUrl: string;
}

/**
 * Only the top frame of one of our windows, showing our own page, may call main. Anything
 * else (an iframe, a page that navigated away, a window we did not create) is refused before
 * its payload is even looked at.
 */
export function isTrustedSender(event: SenderInfo, trusted: TrustedSenders): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed
  if (frame.parent !== null) return false;
  if (!trusted.isAppWebContents(event.sender)) return false;
  return isAppUrl(frame.url, trusted.appUrl);
}

export const forbiddenSender = () =>
  appError(
    'forbidden_sender',
    'This request came from a page that may not use the app.',
    'Yêu cầu đến từ một trang không được phép dùng ứng dụng.',
  );

/** Runs one request from IPC: sender check, then validation and the handler (dispatchRequest). */
export function handleIpcRequest(
  handlers: RequestHandlers,
  trusted: TrustedSenders,
  name: (typeof requestNames)[number],
  event: SenderInfo,
  payload: unknown,
): Promise<AppResult<unknown>> {
  if (!isTrustedSender(event, trusted)) return Promise.resolve(err(forbiddenSender()));
  return dispatchRequest(handlers, name, payload);
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Registers one handler per contract request; returns a function that removes them all. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: RequestHandlers,
  trusted: TrustedSenders,
): () => void {
  for (const name of requestNames) {
    const { channel } = requests[name];
    ipcMain.handle(channel, (event, payload) =>
      handleIpcRequest(handlers, trusted, name, toSenderInfo(event), payload),
    );
  }
  return () => {
    for (const name of requestNames) ipcMain.removeHandler(requests[name].channel);
  };
}

function toSenderInfo(event: IpcMainInvokeEvent): SenderInfo {
  // senderFrame is null once the frame has navigated or been destroyed.
  const frame = event.senderFrame;
  return { sender: event.sender, senderFrame: frame ? { url: frame.url, parent: frame.parent } : null };
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

export type Broadcast = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Pushes a contract event to every live app window, on the contract's channel. */
export function createBroadcaster(targets: () => Iterable<EventTarget>): Broadcast {
  return (name, payload) => {
    const { channel } = events[name];
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(channel, payload);
    }
  };
}
