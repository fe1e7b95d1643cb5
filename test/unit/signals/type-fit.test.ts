import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import type { AntBuddyClient, CallRecord } from '../../../src/main/services/api';
import type { HistoryRecord, TokenSource, WebSocketConstructor } from '../../../src/main/services/signals';

// Compile-time checks: the lead can plug the API client and `ws` in without casts.
describe('interfaces fit their real implementations', () => {
  it('ws, the API client token and history records are assignable', () => {
    const ctor: WebSocketConstructor = WebSocket;
    const tokens = (client: AntBuddyClient): TokenSource => ({ getToken: () => client.getAuthToken() });
    const record = (r: CallRecord): HistoryRecord => r;
    expect([typeof ctor, typeof tokens, typeof record]).toEqual(['function', 'function', 'function']);
  });
});
