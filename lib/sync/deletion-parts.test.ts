import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShapes, deleteShapes, getShapesMap, type NewShape, updateShapes } from '../board/doc';
import { readGeometry } from '../board/stored-box';
import { DELETION_PART_CLOCKS } from '../protocol/limits';
import { deletionParts } from './deletion-parts';

const shapes = (count: number): NewShape[] => Array.from({ length: count }, (_, i) => ({ id: `s${i}`, type: 'rectangle', x: i, y: 0, w: 10, h: 10 }));

/** A board of `count` shapes on a client and on a copy of it; `change` runs on the client, in one transaction. */
function transaction(count: number, change: (doc: Y.Doc) => void) {
  const client = new Y.Doc();
  addShapes(client, shapes(count));
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client));
  let captured: { update: Uint8Array; deleteSet: Y.Transaction['deleteSet'] } | null = null;
  client.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => (captured = { update, deleteSet: tr.deleteSet }));
  client.transact(() => change(client));
  return { client, copy, ...captured! };
}

function deletedClocks(update: Uint8Array): number[] {
  return [...Y.decodeUpdate(update).ds.clients.values()].map((items) => items.reduce((sum, item) => sum + item.len, 0));
}

describe('deletionParts', () => {
  it('leaves a small deletion whole', () => {
    const { update, deleteSet } = transaction(10, (doc) => deleteShapes(doc, ['s1', 's2']));
    expect(deletionParts(update, deleteSet)).toBeNull();
  });

  it('cuts a large one into parts of at most DELETION_PART_CLOCKS clocks, latest first, which together delete the same', () => {
    const { client, copy, update, deleteSet } = transaction(3_000, (doc) => deleteShapes(doc, [...getShapesMap(doc).keys()]));
    const parts = deletionParts(update, deleteSet)!;
    expect(parts.length).toBeGreaterThan(1);
    const ends: number[] = [];
    for (const part of parts) {
      const decoded = Y.decodeUpdate(part);
      expect(decoded.structs).toHaveLength(0);
      expect(deletedClocks(part).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(DELETION_PART_CLOCKS);
      ends.push(Math.max(...[...decoded.ds.clients.values()].flat().map((item) => item.clock + item.len)));
      Y.applyUpdate(copy, part);
    }
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
    expect(getShapesMap(copy).size).toBe(0);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(client));
  });

  it('sends the structs of the same transaction first, without its deletions', () => {
    const { client, copy, update, deleteSet } = transaction(3_000, (doc) => {
      updateShapes(doc, new Map([['s0', { x: 99 }]]));
      deleteShapes(doc, [...getShapesMap(doc).keys()].filter((id) => id !== 's0'));
    });
    const [structs, ...rest] = deletionParts(update, deleteSet)!;
    const decoded = Y.decodeUpdate(structs!);
    expect(decoded.structs.length).toBeGreaterThan(0);
    // Every deletion, the overwritten box of s0 included, is in the parts that follow.
    expect(deletedClocks(structs!)).toEqual([]);
    for (const part of [structs!, ...rest]) Y.applyUpdate(copy, part);
    expect([...getShapesMap(copy).keys()]).toEqual(['s0']);
    expect(readGeometry(getShapesMap(copy).get('s0')!)?.x).toBe(99);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(client));
  });
});
