import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShapes, deleteShapes, getShapesMap, LOCAL_ORIGIN, moveShapes, readShapes, updateShapes } from '../board/doc';
import { MAX_UPDATE_BYTES } from '../protocol/limits';
import { applyRestorePlan, planRestore, restoreShapes, splitRestorePlan, storedShapes } from './restore';

function board() {
  const doc = new Y.Doc();
  addShapes(doc, [
    { id: 'keep', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 },
    { id: 'moved', type: 'ellipse', x: 0, y: 0, w: 10, h: 10 },
    { id: 'deleted', type: 'pen', x: 0, y: 0, w: 5, h: 5, points: [0, 0, 0.5, 5, 5, 0.5] },
  ]);
  return doc;
}

describe('restoring a version', () => {
  it('plans only what differs', () => {
    const doc = board();
    const version = readShapes(doc).shapes;
    moveShapes(doc, ['moved'], 5, 7);
    deleteShapes(doc, ['deleted']);
    addShapes(doc, [{ id: 'added', type: 'rectangle', x: 1, y: 1, w: 1, h: 1 }]);
    getShapesMap(doc).get('keep')!.set('createdBy', 'someone');

    const plan = planRestore(storedShapes(doc), version);
    expect(plan.remove).toEqual(['added']);
    expect(plan.add.map((shape) => shape.id)).toEqual(['deleted']);
    expect([...plan.update]).toEqual([
      ['keep', { set: {}, unset: ['createdBy'] }],
      ['moved', { set: { box: [0, 0, 10, 10] }, unset: [] }],
    ]);
  });

  it('compares points by value, not by identity', () => {
    const doc = board();
    const plan = planRestore(storedShapes(doc), readShapes(doc).shapes.map((shape) => structuredClone(shape)));
    expect(plan).toEqual({ remove: [], add: [], update: new Map() });
  });

  it('makes the board equal to the version in one transaction, and one undo takes it back', () => {
    const doc = board();
    const version = readShapes(doc).shapes;
    moveShapes(doc, ['moved'], 5, 7);
    updateShapes(doc, new Map([['keep', { fill: '#ffc9c9' }]]));
    deleteShapes(doc, ['deleted']);
    addShapes(doc, [{ id: 'added', type: 'rectangle', x: 1, y: 1, w: 1, h: 1 }]);
    const edited = readShapes(doc).shapes;

    const undo = new Y.UndoManager(getShapesMap(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 0 });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    restoreShapes(doc, version);
    expect(transactions).toBe(1);
    expect(readShapes(doc).shapes).toEqual(version);

    undo.undo();
    expect(readShapes(doc).shapes).toEqual(edited);
  });

  it('reaches another peer as one update that converges', () => {
    const a = board();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const version = readShapes(a).shapes;
    deleteShapes(b, ['keep']);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const updates: Uint8Array[] = [];
    a.on('update', (update: Uint8Array) => updates.push(update));
    restoreShapes(a, version);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(b, updates[0]!);
    expect(readShapes(b).shapes).toEqual(version);
  });

  it('replaces an entry that is not a shape map', () => {
    const doc = board();
    const version = readShapes(doc).shapes;
    (getShapesMap(doc) as unknown as Y.Map<unknown>).set('keep', 'garbage');
    restoreShapes(doc, version);
    expect(readShapes(doc).shapes).toEqual(version);
  });

  it('changes nothing when the board already is the version', () => {
    const doc = board();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    restoreShapes(doc, readShapes(doc).shapes);
    expect(transactions).toBe(0);
  });
});

describe('restoring a version of a large board', () => {
  it('goes in parts, each one update within the server limit, and ends where one transaction would', { timeout: 60_000 }, () => {
    const text = 'x'.repeat(9_000);
    const version = new Y.Doc();
    addShapes(
      version,
      Array.from({ length: 800 }, (_, i) => ({ id: `t${i}`, type: 'text' as const, x: i, y: 0, w: 10, h: 10, text, fontSize: 20 })),
    );
    const target = readShapes(version).shapes;
    const board = new Y.Doc();
    addShapes(board, [{ id: 'gone', type: 'rectangle', x: 0, y: 0, w: 1, h: 1 }]);
    const updates: number[] = [];
    board.on('update', (update: Uint8Array) => updates.push(update.byteLength));
    const parts = splitRestorePlan(planRestore(storedShapes(board), target));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) applyRestorePlan(board, part);
    expect(Math.max(...updates)).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
    expect(readShapes(board).shapes).toEqual(target);
  });
});

describe('restoring onto a board with packed points', () => {
  it('compares points as lists: a version of the board as it is changes nothing', () => {
    const doc = new Y.Doc();
    addShapes(doc, [{ id: 'p', type: 'pen', x: 0, y: 0, w: 10, h: 10, points: [0, 0, 0.5, 8, 8, 0.5] }]);
    expect(getShapesMap(doc).get('p')!.get('points')).toBeTypeOf('string');
    expect(planRestore(storedShapes(doc), readShapes(doc).shapes).update.size).toBe(0);
  });
});
