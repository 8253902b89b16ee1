import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import { distanceToPolyline, distanceToSegment } from './distance';
import { hitTestShape, topmostShapeAt } from './hit-test';
import { shapeVisualBounds } from './shape-bounds';

const shape = (input: Record<string, unknown>): Shape => shapeSchema.parse({ z: 'a0', ...input });

const rect = shape({ id: 'r', type: 'rectangle', x: 100, y: 100, w: 200, h: 100, strokeWidth: 2 });
/** A V-shaped stroke from (10, 10) down to (60, 60) and up to (110, 10). */
const pen = shape({
  id: 'p',
  type: 'pen',
  x: 10,
  y: 10,
  w: 100,
  h: 50,
  strokeWidth: 4,
  points: [0, 0, 0.5, 50, 50, 0.5, 100, 0, 0.5],
});

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
  it('hits a rectangle anywhere in its box, edges included', () => {
    expect(hitTestShape(rect, { x: 200, y: 150 }, 0)).toBe(true);
    expect(hitTestShape(rect, { x: 200, y: 100 }, 0)).toBe(true);
    expect(hitTestShape(rect, { x: 301, y: 150 }, 0)).toBe(true); // the outer half of the stroke
    expect(hitTestShape(rect, { x: 305, y: 150 }, 0)).toBe(false);
    expect(hitTestShape(rect, { x: 305, y: 150 }, 4)).toBe(true);
  });

  it('hits a pen stroke within half its width plus the tolerance, not inside its box', () => {
    expect(hitTestShape(pen, { x: 35, y: 35 }, 4)).toBe(true); // on the first segment
    expect(hitTestShape(pen, { x: 35, y: 41 }, 4)).toBe(true); // 6 / sqrt 2 = 4.2 away: within 2 + 4
    expect(hitTestShape(pen, { x: 60, y: 20 }, 4)).toBe(false); // inside the V, far from the ink
    expect(hitTestShape(pen, { x: 60, y: 67 }, 4)).toBe(false); // 7 below the tip
  });

  it('hits a one-point stroke (a dot) near the point', () => {
    const dot = shape({ id: 'd', type: 'pen', x: 50, y: 50, w: 0, h: 0, strokeWidth: 4, points: [0, 0, 0.5] });
    expect(hitTestShape(dot, { x: 53, y: 53 }, 4)).toBe(true);
    expect(hitTestShape(dot, { x: 60, y: 50 }, 4)).toBe(false);
  });

  it('misses the corners of an ellipse', () => {
    const ellipse = shape({ id: 'e', type: 'ellipse', x: 0, y: 0, w: 100, h: 100 });
    expect(hitTestShape(ellipse, { x: 50, y: 50 }, 0)).toBe(true);
    expect(hitTestShape(ellipse, { x: 5, y: 5 }, 0)).toBe(false);
  });
});

describe('topmostShapeAt', () => {
  it('picks the last shape in paint order under the point', () => {
    const below = shape({ ...rect, id: 'below' });
    const above = shape({ ...rect, id: 'above', x: 150 });
    expect(topmostShapeAt([below, above], { x: 200, y: 150 }, 4)?.id).toBe('above');
    expect(topmostShapeAt([below, above], { x: 120, y: 150 }, 4)?.id).toBe('below');
    expect(topmostShapeAt([below, above], { x: 900, y: 900 }, 4)).toBeNull();
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
});
