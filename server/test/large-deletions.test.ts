/**
 * Deleting a board of 30,000 shapes at once reaches the server and the other people: the board is
 * created by a streamed POST /api/boards, one Socket.IO peer (the project's BoardProvider) deletes
 * every shape in one transaction, which it sends in parts (lib/sync/deletion-parts.ts); the other
 * peer sees them go, and a new server on the same store reads the board back empty.
 */
import { describe, expect, it } from 'vitest';
import { deleteShapes, getShapesMap } from '../../lib/board/doc';
import { generateBoard } from '../../bench/render-board';
import { apiAs, TEST_ADMIN_TOKEN } from './support/access';
import { startTestServer, type TestServer } from './support/in-process';
import { createPeer, eventually, type Peer, withTimeout } from './support/peer';
import { testStores } from './support/stores';
import { tabulaFileStream } from './support/streamed-file';

const COUNT = 30_000;
/** For a stuck step on a loaded machine, not a measure of speed. */
const STEP_MS = 300_000;
const board = generateBoard(COUNT);
// Reading a board of this size costs MB of a client's byte budget: room for the test.
const ENV = { HTTP_RATE_BYTES_PER_SECOND: String(1 << 30), HTTP_RATE_BYTE_BURST: String(1 << 30) };

async function syncedPeer(server: TestServer, boardId: string, peers: Peer[]): Promise<Peer> {
  const peer = createPeer(server.url, boardId, { token: TEST_ADMIN_TOKEN });
  peers.push(peer);
  await withTimeout(peer.provider.whenSynced(), STEP_MS, 'a peer did not sync');
  return peer;
}

for (const store of testStores('large deletions')) describe(`deleting ${COUNT} shapes at once (${store.name})`, () => {
  it('reaches the server and the other peer, and a new server reads the board back empty', async () => {
    const peers: Peer[] = [];
    const first = await startTestServer({ ...store.env, ...ENV });
    let second: TestServer | null = null;
    try {
      const created = await apiAs(first.url)('/api/boards', {
        method: 'POST',
        body: tabulaFileStream('Large deletion', board.shapes),
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      expect(created.status).toBe(201);
      const { id: boardId } = (await created.json()) as { id: string };

      const [deleting, watching] = [await syncedPeer(first, boardId, peers), await syncedPeer(first, boardId, peers)];
      expect(getShapesMap(watching.doc).size).toBe(COUNT);
      deleteShapes(deleting.doc, [...getShapesMap(deleting.doc).keys()]);
      expect(getShapesMap(deleting.doc).size).toBe(0);

      await eventually(() => expect(getShapesMap(watching.doc).size).toBe(0), STEP_MS, 100);
      // Every part acknowledged as stored. (A refused part would close the connection, and the
      // step 2 after it, carrying the whole deletion, would be refused in turn: nobody would see it.)
      await eventually(() => expect(deleting.provider.pendingUpdates).toBe(0), STEP_MS, 100);
      for (const peer of peers.splice(0)) peer.destroy();
      await first.close();

      second = await startTestServer({ ...store.env, ...ENV }, first.dataDir);
      const reader = await syncedPeer(second, boardId, peers);
      expect(getShapesMap(reader.doc).size).toBe(0);
    } finally {
      for (const peer of peers) peer.destroy();
      if (second) await second.dispose();
      else await first.dispose();
    }
  }, 4 * STEP_MS);
});
