/** y-websocket's own client, as any Yjs application would use it, on a board's /yjs endpoint. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** `token`: sent as y-websocket's `params` send it (`?token=`). */
export function yjsClient(url: string, boardId: string, token?: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/yjs`, boardId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: token ? { token } : {},
  });
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}
