/** A real client: its own Y.Doc and Awareness, synced through BoardProvider over socket.io-client. */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { readShapes } from '../../../lib/board/doc';
import { BoardProvider } from '../../../lib/sync/board-provider';

export interface Peer {
  doc: Y.Doc;
  awareness: Awareness;
  provider: BoardProvider;
  destroy(): void;
}

/** `token`: the board's access token (none: a bare link, which edits an open board). */
export function createPeer(url: string, boardId: string, options: { connect?: boolean; token?: string } = {}): Peer {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = new BoardProvider({
    url,
    boardId,
    token: options.token,
    doc,
    awareness,
    connect: options.connect,
    socketOptions: { forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 200 },
  });
  return {
    doc,
    awareness,
    provider,
    destroy() {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}

export async function syncedPeer(url: string, boardId: string, token?: string): Promise<Peer> {
  const peer = createPeer(url, boardId, { token });
  await withTimeout(peer.provider.whenSynced(), 10_000, 'peer did not sync');
  return peer;
}

/** Shapes as plain, comparable data. */
export function snapshotShapes(peer: Peer): unknown {
  return readShapes(peer.doc).shapes;
}

/** Polls until `check` passes or the time is up (then throws its last error). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
