/** jssip-node-websocket ships no types: JsSIP's Socket interface over the `websocket` package. */
declare module 'jssip-node-websocket' {
  import type { Socket } from 'jssip';

  interface NodeWebSocketOptions {
    readonly origin?: string;
    readonly headers?: Readonly<Record<string, string>>;
    readonly requestOptions?: unknown;
    readonly clientConfig?: unknown;
  }

  const NodeWebSocket: new (url: string, options?: NodeWebSocketOptions) => Socket;
  export default NodeWebSocket;
}
