/**
 * A shape's geometry stored as one `box` (lib/board/stored-box.ts), through a real server: an
 * outside Yjs client that writes the legacy keys and a Tabula client that writes the box edit one
 * shape and agree, and the server's document stops growing with edits of one shape.
 */
import { describe, expect, it } from 'vitest';
import { addShape, getShapesMap, moveShapes, newShapeId, readShapes, updateShapes } from '../../lib/board/doc';
import { addLegacyShape } from '../../lib/board/test/legacy-shapes';
import { newBoardId } from '../../lib/protocol';
import { useTestServer } from './support/in-process';
import { eventually, syncedPeer, withTimeout } from './support/peer';
import { yjsClient } from './support/yjs-client';

describe('the stored box over a real server', () => {
  const { server, peers, closers } = useTestServer();

  async function board() {
    const boardId = newBoardId();
    const peer = await syncedPeer(server.url, boardId);
    peers.push(peer);
    const outside = yjsClient(server.url, boardId);
    closers.push(outside);
    await withTimeout(outside.synced, 10_000, 'y-websocket client did not sync');
    return { boardId, peer, outside };
  }

  it('a legacy shape from a Yjs client, moved by a Tabula client and again by the Yjs client, converges everywhere without losing a move', async () => {
    const { boardId, peer, outside } = await board();
    const legacy = addLegacyShape(outside.doc, { id: 'legacy', type: 'rectangle', x: 10, y: 20, w: 30, h: 40 });
    await eventually(() => expect(readShapes(peer.doc).shapes).toMatchObject([{ id: 'legacy', x: 10, y: 20, w: 30, h: 40 }]));

    moveShapes(peer.doc, ['legacy'], 5, 5);
    await eventually(() => expect(legacy.get('box')).toEqual([15, 25, 30, 40]));
    expect(legacy.has('x')).toBe(false);
    expect(readShapes(outside.doc).shapes).toMatchObject([{ x: 15, y: 25 }]);

    // The outside client knows only x, y, w, h: its write beside the box is what everyone reads.
    legacy.set('x', 500);
    const room = server.rooms.peek(boardId)!;
    await eventually(() => {
      expect(readShapes(peer.doc).shapes).toMatchObject([{ x: 500, y: 25, w: 30, h: 40 }]);
      expect(readShapes(room.doc).shapes).toEqual(readShapes(peer.doc).shapes);
    });
    // The Tabula client's next resize folds it into the box.
    updateShapes(peer.doc, new Map([['legacy', { w: 60 }]]));
    await eventually(() => expect(legacy.get('box')).toEqual([500, 25, 60, 40]));
    expect(readShapes(outside.doc).shapes).toEqual(readShapes(peer.doc).shapes);
    expect(readShapes(room.doc).shapes).toEqual(readShapes(peer.doc).shapes);
  });

  it("edits of one shape leave the server's document a bounded number of structs; in the legacy layout it grows with every edit", async () => {
    const { boardId, peer, outside } = await board();
    const room = server.rooms.peek(boardId)!;
    const boxed = addShape(peer.doc, { id: newShapeId(), type: 'rectangle', x: 0, y: 0, w: 100, h: 100 });
    const legacy = addLegacyShape(outside.doc, { id: 'legacy', type: 'rectangle', x: 0, y: 0, w: 100, h: 100 });
    const edit = (i: number) => {
      updateShapes(peer.doc, new Map([[boxed.id, { x: i, y: -i, w: 100 + (i % 7), h: 100 + (i % 5) }]]));
      outside.doc.transact(() => {
        legacy.set('x', i);
        legacy.set('y', -i);
        legacy.set('w', 100 + (i % 7));
        legacy.set('h', 100 + (i % 5));
      });
    };
    const arrived = async (i: number) =>
      eventually(() => {
        const shapes = readShapes(room.doc).shapes;
        expect(shapes.find((shape) => shape.id === boxed.id)?.x).toBe(i);
        expect(shapes.find((shape) => shape.id === 'legacy')?.x).toBe(i);
      }, 10_000);
    const ownStructs = (client: number) => room.doc.store.clients.get(client)?.length ?? 0;

    for (let i = 1; i <= 10; i++) edit(i);
    await arrived(10);
    const early = { boxed: ownStructs(peer.doc.clientID), legacy: ownStructs(outside.doc.clientID) };
    const EDITS = 300;
    for (let i = 11; i <= EDITS; i++) edit(i);
    await arrived(EDITS);
    expect(ownStructs(peer.doc.clientID)).toBeLessThanOrEqual(early.boxed + 2);
    expect(ownStructs(outside.doc.clientID)).toBeGreaterThan(early.legacy + EDITS);
    expect(getShapesMap(room.doc).size).toBe(2);
  });
});
