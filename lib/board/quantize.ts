/**
 * Coordinates as a screen can show them. Files written by other programs (and by scripts) carry
 * floating-point noise (`52.230000000000004`) that costs digits in every file, update and export,
 * and 9 bytes per number where Yjs stores a whole number or a binary fraction in 1 to 5. Imported
 * positions, sizes and points are rounded to eighths of a board unit: finer than a screen shows
 * below 800% zoom, and exact in binary, so that a moved point stays on the grid. Pen pressure is
 * kept in 64ths, as the pen stores it (lib/editor/pen.ts).
 */
import type { Shape } from './schema';
import { COORDINATE_STEPS_PER_UNIT, PRESSURE_STEPS } from './shape-limits';

export function quantizeCoordinate(value: number): number {
  const stepped = Math.round(value * COORDINATE_STEPS_PER_UNIT) / COORDINATE_STEPS_PER_UNIT;
  return Object.is(stepped, -0) ? 0 : stepped;
}

export function quantizePressure(pressure: number): number {
  return Math.round(pressure * PRESSURE_STEPS) / PRESSURE_STEPS;
}

/**
 * A shape's position, size and points rounded (pen strokes: [x, y, pressure] per point). Rounding
 * a size never makes it negative, nor a coordinate leave the schema's range (both are multiples
 * of the step at their bounds).
 */
export function quantizeShape<T extends Shape>(shape: T): T {
  const rounded = {
    ...shape,
    x: quantizeCoordinate(shape.x),
    y: quantizeCoordinate(shape.y),
    w: quantizeCoordinate(shape.w),
    h: quantizeCoordinate(shape.h),
  };
  if ('points' in shape) {
    const stride = shape.type === 'pen' ? 3 : 2;
    (rounded as { points: number[] }).points = shape.points.map((value, i) => (i % stride === 2 ? quantizePressure(value) : quantizeCoordinate(value)));
  }
  return rounded;
}
