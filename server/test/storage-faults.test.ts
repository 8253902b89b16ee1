/**
 * Faults lose nothing and show nothing unstored: a store whose appends fail on demand (the real
 * store the server opens, wrapped), and DELETE of a board with clients on both transports.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addShape, getShapesMap, newShapeId, readShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import type { DocStore } from '../store/doc-store';
import { startTestServer, type TestServer } from './support/in-process';
import { eventually, type Peer, snapshotShapes, syncedPeer, withTimeout } from './support/peer';
import { openRawClient, openSyncedRawClient, type RawClient, refusedWith, TRANSPORTS } from './support/raw-clients';
import { testStores } from './support/stores';
import { TEST_ADMIN_TOKEN } from './support/access';

/** The store as the server opened it, with appends that fail while `failing` is set. */
function failingAppends(control: { failing: boolean }) {
  return (store: DocStore): DocStore =>
    new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'append' && control.failing) return () => Promise.reject(new Error('disk full (test)'));
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

async function storedShapeIds(server: TestServer, boardId: string): Promise<string[]> {
  const board = await server.store.load(boardId);
  const doc = new Y.Doc();
  if (board?.snapshot) Y.applyUpdateV2(doc, board.snapshot);
  for (const update of board?.updates ?? []) Y.applyUpdate(doc, update);
  return [...getShapesMap(doc).keys()].sort();
}

for (const store of testStores('storage faults')) {
  describe(`a failed append (${store.name})`, () => {
    const control = { failing: false };
    let server: TestServer;
    const closers: Array<{ destroy(): void }> = [];
    beforeAll(async () => {
      server = await startTestServer(store.env, undefined, undefined, { wrapStore: failingAppends(control) });
    });
    afterAll(async () => {
      for (const closer of closers) closer.destroy();
      await server.dispose();
    });

    it('acknowledges nothing, shows the edit to nobody, closes the board, and the edit lands after reconnecting', async () => {
      const boardId = newBoardId();
      const writer = await syncedPeer(server.url, boardId);
      const observer = await syncedPeer(server.url, boardId);
      const yjsClient = await openSyncedRawClient('yjs', server.url, boardId);
      closers.push(writer, observer, yjsClient);
      const first = addShape(writer.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 }).id;
      await eventually(() => expect(readShapes(observer.doc).shapes.map((shape) => shape.id)).toEqual([first]));
      const roomBefore = server.rooms.peek(boardId);

      control.failing = true;
      const lost = addShape(writer.doc, { id: newShapeId(), type: 'ellipse', x: 5, y: 5, w: 10, h: 10 }).id;
      // Every socket of the board is told and closed, the /yjs one included; the room is gone.
      const refusal = await withTimeout(yjsClient.closed, 10_000, 'the /yjs client was not closed');
      expect(refusedWith(refusal, 'storage-failed'), JSON.stringify(refusal)).toBe(true);
      await eventually(() => expect(server.rooms.peek(boardId)).not.toBe(roomBefore));
      expect(readShapes(observer.doc).shapes.map((shape) => shape.id)).toEqual([first]);
      expect(await storedShapeIds(server, boardId)).toEqual([first]);

      // Storage is back: the writer reconnects by itself, the board is loaded again from storage,
      // and the edit lands, for everyone.
      control.failing = false;
      await eventually(() => expect(writer.provider.pendingUpdates).toBe(0), 15_000);
      await eventually(() => expect(snapshotShapes(observer)).toEqual(snapshotShapes(writer)), 15_000);
      expect(readShapes(observer.doc).shapes.map((shape) => shape.id).sort()).toEqual([first, lost].sort());
      expect(await storedShapeIds(server, boardId)).toEqual([first, lost].sort());
    });
  });

  describe(`DELETE of a board (${store.name})`, () => {
    let server: TestServer;
    const closers: Array<{ destroy(): void }> = [];
    beforeAll(async () => {
      server = await startTestServer(store.env);
    });
    afterAll(async () => {
      for (const closer of closers) closer.destroy();
      await server.dispose();
    });

    it('closes the clients of both transports at once, and a later join is refused as deleted', async () => {
      const boardId = newBoardId();
      const writer: Peer = await syncedPeer(server.url, boardId);
      closers.push(writer);
      addShape(writer.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
      await eventually(() => expect(writer.provider.pendingUpdates).toBe(0));
      const clients: RawClient[] = [];
      for (const transport of TRANSPORTS) clients.push(await openSyncedRawClient(transport, server.url, boardId));
      closers.push(...clients);

      const response = await fetch(`${server.url}/api/boards/${boardId}`, { method: 'DELETE', headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
      expect(response.status).toBe(204);
      for (const client of clients) {
        const refusal = await withTimeout(client.closed, 10_000, `the ${client.transport} client was not closed`);
        expect(refusedWith(refusal, 'board-deleted'), `${client.transport}: ${JSON.stringify(refusal)}`).toBe(true);
      }
      expect(await server.store.isDeleted(boardId)).toBe(true);

      for (const transport of TRANSPORTS) {
        const late = openRawClient(transport, server.url, boardId);
        closers.push(late);
        late.sendSync(new Uint8Array([0, 1, 0]));
        const refusal = await withTimeout(late.closed, 10_000, `the late ${transport} client was not refused`);
        expect(refusedWith(refusal, 'board-deleted'), `${transport}: ${JSON.stringify(refusal)}`).toBe(true);
      }
    });
  });
}
