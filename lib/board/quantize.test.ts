import { describe, expect, it } from 'vitest';
import { quantizeCoordinate, quantizePressure, quantizeShape } from './quantize';
import { MAX_COORDINATE, shapeSchema } from './schema';
import { parseTabulaFile } from './tabula-json';

describe('rounding imported coordinates', () => {
  it('rounds to eighths of a unit, and pressure to 64ths', () => {
    expect(quantizeCoordinate(52.230000000000004)).toBe(52.25);
    expect(quantizeCoordinate(-20.30000000000001)).toBe(-20.25);
    expect(quantizeCoordinate(7)).toBe(7);
    expect(Object.is(quantizeCoordinate(-0.01), 0)).toBe(true);
    expect(quantizeCoordinate(MAX_COORDINATE)).toBe(MAX_COORDINATE);
    expect(quantizePressure(0.5)).toBe(0.5);
    expect(quantizePressure(0.123456)).toBe(8 / 64);
  });

  it('rounds a shape’s position, size and points, and leaves the rest', () => {
    const pen = shapeSchema.parse({ id: 'p', type: 'pen', x: 0.1, y: 1.06, w: 2.99, h: 3.3000000000000003, z: 'a0', rotation: 0.123456789, points: [0.01, 1.1, 0.7071, 2.2, 3.3000000000000003, 0.5] });
    expect(quantizeShape(pen)).toMatchObject({ x: 0.125, y: 1, w: 3, h: 3.25, rotation: 0.123456789, points: [0, 1.125, 45 / 64, 2.25, 3.25, 0.5] });
    const line = shapeSchema.parse({ id: 'l', type: 'line', x: 0, y: 0, w: 1, h: 1, z: 'a0', points: [0.3, 0.7, 0.51, 0.49] });
    // Lines have no pressure: every value is a coordinate.
    expect(quantizeShape(line)).toMatchObject({ points: [0.25, 0.75, 0.5, 0.5] });
    const rounded = quantizeShape(pen);
    expect(quantizeShape(rounded)).toEqual(rounded);
  });

  it('applies to Tabula files as they are read', () => {
    const parsed = parseTabulaFile({ format: 'tabula', version: 1, shapes: [{ id: 'r', type: 'rectangle', x: 10.0000001, y: 19.99, w: 52.230000000000004, h: 1, z: 'a0' }] });
    expect(parsed.ok && parsed.file.shapes[0]).toMatchObject({ x: 10, y: 20, w: 52.25, h: 1 });
  });
});
