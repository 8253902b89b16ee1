/**
 * Caps on what clients can hold of the server, on both transports while an honest person keeps
 * editing: bytes queued for a socket that does not read, connections per address, sockets per
 * board, boards in memory.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { addShape, newShapeId } from '../../lib/board/doc';
import { encodeSyncStep1, newBoardId } from '../../lib/protocol';
import { openFrozenClient } from './support/frozen-client';
import { startTestServer, type TestServer } from './support/in-process';
import { capturedLogger } from './support/captured-log';
import { createPeer, eventually, type Peer, snapshotShapes, syncedPeer, withTimeout } from './support/peer';
import { openRawClient, openSyncedRawClient, type RawClient, refusedWith, TRANSPORTS } from './support/raw-clients';
import { testStores } from './support/stores';

for (const store of testStores('connection caps')) {
  describe(`caps on connections and memory (${store.name})`, () => {
    let server: TestServer;
    let closers: Array<{ destroy(): void }> = [];
    /** Each test has a server of its own, with the caps it tests. */
    const startServer = async (env: Record<string, string>) => {
      server = await startTestServer({ ...store.env, ...env });
    };
    afterEach(async () => {
      for (const closer of closers) closer.destroy();
      closers = [];
      await server.dispose();
    });

    /** The writer adds a shape every few milliseconds until stopped; then the observer has them all. */
    async function whileEditing<T>(writer: Peer, observer: Peer, work: () => Promise<T>): Promise<T> {
      const timer = setInterval(() => addShape(writer.doc, { id: newShapeId(), type: 'ellipse', x: 1, y: 2, w: 3, h: 4 }), 15);
      try {
        return await work();
      } finally {
        clearInterval(timer);
        await eventually(() => {
          expect(writer.provider.pendingUpdates).toBe(0);
          expect(snapshotShapes(observer)).toEqual(snapshotShapes(writer));
        }, 10_000);
      }
    }

    async function honestPair(boardId: string): Promise<[Peer, Peer]> {
      const writer = await syncedPeer(server.url, boardId);
      const observer = await syncedPeer(server.url, boardId);
      closers.push(writer, observer);
      return [writer, observer];
    }

    const leaveAll = async (clients: Array<{ destroy(): void }>, boardId: string, remaining: number) => {
      for (const client of clients) client.destroy();
      await eventually(() => expect(server.rooms.peek(boardId)?.sockets.size ?? 0).toBe(remaining));
    };

    for (const transport of TRANSPORTS) {
      it(`${transport}: a client that stops reading is disconnected, not buffered for`, async () => {
        await startServer({ MAX_QUEUED_BYTES_PER_SOCKET: String(1024 * 1024) });
        const boardId = newBoardId();
        const [writer, observer] = await honestPair(boardId);
        // About 250 KB of board: every answer to an empty step 1 is the whole of it.
        writer.doc.transact(() => {
          for (let i = 0; i < 25; i++) addShape(writer.doc, { id: newShapeId(), type: 'sticky', x: i, y: 0, w: 100, h: 100, text: 'x'.repeat(10_000) });
        });
        await eventually(() => expect(writer.provider.pendingUpdates).toBe(0));
        await whileEditing(writer, observer, async () => {
          const frozen = await openFrozenClient(transport, server.url, boardId);
          closers.push(frozen);
          await eventually(() => expect(server.rooms.peek(boardId)?.sockets.size).toBe(3));
          frozen.freeze();
          // 25 MB asked for, far more than the operating system buffers on loopback.
          for (let i = 0; i < 100; i++) frozen.sendSync(encodeSyncStep1(new Y.Doc()));
          await eventually(() => expect(server.rooms.peek(boardId)?.sockets.size).toBe(2), 20_000);
        });
      });

      it(`${transport}: sockets per board and connections per address are capped, with a reason`, async () => {
        await startServer({ MAX_SOCKETS_PER_BOARD: '3', MAX_CONNECTIONS_PER_ADDRESS: '8' });
        const boardId = newBoardId();
        const [writer, observer] = await honestPair(boardId);
        await whileEditing(writer, observer, async () => {
          const third = await openSyncedRawClient(transport, server.url, boardId);
          closers.push(third);
          const fourth = openRawClient(transport, server.url, boardId);
          closers.push(fourth);
          fourth.sendSync(encodeSyncStep1(new Y.Doc()));
          const refusal = await withTimeout(fourth.closed, 10_000, 'the fourth socket was not refused');
          expect(refusedWith(refusal, 'server-busy'), JSON.stringify(refusal)).toBe(true);
          await leaveAll([third], boardId, 2);

          // Eight connections from this address at most: the two peers and six more.
          const others: RawClient[] = [];
          for (let i = 0; i < 6; i++) others.push(await openSyncedRawClient(transport, server.url, newBoardId()));
          closers.push(...others);
          const ninth = openRawClient(transport, server.url, newBoardId());
          closers.push(ninth);
          const busy = await withTimeout(ninth.closed, 10_000, 'the ninth connection was not refused');
          expect(transport === 'yjs' ? busy.code === 503 : busy.reason.startsWith('server-busy'), JSON.stringify(busy)).toBe(true);
          for (const other of others) other.destroy();
        });
      });
    }

    it("Tabula's client refused at the handshake (connections per address) tries again, and gets in once a place is free", async () => {
      const { log, lines } = capturedLogger('info');
      server = await startTestServer({ ...store.env, MAX_CONNECTIONS_PER_ADDRESS: '1' }, undefined, log);
      const boardId = newBoardId();
      const first = await syncedPeer(server.url, boardId);
      const second = createPeer(server.url, boardId);
      closers.push(first, second);
      await eventually(() => expect(lines.filter((line) => line.msg === 'refused a connection' && line.boardId === boardId).length).toBeGreaterThanOrEqual(2), 15_000);
      expect(second.provider.status).toBe('connecting');
      first.destroy();
      await withTimeout(second.provider.whenSynced(), 15_000, 'the refused client did not get in once a place was free');
    });

    it('boards in memory: the least recently used empty board unloads first; when all are in use, a new one is refused', async () => {
      await startServer({ MAX_BOARDS_IN_MEMORY: '3', ROOM_IDLE_UNLOAD_MS: '600000' });
      const boardId = newBoardId();
      const [writer, observer] = await honestPair(boardId);
      await whileEditing(writer, observer, async () => {
        await eventually(() => expect(server.rooms.size).toBe(1));
        const idleBoard = newBoardId();
        const visitor = await openSyncedRawClient('yjs', server.url, idleBoard);
        await leaveAll([visitor], idleBoard, 0);
        const second = await openSyncedRawClient('socket.io', server.url, newBoardId());
        closers.push(second);
        // At the cap of 3 with one board nobody is on: it makes room for the next.
        const third = await openSyncedRawClient('yjs', server.url, newBoardId());
        closers.push(third);
        expect(server.rooms.peek(idleBoard)).toBeUndefined();
        for (const transport of TRANSPORTS) {
          const refused = openRawClient(transport, server.url, newBoardId());
          closers.push(refused);
          refused.sendSync(encodeSyncStep1(new Y.Doc()));
          const refusal = await withTimeout(refused.closed, 10_000, `the ${transport} client was not refused`);
          expect(refusedWith(refusal, 'server-busy'), JSON.stringify(refusal)).toBe(true);
        }
        second.destroy();
        third.destroy();
      });
    });
  });
}
