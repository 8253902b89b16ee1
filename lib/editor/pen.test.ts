import { describe, expect, it } from 'vitest';
import { appendPenPoint, normalizePressure, penGeometry } from './pen';

describe('normalizePressure', () => {
  it('uses the neutral pressure for mice and devices that report none', () => {
    expect(normalizePressure('mouse', 0.5)).toBe(0.5);
    expect(normalizePressure('mouse', 0)).toBe(0.5);
    expect(normalizePressure('touch', 0)).toBe(0.5);
    expect(normalizePressure('pen', 0.8)).toBe(0.8);
  });
});

describe('appendPenPoint', () => {
  it('skips samples too close to the previous one', () => {
    const points = [0, 0, 0.5];
    expect(appendPenPoint(points, { x: 0.2, y: 0.2 }, 0.5, 0.5)).toBe(false);
    expect(appendPenPoint(points, { x: 1, y: 0 }, 0.7, 0.5)).toBe(true);
    expect(points).toEqual([0, 0, 0.5, 1, 0, 0.7]);
  });
});

describe('penGeometry', () => {
  it('moves the origin to the bounding box corner and keeps pressures', () => {
    expect(penGeometry([20, 30, 0.1, 10, 50, 0.9])).toEqual({ x: 10, y: 30, w: 10, h: 20, points: [10, 0, 0.1, 0, 20, 0.9] });
  });
});
