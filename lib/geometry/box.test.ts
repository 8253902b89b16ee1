import { describe, expect, it } from 'vitest';
import { boundsOfPoints, boxContainsPoint, boxesIntersect, expandBox, normalizeRect } from './box';

describe('normalizeRect', () => {
  it('gives the same box for a drag in any direction', () => {
    const expected = { x: 10, y: 20, w: 90, h: 60 };
    expect(normalizeRect({ x: 10, y: 20 }, { x: 100, y: 80 })).toEqual(expected);
    expect(normalizeRect({ x: 100, y: 80 }, { x: 10, y: 20 })).toEqual(expected);
    expect(normalizeRect({ x: 100, y: 20 }, { x: 10, y: 80 })).toEqual(expected);
    expect(normalizeRect({ x: 10, y: 80 }, { x: 100, y: 20 })).toEqual(expected);
  });

  it('gives a zero-size box for a click', () => {
    expect(normalizeRect({ x: 5, y: 5 }, { x: 5, y: 5 })).toEqual({ x: 5, y: 5, w: 0, h: 0 });
  });
});

describe('boundsOfPoints', () => {
  it('finds the box of flat points with any stride', () => {
    expect(boundsOfPoints([3, 4, 0.5, -1, 10, 0.2, 7, 2, 0.9], 3)).toEqual({ x: -1, y: 2, w: 8, h: 8 });
    expect(boundsOfPoints([0, 0, 10, -5], 2)).toEqual({ x: 0, y: -5, w: 10, h: 5 });
  });

  it('is null without a point', () => {
    expect(boundsOfPoints([], 3)).toBeNull();
  });
});

describe('boxes', () => {
  const box = { x: 0, y: 0, w: 10, h: 10 };

  it('contain their edges', () => {
    expect(boxContainsPoint(box, { x: 10, y: 0 })).toBe(true);
    expect(boxContainsPoint(box, { x: 10.1, y: 0 })).toBe(false);
  });

  it('intersect when they touch or overlap', () => {
    expect(boxesIntersect(box, { x: 10, y: 10, w: 5, h: 5 })).toBe(true);
    expect(boxesIntersect(box, { x: 11, y: 0, w: 5, h: 5 })).toBe(false);
  });

  it('expand on every side', () => {
    expect(expandBox(box, 2)).toEqual({ x: -2, y: -2, w: 14, h: 14 });
  });
});
