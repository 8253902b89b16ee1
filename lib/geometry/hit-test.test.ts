import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import { distanceToPolyline, distanceToSegment } from './distance';
import { hitTestShape, shapeInsideBox, topmostShapeAt } from './hit-test';
import { shapeVisualBounds } from './shape-bounds';

const shape = (input: Record<string, unknown>): Shape => shapeSchema.parse({ z: 'a0', ...input });
const rect = shape({ id: 'r', type: 'rectangle', x: 100, y: 100, w: 200, h: 100, strokeWidth: 2 });
/** A V-shaped stroke from (10, 10) down to (60, 60) and up to (110, 10). */
const pen = shape({ id: 'p', type: 'pen', x: 10, y: 10, w: 100, h: 50, strokeWidth: 4, points: [0, 0, 0.5, 50, 50, 0.5, 100, 0, 0.5] });
const QUARTER = Math.PI / 2;

describe('distances', () => {
  it('measures to the nearest point of a segment', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });

  it('measures to a polyline offset by its origin', () => {
    expect(distanceToPolyline({ x: 15, y: 13 }, [0, 0, 10, 0], 2, 10, 10)).toBe(3);
    expect(distanceToPolyline({ x: 0, y: 0 }, [], 2)).toBe(Infinity);
  });
});

describe('hitTestShape', () => {
  it('hits a hollow rectangle on its outline as ink and inside it weakly', () => {
    expect(hitTestShape(rect, { x: 200, y: 100 }, 0)).toBe('ink');
    expect(hitTestShape(rect, { x: 301, y: 150 }, 0)).toBe('ink'); // the outer half of the stroke
    expect(hitTestShape(rect, { x: 200, y: 150 }, 0)).toBe('inside');
    expect(hitTestShape(rect, { x: 305, y: 150 }, 0)).toBeNull();
    expect(hitTestShape(rect, { x: 305, y: 150 }, 4)).toBe('ink');
  });

  it('hits a filled rectangle anywhere inside as ink', () => {
    expect(hitTestShape({ ...rect, fill: '#ffffff' }, { x: 200, y: 150 }, 0)).toBe('ink');
  });

  it('hits a pen stroke within half its width plus the tolerance, not inside its box', () => {
    expect(hitTestShape(pen, { x: 35, y: 35 }, 4)).toBe('ink');
    expect(hitTestShape(pen, { x: 35, y: 41 }, 4)).toBe('ink'); // 6 / sqrt 2 = 4.2 away: within 2 + 4
    expect(hitTestShape(pen, { x: 60, y: 20 }, 4)).toBeNull(); // inside the V, far from the ink
    expect(hitTestShape(pen, { x: 60, y: 67 }, 4)).toBeNull(); // 7 below the tip
  });

  it('hits a one-point stroke (a dot) near the point', () => {
    const dot = shape({ id: 'd', type: 'pen', x: 50, y: 50, w: 0, h: 0, strokeWidth: 4, points: [0, 0, 0.5] });
    expect(hitTestShape(dot, { x: 53, y: 53 }, 4)).toBe('ink');
    expect(hitTestShape(dot, { x: 60, y: 50 }, 4)).toBeNull();
  });

  it('hits lines and arrows along their segments', () => {
    for (const type of ['line', 'arrow']) {
      const line = shape({ id: 'l', type, x: 0, y: 0, w: 100, h: 100, points: [0, 0, 100, 100] });
      expect(hitTestShape(line, { x: 50, y: 52 }, 2)).toBe('ink');
      expect(hitTestShape(line, { x: 90, y: 10 }, 2)).toBeNull();
    }
  });

  it('misses the corners of an ellipse and a diamond', () => {
    const ellipse = shape({ id: 'e', type: 'ellipse', x: 0, y: 0, w: 100, h: 100 });
    expect(hitTestShape(ellipse, { x: 50, y: 50 }, 0)).toBe('inside');
    expect(hitTestShape(ellipse, { x: 100, y: 50 }, 0)).toBe('ink');
    expect(hitTestShape(ellipse, { x: 5, y: 5 }, 0)).toBeNull();
    const diamond = shape({ id: 'd', type: 'diamond', x: 0, y: 0, w: 100, h: 100 });
    expect(hitTestShape(diamond, { x: 50, y: 50 }, 0)).toBe('inside');
    expect(hitTestShape(diamond, { x: 25, y: 25 }, 0)).toBe('ink');
    expect(hitTestShape(diamond, { x: 10, y: 10 }, 0)).toBeNull();
  });

  it('hits text, notes and images anywhere in their box', () => {
    for (const input of [
      { type: 'text', text: 'hi' },
      { type: 'sticky', text: '' },
      { type: 'image', assetId: 'abcdefghijklmnop' },
    ]) {
      const boxed = shape({ id: 'b', x: 0, y: 0, w: 80, h: 40, ...input });
      expect(hitTestShape(boxed, { x: 40, y: 20 }, 0)).toBe('ink');
      expect(hitTestShape(boxed, { x: 90, y: 20 }, 0)).toBeNull();
    }
  });

  it('turns the hit area with the shape', () => {
    // A 200 x 20 bar turned a quarter stands 20 wide and 200 tall about its centre (100, 10).
    const bar = shape({ id: 'bar', type: 'rectangle', x: 0, y: 0, w: 200, h: 20, fill: '#000000', rotation: QUARTER });
    expect(hitTestShape(bar, { x: 100, y: 90 }, 0)).toBe('ink');
    expect(hitTestShape(bar, { x: 180, y: 10 }, 0)).toBeNull();
    const line = shape({ id: 'l', type: 'line', x: 0, y: 0, w: 100, h: 0, points: [0, 0, 100, 0], rotation: QUARTER });
    expect(hitTestShape(line, { x: 50, y: 40 }, 2)).toBe('ink');
    expect(hitTestShape(line, { x: 90, y: 0 }, 2)).toBeNull();
    const text = shape({ id: 't', type: 'text', x: 0, y: 0, w: 100, h: 20, text: 'turned', rotation: QUARTER });
    expect(hitTestShape(text, { x: 50, y: 50 }, 0)).toBe('ink');
    expect(hitTestShape(text, { x: 5, y: 10 }, 0)).toBeNull();
  });
});

describe('topmostShapeAt', () => {
  it('picks the last shape in paint order whose ink is under the point', () => {
    const below = shape({ ...rect, id: 'below', fill: '#ffffff' });
    const above = shape({ ...rect, id: 'above', x: 150, fill: '#ffffff' });
    expect(topmostShapeAt([below, above], { x: 200, y: 150 }, 4)?.id).toBe('above');
    expect(topmostShapeAt([below, above], { x: 120, y: 150 }, 4)?.id).toBe('below');
    expect(topmostShapeAt([below, above], { x: 900, y: 900 }, 4)).toBeNull();
  });

  it('prefers ink under a hollow frame, and the smallest frame when there is no ink', () => {
    const inner = shape({ id: 'inner', type: 'rectangle', x: 140, y: 120, w: 40, h: 40, fill: '#ffffff' });
    const frame = shape({ id: 'frame', type: 'rectangle', x: 0, y: 0, w: 500, h: 500 });
    const small = shape({ id: 'small', type: 'ellipse', x: 100, y: 100, w: 200, h: 200 });
    expect(topmostShapeAt([inner, small, frame], { x: 150, y: 150 }, 4)?.id).toBe('inner');
    expect(topmostShapeAt([inner, small, frame], { x: 200, y: 250 }, 4)?.id).toBe('small');
  });
});

describe('shapeInsideBox', () => {
  it('needs all four corners of the turned box inside', () => {
    const bar = shape({ id: 'bar', type: 'rectangle', x: 0, y: 0, w: 200, h: 20, rotation: QUARTER });
    expect(shapeInsideBox(bar, { x: 85, y: -95, w: 30, h: 210 })).toBe(true);
    expect(shapeInsideBox(bar, { x: -5, y: -5, w: 210, h: 30 })).toBe(false);
  });
});

describe('shapeVisualBounds', () => {
  it('includes the outer half of the stroke', () => {
    expect(shapeVisualBounds(rect)).toEqual({ x: 99, y: 99, w: 202, h: 102 });
  });

  it('includes an arrowhead', () => {
    const arrow = shape({ id: 'a', type: 'arrow', x: 0, y: 0, w: 100, h: 0, strokeWidth: 2, points: [0, 0, 100, 0] });
    const bounds = shapeVisualBounds(arrow);
    expect(bounds.x).toBeLessThan(-5);
    expect(bounds.w).toBeGreaterThan(110);
  });

  it('is the box of the turned shape', () => {
    const bar = shape({ id: 'bar', type: 'rectangle', x: 0, y: 0, w: 200, h: 20, strokeWidth: 0, rotation: QUARTER });
    const bounds = shapeVisualBounds(bar);
    expect(bounds.x).toBeCloseTo(90);
    expect(bounds.y).toBeCloseTo(-90);
    expect(bounds.w).toBeCloseTo(20);
    expect(bounds.h).toBeCloseTo(200);
  });

  it('has no stroke margin for text and notes', () => {
    const text = shape({ id: 't', type: 'text', x: 10, y: 10, w: 50, h: 20, text: 'x', strokeWidth: 8 });
    expect(shapeVisualBounds(text)).toEqual({ x: 10, y: 10, w: 50, h: 20 });
  });
});
