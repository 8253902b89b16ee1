import type { Shape } from '../board/schema';
import { boxContainsPoint, expandBox } from './box';
import { distanceToPolyline, distanceToSegment } from './distance';
import { shapeBox } from './shape-bounds';
import { rotatedCorners, unrotatePoint } from './transform';
import type { Box, Point } from './types';

/** How near (in screen pixels) a pointer must come to a thin stroke to hit it. */
export const HIT_TOLERANCE_PX = 4;

/** Values per point in a shape's flat `points` list: pen strokes carry a pressure. */
export function pointStride(shape: Shape): number {
  return shape.type === 'pen' ? 3 : 2;
}

/**
 * How a board point meets a shape: `ink` on what it paints (a stroke, an outline, a filled or
 * text-holding area), `inside` within the outline of a hollow shape, or null.
 */
export type Hit = 'ink' | 'inside' | null;

function isFilled(shape: Shape): boolean {
  return shape.fill !== 'none' && shape.fill !== 'transparent';
}

/** Distance from `p` to the ellipse inscribed in `box`, measured along the ray from its centre. */
function distanceToEllipse(p: Point, box: Box): { distance: number; inside: boolean } {
  const rx = Math.max(box.w / 2, 1e-9);
  const ry = Math.max(box.h / 2, 1e-9);
  const dx = p.x - (box.x + rx);
  const dy = p.y - (box.y + ry);
  const radial = Math.hypot(dx / rx, dy / ry);
  const distanceFromCenter = Math.hypot(dx, dy);
  if (radial === 0) return { distance: Math.min(rx, ry), inside: true };
  return { distance: Math.abs(distanceFromCenter - distanceFromCenter / radial), inside: radial <= 1 };
}

function distanceToOutline(p: Point, corners: readonly Point[]): number {
  let best = Infinity;
  for (let i = 0; i < corners.length; i++) best = Math.min(best, distanceToSegment(p, corners[i]!, corners[(i + 1) % corners.length]!));
  return best;
}

/**
 * How a board point hits a shape, rotation included. Strokes (pen, line, arrow) are hit within
 * half their width plus `tolerance` of the polyline; rectangles, ellipses and diamonds by their
 * outline, and by their area when filled; text, notes and images by their box. `tolerance` is in
 * board units.
 */
export function hitTestShape(shape: Shape, point: Point, tolerance: number): Hit {
  const box = shapeBox(shape);
  const p = unrotatePoint(box, shape.rotation, point);
  const reach = shape.strokeWidth / 2 + tolerance;
  if (!boxContainsPoint(expandBox(box, reach), p)) return null;
  switch (shape.type) {
    case 'pen':
    case 'line':
    case 'arrow':
      return distanceToPolyline(p, shape.points, pointStride(shape), shape.x, shape.y) <= reach ? 'ink' : null;
    case 'rectangle':
    case 'diamond': {
      const { x, y, w, h } = box;
      const corners =
        shape.type === 'rectangle'
          ? [{ x, y }, { x: x + w, y }, { x: x + w, y: y + h }, { x, y: y + h }]
          : [{ x: x + w / 2, y }, { x: x + w, y: y + h / 2 }, { x: x + w / 2, y: y + h }, { x, y: y + h / 2 }];
      if (distanceToOutline(p, corners) <= reach) return 'ink';
      const inside = shape.type === 'rectangle' ? boxContainsPoint(box, p) : Math.abs(p.x - (x + w / 2)) / (w / 2 || 1e-9) + Math.abs(p.y - (y + h / 2)) / (h / 2 || 1e-9) <= 1;
      return inside ? (isFilled(shape) ? 'ink' : 'inside') : null;
    }
    case 'ellipse': {
      const { distance, inside } = distanceToEllipse(p, box);
      if (distance <= reach) return 'ink';
      return inside ? (isFilled(shape) ? 'ink' : 'inside') : null;
    }
    default:
      return boxContainsPoint(expandBox(box, tolerance), p) ? 'ink' : null;
  }
}

/**
 * The shape a click at `point` picks. `shapes` are in paint order (the last on top). The top-most
 * shape whose ink is under the point wins; a point only inside hollow outlines picks the smallest
 * of them, so that a frame drawn around shapes never hides them from the pointer.
 */
export function topmostShapeAt(shapes: readonly Shape[], point: Point, tolerance: number): Shape | null {
  let hollow: Shape | null = null;
  for (let i = shapes.length - 1; i >= 0; i--) {
    const shape = shapes[i]!;
    const hit = hitTestShape(shape, point, tolerance);
    if (hit === 'ink') return shape;
    if (hit === 'inside' && (!hollow || shape.w * shape.h < hollow.w * hollow.h)) hollow = shape;
  }
  return hollow;
}

/** Whether a shape lies wholly inside a box (a marquee): all four corners of its rotated box. */
export function shapeInsideBox(shape: Shape, box: Box): boolean {
  return rotatedCorners(shapeBox(shape), shape.rotation).every((corner) => boxContainsPoint(box, corner));
}
