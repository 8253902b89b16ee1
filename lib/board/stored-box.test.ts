import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, getShapesMap, LOCAL_ORIGIN, moveShapes, readShapes, updateShapes } from './doc';
import { readGeometry } from './stored-box';
import { addLegacyShape } from './test/legacy-shapes';

const keysOf = (map: Y.Map<unknown>) => [...map.keys()].sort();

function structCount(doc: Y.Doc): number {
  let count = 0;
  doc.store.clients.forEach((structs) => (count += structs.length));
  return count;
}

describe('the stored box', () => {
  it('is the only geometry a new shape stores', () => {
    const doc = new Y.Doc();
    const shape = addShape(doc, { id: 'n', type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
    const map = getShapesMap(doc).get('n')!;
    expect(map.get('box')).toEqual([1, 2, 3, 4]);
    expect(keysOf(map)).not.toContain('x');
    expect(readShapes(doc).shapes[0]).toEqual(shape);
  });

  it('replaces the legacy keys on the first change of a legacy shape, in one transaction, the other coordinates kept', () => {
    const doc = new Y.Doc();
    const map = addLegacyShape(doc, { id: 'old', type: 'ellipse', x: 10, y: 20, w: 30, h: 40, stroke: '#e03131' });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    updateShapes(doc, new Map([['old', { w: 35 }]]));
    expect(transactions).toBe(1);
    expect(map.get('box')).toEqual([10, 20, 35, 40]);
    for (const key of ['x', 'y', 'w', 'h']) expect(map.has(key)).toBe(false);
    expect(readShapes(doc).shapes[0]).toMatchObject({ x: 10, y: 20, w: 35, h: 40, stroke: '#e03131' });
  });

  it('writes nothing when the geometry stays as it is (a legacy shape stays legacy)', () => {
    const doc = new Y.Doc();
    addLegacyShape(doc, { id: 'old', type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
    addShape(doc, { id: 'new', type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    updateShapes(doc, new Map([['old', { x: 1, h: 4 }], ['new', { y: 2 }]]));
    moveShapes(doc, ['old', 'new'], 0, 0);
    expect(updates).toEqual([]);
  });

  it('folds a legacy key an outside client wrote beside the box into it', () => {
    const doc = new Y.Doc();
    const map = getShapesMap(doc);
    addShape(doc, { id: 's', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
    map.get('s')!.set('x', 100);
    expect(readShapes(doc).shapes[0]).toMatchObject({ x: 100, y: 0 });
    moveShapes(doc, ['s'], 5, 5);
    expect(map.get('s')!.get('box')).toEqual([105, 5, 10, 10]);
    expect(map.get('s')!.has('x')).toBe(false);
  });

  it('moves a legacy shape, and undo brings its legacy keys back', () => {
    const doc = new Y.Doc();
    const map = addLegacyShape(doc, { id: 'old', type: 'rectangle', x: 1, y: 2, w: 3, h: 4 });
    const undo = new Y.UndoManager(getShapesMap(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) });
    moveShapes(doc, ['old'], 10, 10);
    expect(readGeometry(map)).toEqual({ x: 11, y: 12, w: 3, h: 4 });
    undo.undo();
    expect(map.has('box')).toBe(false);
    expect(readGeometry(map)).toEqual({ x: 1, y: 2, w: 3, h: 4 });
    undo.redo();
    expect(readGeometry(map)).toEqual({ x: 11, y: 12, w: 3, h: 4 });
  });

  it("keeps an outside client's concurrent legacy write: both peers converge on it, per coordinate", () => {
    const tabula = new Y.Doc();
    const outside = new Y.Doc();
    addLegacyShape(outside, { id: 's', type: 'rectangle', x: 0, y: 0, w: 10, h: 10 });
    Y.applyUpdate(tabula, Y.encodeStateAsUpdate(outside));
    // At the same time: Tabula resizes (migrating the shape), the outside client moves it along x.
    updateShapes(tabula, new Map([['s', { w: 50, h: 60 }]]));
    getShapesMap(outside).get('s')!.set('x', 70);
    Y.applyUpdate(tabula, Y.encodeStateAsUpdate(outside));
    Y.applyUpdate(outside, Y.encodeStateAsUpdate(tabula));
    expect(readShapes(tabula).shapes).toEqual(readShapes(outside).shapes);
    expect(readShapes(tabula).shapes[0]).toMatchObject({ x: 70, y: 0, w: 50, h: 60 });
  });

  it('leaves a bounded number of structs however often one shape is moved and resized', () => {
    const doc = new Y.Doc();
    addShape(doc, { id: 's', type: 'sticky', x: 0, y: 0, w: 100, h: 100, text: 'hi' });
    const after = (edits: number) => {
      for (let i = 1; i <= edits; i++) updateShapes(doc, new Map([['s', { x: i, y: -i, w: 100 + (i % 7), h: 100 + (i % 5) }]]));
      return structCount(doc);
    };
    const early = after(10);
    expect(after(2_000)).toBeLessThanOrEqual(early + 2);
  });
});
