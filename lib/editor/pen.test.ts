import { describe, expect, it } from 'vitest';
import { appendPenPoint, coordinateQuantum, normalizePressure, penGeometry } from './pen';

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
    expect(penGeometry([20, 30, 0.25, 10, 50, 0.75])).toEqual({ x: 10, y: 30, w: 10, h: 20, points: [10, 0, 0.25, 0, 20, 0.75] });
  });

  it('rounds coordinates to a screen pixel and pressure to 1/64, so that they store compactly', () => {
    expect(coordinateQuantum(1)).toBe(1);
    expect(coordinateQuantum(0.3)).toBe(1);
    expect(coordinateQuantum(1.5)).toBe(0.5);
    expect(coordinateQuantum(8)).toBe(0.125);
    expect(penGeometry([10.3, 20.6, 0.3, 12.2, 20.1, 0.71], 0.5)).toEqual({ x: 10.5, y: 20, w: 1.5, h: 0.5, points: [0, 0.5, 0.296875, 1.5, 0, 0.703125] });
  });
});
