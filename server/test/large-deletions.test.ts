/**
 * Deleting a board of 30,000 shapes at once reaches the server and the other people, and so does
 * undoing it, and deleting them again offline: the board is created by a streamed POST
 * /api/boards; one Socket.IO peer (the project's BoardProvider) deletes every shape in one
 * transaction, which it sends in parts (lib/sync/deletion-parts.ts); the other peer sees them go.
 * One undo puts them all back in one transaction, sent in parts of its structs (struct-parts.ts);
 * the other peer sees them come back. Then the first peer, disconnected, deletes them all again and
 * reconnects: its sync step 2 carries the rest and the deletion follows in parts
 * (outgoing-parts.ts). The other peer sees them go, and a new server on the same store reads the
 * board back empty. No part is refused on the way (a refusal closes the connection).
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deleteShapes, getShapesMap, LOCAL_ORIGIN } from '../../lib/board/doc';
import type { ProtocolError } from '../../lib/protocol';
import { generateBoard } from '../../bench/render-board';
import { apiAs, TEST_ADMIN_TOKEN } from './support/access';
import { startTestServer, type TestServer } from './support/in-process';
import { createPeer, type Peer, withTimeout } from './support/peer';
import { testStores } from './support/stores';
import { tabulaFileStream } from './support/streamed-file';

const COUNT = 30_000;
/** For a stuck step on a loaded machine, not a measure of speed. */
const STEP_MS = 300_000;
const board = generateBoard(COUNT);
// Reading a board of this size costs MB of a client's byte budget: room for the test.
const ENV = { HTTP_RATE_BYTES_PER_SECOND: String(1 << 30), HTTP_RATE_BYTE_BURST: String(1 << 30) };

/**
 * Waits until `done()`, failing at once if the server refused something of the deleting peer's
 * (`refusals`): a refusal closes its connection, and the step 2 after it would carry the whole
 * change, refused in turn or taken whole.
 */
async function until(done: () => boolean, refusals: readonly ProtocolError[], what: string): Promise<void> {
  const deadline = Date.now() + STEP_MS;
  while (!done()) {
    expect(refusals, 'the server refused a part').toEqual([]);
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(refusals, 'the server refused a part').toEqual([]);
}

async function syncedPeer(server: TestServer, boardId: string, peers: Peer[]): Promise<Peer> {
  const peer = createPeer(server.url, boardId, { token: TEST_ADMIN_TOKEN });
  peers.push(peer);
  await withTimeout(peer.provider.whenSynced(), STEP_MS, 'a peer did not sync');
  return peer;
}

for (const store of testStores('large deletions')) describe(`deleting ${COUNT} shapes at once (${store.name})`, () => {
  it('reaches the server and the other peer, and so do its undoing and the same deletion made offline; a new server reads the board back empty', async () => {
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
      const refusals: ProtocolError[] = [];
      deleting.provider.onError((error) => refusals.push(error));
      const undo = new Y.UndoManager(getShapesMap(deleting.doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
      const watched = (count: number) => until(() => getShapesMap(watching.doc).size === count, refusals, `the other peer has ${count} shapes`);
      const stored = () => until(() => deleting.provider.pendingUpdates === 0, refusals, 'every part is acknowledged as stored');
      expect(getShapesMap(watching.doc).size).toBe(COUNT);

      deleteShapes(deleting.doc, [...getShapesMap(deleting.doc).keys()]);
      expect(getShapesMap(deleting.doc).size).toBe(0);
      await watched(0);
      await stored();

      // The client's side of these does not depend on the store: once is enough for the time they take.
      if (store.name === 'LevelDB') {
        undo.undo();
        expect(getShapesMap(deleting.doc).size).toBe(COUNT);
        await watched(COUNT);
        await stored();

        deleting.provider.disconnect();
        deleteShapes(deleting.doc, [...getShapesMap(deleting.doc).keys()]);
        deleting.provider.connect();
        await watched(0);
        await stored();
      }
      undo.destroy();
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
