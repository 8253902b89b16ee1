import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addShapes, deleteShapes, getShapesMap, updateShapes } from '../board/doc';
import { ShapeIndex } from './shape-index';

function board(count: number) {
  const doc = new Y.Doc();
  addShapes(doc, Array.from({ length: count }, (_, i) => ({ id: `s${i}`, type: 'rectangle' as const, x: i * 100, y: 0, w: 50, h: 50, strokeWidth: 0 })));
  return doc;
}

const ids = (index: ShapeIndex) => index.shapes.map((shape) => shape.id);

describe('ShapeIndex', () => {
  it('finds the shapes in a box, in paint order', () => {
    const index = new ShapeIndex(board(10));
    expect(index.search({ x: 120, y: 0, w: 200, h: 10 }).map((shape) => shape.id)).toEqual(['s1', 's2', 's3']);
    expect(index.contentBounds()).toEqual({ x: 0, y: 0, w: 950, h: 50 });
  });

  it("finds a short arrow where its label reaches past it", () => {
    const doc = new Y.Doc();
    addShapes(doc, [{ id: 'a', type: 'arrow', x: 0, y: 0, w: 20, h: 0, points: [0, 0, 20, 0], text: 'a label much wider than the arrow' }]);
    const index = new ShapeIndex(doc);
    expect(index.search({ x: 150, y: -5, w: 10, h: 10 }).map((shape) => shape.id)).toEqual(['a']);
    updateShapes(doc, new Map([['a', { text: 'ok' }]]));
    expect(index.search({ x: 150, y: -5, w: 10, h: 10 })).toEqual([]);
  });

  it('follows moves, deletions and reorders', () => {
    const doc = board(5);
    const index = new ShapeIndex(doc);
    updateShapes(doc, new Map([['s0', { x: 1000 }]]));
    expect(index.search({ x: 990, y: 0, w: 10, h: 10 }).map((shape) => shape.id)).toEqual(['s0']);
    expect(index.search({ x: 0, y: 0, w: 10, h: 10 })).toEqual([]);
    updateShapes(doc, new Map([['s4', { z: ' ' }]]));
    expect(ids(index)).toEqual(['s4', 's0', 's1', 's2', 's3']);
    expect(index.rankOf('s0')).toBe(1);
    deleteShapes(doc, ['s1']);
    expect(ids(index)).toEqual(['s4', 's0', 's2', 's3']);
    expect(index.rankOf('s3')).toBe(3);
  });

  it('keeps the same object for an unchanged shape', () => {
    const doc = board(3);
    const index = new ShapeIndex(doc);
    const before = index.get('s2');
    updateShapes(doc, new Map([['s0', { x: 5 }]]));
    expect(index.get('s2')).toBe(before);
  });

  it('keeps order right through many added shapes at once', () => {
    const doc = board(3);
    const index = new ShapeIndex(doc);
    addShapes(doc, Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, type: 'ellipse' as const, x: 0, y: 0, w: 1, h: 1 })));
    expect(ids(index).slice(0, 4)).toEqual(['s0', 's1', 's2', 'n0']);
    expect(index.size).toBe(103);
    getShapesMap(doc).get('n0')!.set('w', -1);
    expect(index.has('n0')).toBe(false);
  });
});
