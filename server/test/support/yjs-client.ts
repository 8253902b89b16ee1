/** y-websocket's own client (ws + y-protocols), as any Yjs application would use it on /yjs. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface YjsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

export function yjsClient(url: string, boardId: string, token?: string): YjsClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/yjs`, boardId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: token ? { token } : {},
    maxBackoffTime: 200,
    // Each client stands for another machine: y-websocket's BroadcastChannel (which Node has)
    // would pass updates between two clients of one process behind the server's back.
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
