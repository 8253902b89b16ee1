import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addShape, addShapes, deleteShapes, getShapesMap, moveShapes, newShapeId, readShapes, topZ, updateShapes } from './doc';

const rect = (x = 0, y = 0) => ({ id: newShapeId(), type: 'rectangle' as const, x, y, w: 10, h: 20 });

describe('board operations', () => {
  it('adds a shape with defaults and reads it back', () => {
    const doc = new Y.Doc();
    const shape = addShape(doc, rect(5, 6));
    expect(readShapes(doc).shapes).toEqual([{ ...shape, rotation: 0, stroke: '#1e1e1e', fill: 'none', strokeWidth: 2, opacity: 1 }]);
  });

  it('refuses an invalid shape and leaves the board unchanged', () => {
    const doc = new Y.Doc();
    expect(() => addShape(doc, { ...rect(), w: -1 })).toThrow();
    expect(getShapesMap(doc).size).toBe(0);
  });

  it('stacks new shapes on top, in z order', () => {
    const doc = new Y.Doc();
    const first = addShape(doc, rect());
    const second = addShape(doc, rect());
    expect(second.z > first.z).toBe(true);
    expect(readShapes(doc).shapes.map((shape) => shape.id)).toEqual([first.id, second.id]);
    expect(topZ(doc) > second.z).toBe(true);
  });

  it('moves, updates and deletes in single transactions', () => {
    const doc = new Y.Doc();
    const a = addShape(doc, rect(0, 0));
    const b = addShape(doc, rect(100, 100));
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    moveShapes(doc, [a.id, b.id, 'missing'], 10, -5);
    updateShapes(doc, new Map([[a.id, { stroke: '#e03131' }]]));
    expect(transactions).toBe(2);
    const byId = new Map(readShapes(doc).shapes.map((shape) => [shape.id, shape]));
    expect(byId.get(a.id)).toMatchObject({ x: 10, y: -5, stroke: '#e03131' });
    expect(byId.get(b.id)).toMatchObject({ x: 110, y: 95 });
    deleteShapes(doc, [a.id]);
    expect(readShapes(doc).shapes.map((shape) => shape.id)).toEqual([b.id]);
  });

  it('skips stored shapes that do not match the schema instead of failing', () => {
    const doc = new Y.Doc();
    const good = addShape(doc, rect());
    const bad = new Y.Map<unknown>();
    getShapesMap(doc).set('broken', bad);
    bad.set('type', 'rectangle');
    bad.set('x', 'left');
    const { shapes, invalid } = readShapes(doc);
    expect(shapes.map((shape) => shape.id)).toEqual([good.id]);
    expect(invalid).toEqual(['broken']);
  });

  it('concurrent edits of different properties of one shape both survive', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const shape = addShape(a, rect());
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    moveShapes(a, [shape.id], 50, 0);
    updateShapes(b, new Map([[shape.id, { fill: '#2f9e44' }]]));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readShapes(a).shapes).toEqual(readShapes(b).shapes);
    expect(readShapes(a).shapes[0]).toMatchObject({ x: 50, fill: '#2f9e44' });
  });
});

describe('adding many shapes', () => {
  it('stacks them in order above the existing ones, in one transaction', () => {
    const doc = new Y.Doc();
    const first = addShape(doc, rect());
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const added = addShapes(doc, [rect(1), rect(2), rect(3)]);
    expect(transactions).toBe(1);
    expect(readShapes(doc).shapes.map((shape) => shape.id)).toEqual([first.id, ...added.map((shape) => shape.id)]);
  });

  it('writes nothing when one of them is invalid', () => {
    const doc = new Y.Doc();
    expect(() => addShapes(doc, [rect(), { ...rect(), h: Number.NaN }])).toThrow();
    expect(getShapesMap(doc).size).toBe(0);
  });
});
