import { quantizePressure } from '../board/quantize';
import { MAX_POINT_VALUES } from '../board/schema';
import { boundsOfPoints } from '../geometry/box';
import type { Box, Point } from '../geometry/types';
import { DEFAULT_PRESSURE } from '../render/pen-outline';

/** Points a stroke may hold before it is committed and continued as a new stroke. */
export const MAX_PEN_POINTS = Math.floor(MAX_POINT_VALUES / 3);

/**
 * The pressure to store for a pointer sample. Mice report 0.5 while a button is down (0 on some
 * devices), which says nothing: such samples get the neutral default, and the renderer then
 * simulates pressure from the speed.
 */
export function normalizePressure(pointerType: string, pressure: number): number {
  if (pointerType === 'mouse' || !(pressure > 0)) return DEFAULT_PRESSURE;
  return Math.min(1, pressure);
}

/**
 * Appends a sample to a stroke's absolute points [x, y, pressure, ...], skipping samples closer
 * than `minDistance` to the previous one (they add size, not shape). Returns whether it appended.
 */
export function appendPenPoint(points: number[], point: Point, pressure: number, minDistance: number): boolean {
  const n = points.length;
  if (n >= 3 && Math.hypot(point.x - points[n - 3]!, point.y - points[n - 2]!) < minDistance) return false;
  points.push(point.x, point.y, pressure);
  return true;
}

/**
 * The step that stored coordinates are rounded to: a screen pixel's worth, as a power of two (1
 * board unit at 100% and below, 1/8 at 800%). Whole numbers and binary fractions are stored in
 * 1 to 5 bytes instead of 9 (Yjs writes them as integers or float32): a board of freehand strokes
 * loads and syncs several times faster.
 */
export function coordinateQuantum(zoom: number): number {
  return 1 / 2 ** Math.max(0, Math.ceil(Math.log2(zoom)));
}

/**
 * A stroke's absolute points [x, y, pressure, ...] as stored: rounded to `quantum`, with the
 * bounding box's origin and size and the points relative to it.
 */
export function penGeometry(absolute: readonly number[], quantum = 1): Box & { points: number[] } {
  const rounded = absolute.map((value, i) =>
    i % 3 === 2 ? quantizePressure(value) : Math.round(value / quantum) * quantum,
  );
  const box = boundsOfPoints(rounded, 3) ?? { x: 0, y: 0, w: 0, h: 0 };
  const points = rounded.map((value, i) => (i % 3 === 0 ? value - box.x : i % 3 === 1 ? value - box.y : value));
  return { ...box, points };
}
