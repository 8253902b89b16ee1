import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { shapeVisualBounds } from './shape-bounds';
import { boxesIntersect } from './box';
import { addShape, getShapesMap, type NewShape, newShapeId, readShapes } from '../board/doc';
import { shapesInBox } from './shapes-in-box';

const VIEW = { x: 0, y: 0, w: 1000, h: 800 };

function board(shapes: NewShape[]): Y.Doc {
  const doc = new Y.Doc();
  for (const shape of shapes) addShape(doc, shape);
  return doc;
}

describe('shapesInBox', () => {
  it('finds exactly the shapes whose paint reaches into the box, in paint order', () => {
    const doc = board([
      { id: 'inside', type: 'rectangle', x: 100, y: 100, w: 50, h: 50, z: 'a2' },
      { id: 'under', type: 'ellipse', x: 120, y: 120, w: 50, h: 50, z: 'a1' },
      { id: 'far', type: 'rectangle', x: 5000, y: 5000, w: 50, h: 50, z: 'a3' },
      // Its box ends 5 units left of the view; its stroke (width 20) reaches 10 past it.
      { id: 'stroke-reaches', type: 'rectangle', x: -105, y: 100, w: 100, h: 50, strokeWidth: 20, z: 'a4' },
      // Its box ends 5 units left of the view and its stroke 1 unit past it: not in view.
      { id: 'stroke-short', type: 'rectangle', x: -105, y: 300, w: 100, h: 50, strokeWidth: 2, z: 'a5' },
      // A long bar left of the view, turned upright about its centre: it crosses into the view.
      { id: 'rotated', type: 'rectangle', x: -1900, y: 380, w: 3000, h: 40, rotation: Math.PI / 2 + 0.3, z: 'a6' },
      // An arrow ending 30 units above the view: its head (at least 10) does not reach; one ending 5 above does.
      { id: 'arrow-short', type: 'arrow', x: 400, y: -200, w: 0, h: 170, points: [0, 0, 0, 170], z: 'a7' },
      { id: 'arrow-head', type: 'arrow', x: 500, y: -200, w: 0, h: 195, points: [0, 0, 0, 195], strokeWidth: 4, z: 'a8' },
    ]);
    const found = shapesInBox(doc, VIEW);
    const expected = readShapes(doc).shapes.filter((shape) => boxesIntersect(shapeVisualBounds(shape), VIEW));
    expect(found.map((shape) => shape.id)).toEqual(expected.map((shape) => shape.id));
    expect(found.map((shape) => shape.id)).toEqual(['under', 'inside', 'stroke-reaches', 'rotated', 'arrow-head']);
    expect(found[0]).toEqual(readShapes(doc).shapes.find((shape) => shape.id === 'under'));
  });

  it('agrees with reading every shape on a large board, and skips what does not read as a shape', () => {
    const shapes: NewShape[] = [];
    for (let i = 0; i < 2_000; i++) {
      const angle = (i * 2.399) % (Math.PI * 2);
      const radius = (i * 37) % 6_000;
      shapes.push({ id: newShapeId(), type: i % 2 ? 'rectangle' : 'ellipse', x: Math.cos(angle) * radius, y: Math.sin(angle) * radius, w: 20 + (i % 300), h: 10 + (i % 90), rotation: (i % 7) * 0.4 });
    }
    const doc = board(shapes);
    const broken = new Y.Map<unknown>();
    getShapesMap(doc).set('broken', broken);
    broken.set('type', 'rectangle');
    broken.set('box', [10, 10, 10, 10]);
    const expected = readShapes(doc).shapes.filter((shape) => boxesIntersect(shapeVisualBounds(shape), VIEW));
    expect(expected.length).toBeGreaterThan(20);
    expect(shapesInBox(doc, VIEW)).toEqual(expected);
  });
});
