import type { Shape } from '../board/schema';
import { boxContainsPoint, expandBox } from './box';
import { distanceToPolyline } from './distance';
import { shapeBox } from './shape-bounds';
import type { Point } from './types';

/** How near (in screen pixels) a pointer must come to a thin stroke to hit it. */
export const HIT_TOLERANCE_PX = 4;

/** Values per point in a shape's flat `points` list: pen strokes carry a pressure. */
export function pointStride(shape: Shape): number {
  return shape.type === 'pen' ? 3 : 2;
}

/**
 * Whether a board point hits a shape. Strokes (pen, line, arrow) are hit within half their width
 * plus `tolerance` of the polyline; ellipses and diamonds by their outline's area; every other
 * shape by its bounding box. `tolerance` is in board units.
 */
export function hitTestShape(shape: Shape, point: Point, tolerance: number): boolean {
  const reach = shape.strokeWidth / 2 + tolerance;
  const box = shapeBox(shape);
  if (!boxContainsPoint(expandBox(box, reach), point)) return false;
  switch (shape.type) {
    case 'pen':
    case 'line':
    case 'arrow':
      return distanceToPolyline(point, shape.points, pointStride(shape), shape.x, shape.y) <= reach;
    case 'ellipse':
    case 'diamond': {
      const rx = box.w / 2 + reach;
      const ry = box.h / 2 + reach;
      const dx = Math.abs(point.x - (box.x + box.w / 2)) / rx;
      const dy = Math.abs(point.y - (box.y + box.h / 2)) / ry;
      return shape.type === 'ellipse' ? dx * dx + dy * dy <= 1 : dx + dy <= 1;
    }
    default:
      return true;
  }
}

/** The top-most shape under a point: `shapes` are in paint order, so the last hit wins. */
export function topmostShapeAt(shapes: readonly Shape[], point: Point, tolerance: number): Shape | null {
  for (let i = shapes.length - 1; i >= 0; i--) {
    const shape = shapes[i]!;
    if (hitTestShape(shape, point, tolerance)) return shape;
  }
  return null;
}
