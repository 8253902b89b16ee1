import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { TestServer } from '../../e2e/support/server';
import { eventually, type Peer, snapshotShapes, syncedPeer } from './support/peer';

const stores: Array<{ name: string; env: Record<string, string> }> = [{ name: 'LevelDB', env: {} }];
if (process.env.DATABASE_URL) stores.push({ name: 'Postgres', env: { DATABASE_URL: process.env.DATABASE_URL } });
else console.warn('restart: DATABASE_URL is not set, so restarts are NOT tested on Postgres in this run');

/** The server as its own process, stopped or killed and started again on the same storage. */
for (const store of stores) {
  describe(`edits survive a restart of the server process (${store.name})`, () => {
    let server: TestServer;
    const peers: Peer[] = [];

    beforeAll(async () => {
      server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0', ...store.env } });
    });
    afterAll(async () => {
      for (const peer of peers) peer.destroy();
      await server?.dispose();
    });

    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      it(`after ${signal} while peers write, every acknowledged edit is there and peers resync`, async () => {
        const boardId = newBoardId();
        const a = await syncedPeer(server.url, boardId);
        const b = await syncedPeer(server.url, boardId);
        peers.push(a, b);
        const acknowledged: string[] = [];
        // A writes steadily, each edit after the last was stored; the server goes down meanwhile.
        // `synced` with nothing pending means every edit so far is acknowledged as stored.
        let writing = true;
        const writer = (async () => {
          for (let i = 0; writing && i < 5_000; i++) {
            const shape = addShape(a.doc, { id: newShapeId(), type: 'rectangle', x: i, y: i, w: 10, h: 10 });
            while (writing && a.provider.synced && a.provider.pendingUpdates > 0) await new Promise((resolve) => setTimeout(resolve, 2));
            if (a.provider.synced && a.provider.pendingUpdates === 0) acknowledged.push(shape.id);
            else await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })();
        await eventually(() => expect(acknowledged.length).toBeGreaterThan(20), 30_000);
        await server.restart(signal);
        writing = false;
        await writer;

        const fresh = await syncedPeer(server.url, boardId);
        peers.push(fresh);
        const stored = new Set(readShapes(fresh.doc).shapes.map((shape) => shape.id));
        for (const id of acknowledged) expect(stored.has(id)).toBe(true);

        // The old peers reconnect on their own, send what the server lacks, and work together.
        await eventually(() => expect(b.provider.synced && a.provider.synced).toBe(true), 15_000);
        addShape(b.doc, { id: newShapeId(), type: 'ellipse', x: 0, y: 0, w: 5, h: 5 });
        await eventually(() => {
          expect(snapshotShapes(fresh)).toEqual(snapshotShapes(a));
          expect(snapshotShapes(b)).toEqual(snapshotShapes(a));
        }, 15_000);
      });
    }
  });
}
