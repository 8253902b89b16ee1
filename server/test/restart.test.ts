/**
 * Durability, proved by the store alone: writers in processes of their own write steadily; each
 * lists the edits the server acknowledged. Every writer is frozen (SIGSTOP) or gone before the
 * server is stopped, so none can send again what the server lost; after the restart a new reader,
 * alone on the board, must find every acknowledged edit. Killed (SIGKILL) during steady writing,
 * stopped (SIGTERM) likewise, and killed in the middle of a compaction. On both stores.
 *
 * Apart from that, peers connected through a restart reconnect and converge (they resend what
 * the server lacks, which is why they must not be the ones that prove durability).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addShape, newShapeId, readShapes } from '../../lib/board/doc';
import { TABULA_FORMAT, TABULA_FORMAT_VERSION } from '../../lib/board/tabula-json';
import { newBoardId } from '../../lib/protocol';
import { TestServer } from '../../e2e/support/server';
import type { DocStore } from '../store/doc-store';
import { LevelDocStore } from '../store/level-store';
import { PostgresDocStore } from '../store/postgres-store';
import { TEST_ADMIN_TOKEN } from './support/access';
import { eventually, type Peer, snapshotShapes, syncedPeer } from './support/peer';
import { type TestStore, testStores } from './support/stores';
import { collect, freeze, startWriter, type Writer } from './support/writers';

/** The store of a stopped server, opened by the test itself. */
function openStoreOf(server: TestServer, store: TestStore): Promise<DocStore> {
  return store.env.DATABASE_URL ? PostgresDocStore.open(store.env.DATABASE_URL) : LevelDocStore.open(server.dataDir);
}

/** A board of this many rectangles, created whole (stored as one snapshot). */
async function largeBoard(server: TestServer, shapes: number): Promise<string> {
  const file = {
    format: TABULA_FORMAT,
    version: TABULA_FORMAT_VERSION,
    shapes: Array.from({ length: shapes }, (_, i) => ({ id: `big-${i}`, type: 'rectangle', x: i % 200, y: Math.floor(i / 200), w: 5, h: 5, z: `a${i}` })),
  };
  const response = await fetch(`${server.url}/api/boards`, { method: 'POST', body: JSON.stringify(file), headers: { 'content-type': 'application/json' } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

for (const store of testStores('restart')) {
  describe(`acknowledged edits survive the server process, proved by a new reader alone (${store.name})`, () => {
    let server: TestServer | undefined;
    const writers: Writer[] = [];
    const peers: Peer[] = [];
    afterEach(async () => {
      for (const peer of peers.splice(0)) peer.destroy();
      await collect(writers.splice(0));
      await server?.dispose();
      server = undefined;
    });

    /** Two writers on the board, each with 30 edits acknowledged and still writing. */
    async function startWriting(on: TestServer, boardId: string): Promise<void> {
      writers.push(startWriter(on.url, boardId, 'a'), startWriter(on.url, boardId, 'b'));
      await Promise.all(writers.map((writer) => writer.synced));
      await eventually(() => {
        for (const writer of writers) expect(writer.acknowledged.length).toBeGreaterThan(30);
      }, 30_000);
    }

    async function checkAlone(boardId: string, acknowledged: readonly string[]): Promise<void> {
      const reader = await syncedPeer(server!.url, boardId, TEST_ADMIN_TOKEN);
      peers.push(reader);
      const stored = new Set(readShapes(reader.doc).shapes.map((shape) => shape.id));
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing, `${missing.length} of ${acknowledged.length} acknowledged edits lost`).toEqual([]);
    }

    // SIGKILL with the writers frozen mid-stream: whatever the server had received but not yet
    // stored is lost with it, and nobody can send it again. SIGTERM with the writers gone (their
    // sockets closed): a graceful stop must store what it received before it exits.
    for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
      it(`${signal} during steady writing, every writer ${signal === 'SIGKILL' ? 'frozen' : 'gone'} first`, async () => {
        server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0', ...store.env } });
        const boardId = newBoardId();
        await startWriting(server, boardId);
        freeze(writers);
        let acknowledged: string[];
        if (signal === 'SIGKILL') {
          await server.kill();
          acknowledged = await collect(writers.splice(0));
        } else {
          acknowledged = await collect(writers.splice(0));
          await server.stop();
        }
        await server.start();
        await checkAlone(boardId, acknowledged);
      });
    }

    it('SIGTERM with every writer frozen but connected: the rooms are stored, and the server exits within its deadline', async () => {
      server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0', SHUTDOWN_DEADLINE_MS: '5000', ...store.env } });
      const boardId = newBoardId();
      await startWriting(server, boardId);
      freeze(writers);
      // The frozen writers read nothing and answer no close handshake; stop() fails if the server
      // has not exited 20 s after SIGTERM.
      await server.stop();
      const acknowledged = await collect(writers.splice(0));
      await server.start();
      await checkAlone(boardId, acknowledged);
    });

    it('SIGKILL in the middle of a compaction, the writers gone first', async () => {
      // The board is compacted when its last writer leaves; a large one takes a while to fold.
      server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0', COMPACT_AFTER_UPDATES: '20', LOG_LEVEL: 'debug', ...store.env } });
      const boardId = await largeBoard(server, 8_000);
      await startWriting(server, boardId);
      freeze(writers);
      // Killing the writers closes their sockets: the room unloads and compacts the board.
      const acknowledged = await collect(writers.splice(0));
      await eventually(() => expect(server!.output()).toMatch(new RegExp(`"boardId":"${boardId}".*"msg":"compacting a board"`)), 30_000, 1);
      await server.kill();

      // The kill came before the compaction committed: the log is still there, unfolded.
      const stopped = await openStoreOf(server, store);
      try {
        const stored = await stopped.load(boardId);
        expect(stored?.updates.length).toBeGreaterThan(0);
      } finally {
        await stopped.close();
      }
      await server.start();
      await checkAlone(boardId, acknowledged);
      expect(acknowledged.length).toBeGreaterThan(60);
    });

    it('peers connected through a restart reconnect, send what the server lacks, and converge', async () => {
      server = await TestServer.start({ env: { SERVE_UI: 'false', ROOM_IDLE_UNLOAD_MS: '0', ...store.env } });
      const boardId = newBoardId();
      const a = await syncedPeer(server.url, boardId, TEST_ADMIN_TOKEN);
      const b = await syncedPeer(server.url, boardId, TEST_ADMIN_TOKEN);
      peers.push(a, b);
      addShape(a.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 5, h: 5 });
      await eventually(() => expect(readShapes(b.doc).shapes).toHaveLength(1));
      await server.kill();
      // Drawn while the server is away: only the peer has it.
      addShape(a.doc, { id: newShapeId(), type: 'ellipse', x: 0, y: 0, w: 5, h: 5 });
      await server.start();
      await eventually(() => expect(a.provider.synced && b.provider.synced).toBe(true), 15_000);
      addShape(b.doc, { id: newShapeId(), type: 'diamond', x: 0, y: 0, w: 5, h: 5 });
      await eventually(() => {
        expect(readShapes(a.doc).shapes).toHaveLength(3);
        expect(snapshotShapes(b)).toEqual(snapshotShapes(a));
      }, 15_000);
    });
  });
}
