import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { TestServer } from '../../e2e/support/server';
import { eventually, type Peer, snapshotShapes, syncedPeer } from './support/peer';

/** The server as its own process, killed and started again on the same data directory. */
describe('edits survive a restart of the server process', () => {
  let server: TestServer;
  const peers: Peer[] = [];

  beforeAll(async () => {
    server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0' } });
  });
  afterAll(async () => {
    for (const peer of peers) peer.destroy();
    await server?.dispose();
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`after ${signal}, every acknowledged edit is there and peers resync`, async () => {
      const boardId = newBoardId();
      const a = await syncedPeer(server.url, boardId);
      const b = await syncedPeer(server.url, boardId);
      peers.push(a, b);
      for (let i = 0; i < 20; i++) addShape(a.doc, { id: newShapeId(), type: 'rectangle', x: i, y: i, w: 10, h: 10 });
      await eventually(() => expect(a.provider.pendingUpdates).toBe(0));
      const before = snapshotShapes(a);

      await server.restart(signal);

      const fresh = await syncedPeer(server.url, boardId);
      peers.push(fresh);
      expect(snapshotShapes(fresh)).toEqual(before);

      // The old peers reconnect on their own and keep working together.
      await eventually(() => expect(b.provider.synced).toBe(true), 15_000);
      addShape(b.doc, { id: newShapeId(), type: 'ellipse', x: 0, y: 0, w: 5, h: 5 });
      await eventually(() => {
        expect(readShapes(a.doc).shapes).toHaveLength(21);
        expect(snapshotShapes(fresh)).toEqual(snapshotShapes(a));
      }, 15_000);
    });
  }
});
