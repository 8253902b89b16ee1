/**
 * A board that stays open is compacted: a real server with a low threshold, a real client editing
 * one note many times while it stays connected; the stored log shrinks to a snapshot and a few
 * updates while the board is open, and a fresh server on the same store reads back exactly the
 * same document. On both stores (Postgres when DATABASE_URL is set).
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShape, getShapesMap } from '../../lib/board/doc';
import { newBoardId } from '../../lib/protocol';
import { TEST_ADMIN_TOKEN } from './support/access';
import { startTestServer, type TestServer } from './support/in-process';
import { eventually, type Peer, snapshotShapes, syncedPeer } from './support/peer';
import { parsePrometheusText, sampleOf } from './support/prometheus-text';
import { testStores } from './support/stores';

const EDITS = 200;
const THRESHOLD = 20;

async function openCompactions(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return sampleOf(parsePrometheusText(text), 'tabula_compactions_total', { when: 'open' });
}

for (const store of testStores('open-board compaction')) {
  describe(`open-board compaction (${store.name})`, () => {
    const servers: TestServer[] = [];
    const peers: Peer[] = [];
    afterEach(async () => {
      for (const peer of peers.splice(0)) peer.destroy();
      for (const server of servers.splice(0)) await server.dispose().catch(() => undefined);
    });

    it('folds the log of a board being edited, and a fresh server reads back the same document', async () => {
      // Never on unload: whatever is compacted here was compacted while the board was open.
      const env = { ...store.env, COMPACT_OPEN_AFTER_UPDATES: String(THRESHOLD), COMPACT_AFTER_UPDATES: '1000000' };
      const first = await startTestServer(env);
      servers.push(first);
      const boardId = newBoardId();
      const peer = await syncedPeer(first.url, boardId, TEST_ADMIN_TOKEN);
      peers.push(peer);
      addShape(peer.doc, { id: 'moved', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
      const shape = getShapesMap(peer.doc).get('moved')!;
      const compactionsBefore = await openCompactions(first);
      for (let i = 1; i <= EDITS; i++) {
        peer.doc.transact(() => {
          shape.set('x', i);
          shape.set('y', -i);
          shape.set('w', 10 + (i % 7));
          shape.set('h', 10 + (i % 5));
        });
        // One stored update per edit, as people's edits arrive: the server batches what arrives in one turn.
        if (i % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // Every edit is stored (the server has the last one), and the board is still open.
      await eventually(async () => {
        const stored = await first.store.load(boardId);
        const doc = new Y.Doc();
        if (stored?.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
        for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
        expect(getShapesMap(doc).get('moved')?.get('x')).toBe(EDITS);
      }, 15_000);
      expect(first.rooms.peek(boardId)?.sockets.size).toBe(1);
      const stored = await eventually(async () => {
        const board = await first.store.load(boardId);
        // Without compaction the log would hold an update per edit or per pair of edits (100 or more).
        expect(board?.updates.length).toBeLessThan(3 * THRESHOLD);
        return board;
      }, 15_000);
      expect(stored?.snapshot).not.toBeNull();
      expect(await openCompactions(first)).toBeGreaterThan(compactionsBefore);

      const expected = snapshotShapes(peer);
      const expectedState = Y.encodeStateVector(peer.doc);
      peer.destroy();
      peers.splice(0);
      await first.close();

      // A fresh server on the same store: the board as the client last saw it.
      const second = await startTestServer(env, first.dataDir);
      servers.splice(0, 1, second);
      const reader = await syncedPeer(second.url, boardId, TEST_ADMIN_TOKEN);
      peers.push(reader);
      expect(snapshotShapes(reader)).toEqual(expected);
      expect(Y.encodeStateVector(reader.doc)).toEqual(expectedState);
    });
  });
}
