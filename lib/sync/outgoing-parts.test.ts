import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShapes, deleteShapes, getShapesMap, LOCAL_ORIGIN, type NewShape, updateShapes } from '../board/doc';
import { readGeometry } from '../board/stored-box';
import { DELETION_PART_CLOCKS, STRUCT_PART_STRUCTS } from '../protocol/limits';
import { step2Parts, transactionParts } from './outgoing-parts';

const shapes = (count: number, from = 0): NewShape[] => Array.from({ length: count }, (_, i) => ({ id: `s${from + i}`, type: 'rectangle', x: i, y: 0, w: 10, h: 10 }));

/** A board of `count` shapes on a client and on a copy of it (the server's). */
function board(count: number) {
  const client = new Y.Doc();
  addShapes(client, shapes(count));
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client));
  return { client, copy };
}

/** `change` on the client, in one transaction: its update and the transaction. */
function capture(client: Y.Doc, change: () => void) {
  let captured: { update: Uint8Array; transaction: Y.Transaction } | null = null;
  const listener = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => (captured = { update, transaction });
  client.on('update', listener);
  change();
  client.off('update', listener);
  return captured!;
}

function transaction(count: number, change: (doc: Y.Doc) => void) {
  const { client, copy } = board(count);
  return { client, copy, ...capture(client, () => client.transact(() => change(client), LOCAL_ORIGIN)) };
}

function deletedClocks(update: Uint8Array): number {
  return [...Y.decodeUpdate(update).ds.clients.values()].flat().reduce((sum, item) => sum + item.len, 0);
}

/** Applies the parts in order, each whole (nothing left waiting for a later one). */
function applyEach(doc: Y.Doc, parts: readonly Uint8Array[]): void {
  for (const part of parts) {
    Y.applyUpdate(doc, part);
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.store.pendingDs).toBeNull();
  }
}

describe('transactionParts', { timeout: 60_000 }, () => {
  it('leaves a small transaction whole', () => {
    const { update, transaction: tr } = transaction(10, (doc) => deleteShapes(doc, ['s1', 's2']));
    expect(transactionParts(update, tr)).toBeNull();
  });

  it('cuts a large deletion into parts of at most DELETION_PART_CLOCKS clocks, latest first, which together delete the same', () => {
    const { client, copy, update, transaction: tr } = transaction(3_000, (doc) => deleteShapes(doc, [...getShapesMap(doc).keys()]));
    const parts = transactionParts(update, tr)!;
    expect(parts.length).toBeGreaterThan(1);
    const ends: number[] = [];
    for (const part of parts) {
      const decoded = Y.decodeUpdate(part);
      expect(decoded.structs).toHaveLength(0);
      expect(deletedClocks(part)).toBeLessThanOrEqual(DELETION_PART_CLOCKS);
      ends.push(Math.max(...[...decoded.ds.clients.values()].flat().map((item) => item.clock + item.len)));
    }
    applyEach(copy, parts);
    expect(ends).toEqual([...ends].sort((a, b) => b - a));
    expect(getShapesMap(copy).size).toBe(0);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(client));
  });

  it('sends the structs of the same transaction first, without its deletions', () => {
    const { client, copy, update, transaction: tr } = transaction(3_000, (doc) => {
      updateShapes(doc, new Map([['s0', { x: 99 }]]));
      deleteShapes(doc, [...getShapesMap(doc).keys()].filter((id) => id !== 's0'));
    });
    const [structs, ...rest] = transactionParts(update, tr)!;
    expect(Y.decodeUpdate(structs!).structs.length).toBeGreaterThan(0);
    // Every deletion, the overwritten box of s0 included, is in the parts that follow.
    expect(deletedClocks(structs!)).toBe(0);
    applyEach(copy, [structs!, ...rest]);
    expect([...getShapesMap(copy).keys()]).toEqual(['s0']);
    expect(readGeometry(getShapesMap(copy).get('s0')!)?.x).toBe(99);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(client));
  });

  it('cuts the undoing of a large deletion, which puts every shape back at once, into parts of its structs, in order', () => {
    const { client, copy } = board(4_000);
    const undo = new Y.UndoManager(getShapesMap(client), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    const deletion = capture(client, () => deleteShapes(client, [...getShapesMap(client).keys()]));
    applyEach(copy, transactionParts(deletion.update, deletion.transaction)!);

    const { update, transaction: tr } = capture(client, () => undo.undo());
    expect(getShapesMap(client).size).toBe(4_000);
    const parts = transactionParts(update, tr)!;
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Y.decodeUpdate(part).structs.length).toBeLessThanOrEqual(STRUCT_PART_STRUCTS);
    applyEach(copy, parts);
    expect(getShapesMap(copy).size).toBe(4_000);
    // (The client keeps what its undo manager may need again: its whole update is not the copy's.)
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(client));
    expect(getShapesMap(copy).toJSON()).toEqual(getShapesMap(client).toJSON());
  });
});

describe('step2Parts', { timeout: 60_000 }, () => {
  /** A client that deleted `deleted` shapes while connected (the server has those deletions), then `offline` more offline. */
  function offline(count: number, deleted: number, offlineDeleted: number) {
    const { client, copy } = board(count);
    const ids = [...getShapesMap(client).keys()];
    for (let i = 0; i < deleted; i += 500) applyEach(copy, [capture(client, () => deleteShapes(client, ids.slice(i, Math.min(deleted, i + 500)))).update]);
    deleteShapes(client, ids.slice(deleted, deleted + offlineDeleted));
    addShapes(client, shapes(10, count)); // and drew a little
    // The exchange on reconnecting: the server's step 2 (its deletion set is the whole board's), then the client's.
    const serverStep2 = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(client));
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(copy));
    return { client, copy, step2, parts: step2Parts(step2, client, () => Y.decodeUpdate(serverStep2).ds) };
  }

  it('leaves a step 2 whole when the deletions the server lacks fit in one part, however many it has', () => {
    expect(offline(3_000, 2_500, 50).parts).toBeNull();
  });

  it('sends the deletions the server lacks after the step 2, in parts, and those alone', () => {
    const { client, copy, parts } = offline(4_000, 1_000, 2_500);
    expect(parts).not.toBeNull();
    const { step2, updates } = parts!;
    expect(deletedClocks(step2)).toBe(0);
    expect(Y.decodeUpdate(step2).structs.length).toBeGreaterThan(0);
    expect(updates.length).toBeGreaterThan(1);
    for (const update of updates) expect(deletedClocks(update)).toBeLessThanOrEqual(DELETION_PART_CLOCKS);
    const lacking = Y.createDeleteSetFromStructStore(client.store);
    const total = [...lacking.clients.values()].flat().reduce((sum, item) => sum + item.len, 0);
    // Not the deletions the server has: far fewer clocks than the client's whole deletion set.
    expect(updates.reduce((sum, update) => sum + deletedClocks(update), 0)).toBeLessThan(total * 0.8);
    applyEach(copy, [step2, ...updates]);
    expect(getShapesMap(copy).size).toBe(4_000 - 1_000 - 2_500 + 10);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(client));
  });
});
