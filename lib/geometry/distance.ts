import type { Point } from './types';

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Distance from `p` to the segment from `a` to `b` (a degenerate segment is a point). */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return distance(p, a);
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * Distance from `p` to a polyline stored flat as [x, y, ...rest] every `stride` values, offset by
 * (originX, originY). Infinity for an empty list; a single point is measured as a point.
 */
export function distanceToPolyline(
  p: Point,
  values: readonly number[],
  stride: number,
  originX = 0,
  originY = 0,
): number {
  if (values.length < 2) return Infinity;
  let previous = { x: originX + values[0]!, y: originY + values[1]! };
  let best = distance(p, previous);
  for (let i = stride; i + 1 < values.length; i += stride) {
    const current = { x: originX + values[i]!, y: originY + values[i + 1]! };
    best = Math.min(best, distanceToSegment(p, previous, current));
    previous = current;
  }
  return best;
}
