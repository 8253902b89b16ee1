/**
 * Connectors: where a line or arrow end bound to a shape sits. A bound end lies on the shape's
 * outline, on the ray from the shape's centre toward the line's other end, so that the line aims
 * at the shape's centre whatever its size, place or rotation. Pure functions of plain shapes.
 */
import type { Shape } from '../board/schema';
import { boxCenter, rotatePoint } from './transform';
import type { Box, Point } from './types';

export type BindableShape = Extract<Shape, { type: 'rectangle' | 'ellipse' | 'diamond' | 'sticky' | 'text' | 'image' }>;
export type Connector = Extract<Shape, { type: 'line' | 'arrow' }>;

const BINDABLE = new Set<Shape['type']>(['rectangle', 'ellipse', 'diamond', 'sticky', 'text', 'image']);

export function isBindable(shape: Shape): shape is BindableShape {
  return BINDABLE.has(shape.type);
}

export function isConnector(shape: Shape): shape is Connector {
  return shape.type === 'line' || shape.type === 'arrow';
}

/** Where the outline meets the ray from the centre along the unrotated direction (dx, dy), as a factor of it. */
function outlineFactor(type: BindableShape['type'], halfW: number, halfH: number, dx: number, dy: number): number {
  const [ax, ay] = [Math.abs(dx), Math.abs(dy)];
  if (type === 'ellipse') return 1 / Math.hypot(halfW > 0 ? ax / halfW : 0, halfH > 0 ? ay / halfH : 0);
  if (type === 'diamond') return 1 / ((halfW > 0 ? ax / halfW : 0) + (halfH > 0 ? ay / halfH : 0));
  return Math.min(ax > 0 ? halfW / ax : Infinity, ay > 0 ? halfH / ay : Infinity);
}

/** The point of the shape's outline toward `toward` (its centre when `toward` is the centre). */
export function outlinePoint(shape: BindableShape, toward: Point): Point {
  const center = boxCenter(shape);
  const local = rotatePoint(toward, center, -shape.rotation);
  const [dx, dy] = [local.x - center.x, local.y - center.y];
  if (dx === 0 && dy === 0) return center;
  const factor = outlineFactor(shape.type, shape.w / 2, shape.h / 2, dx, dy);
  if (!Number.isFinite(factor)) return center;
  return rotatePoint({ x: center.x + dx * factor, y: center.y + dy * factor }, center, shape.rotation);
}

/** Whether a point is inside the shape's outline (rotation included). */
export function containsPoint(shape: BindableShape, point: Point): boolean {
  const center = boxCenter(shape);
  const local = rotatePoint(point, center, -shape.rotation);
  const [dx, dy] = [Math.abs(local.x - center.x), Math.abs(local.y - center.y)];
  const [halfW, halfH] = [shape.w / 2, shape.h / 2];
  if (halfW <= 0 || halfH <= 0) return false;
  if (shape.type === 'ellipse') return (dx / halfW) ** 2 + (dy / halfH) ** 2 <= 1;
  if (shape.type === 'diamond') return dx / halfW + dy / halfH <= 1;
  return dx <= halfW && dy <= halfH;
}

/** The topmost shape (last in paint order) an end dropped at `point` binds to, if any. */
export function bindingTargetAt(shapes: readonly Shape[], point: Point, exclude?: string): BindableShape | null {
  for (let i = shapes.length - 1; i >= 0; i--) {
    const shape = shapes[i]!;
    if (shape.id !== exclude && isBindable(shape) && containsPoint(shape, point)) return shape;
  }
  return null;
}

/** A connector's first and last points on the board (its rotation applied). */
export function connectorEnds(line: Connector): [Point, Point] {
  const { points } = line;
  const center = boxCenter(line);
  const at = (i: number) => rotatePoint({ x: line.x + points[i]!, y: line.y + points[i + 1]! }, center, line.rotation);
  return [at(0), at(points.length - 2)];
}

/** A line or arrow through absolute points: its box and the points relative to it. */
export function lineGeometry(absolute: readonly Point[]): Box & { points: number[] } {
  const xs = absolute.map((p) => p.x);
  const ys = absolute.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y, points: absolute.flatMap((p) => [p.x - x, p.y - y]) };
}

/**
 * The geometry of a connector whose ends are bound to `start` and/or `end` (null: that end stays
 * where it is): each bound end on its shape's outline, aimed at the other end (or, when that end is
 * bound too, at its shape's centre). Null when the connector has nothing to change.
 */
export function boundGeometry(line: Connector, start: BindableShape | null, end: BindableShape | null): (Box & { points: number[]; rotation: number }) | null {
  if (!start && !end) return null;
  const [first, last] = connectorEnds(line);
  const aimStart = end ? boxCenter(end) : last;
  const aimEnd = start ? boxCenter(start) : first;
  const from = start ? outlinePoint(start, aimStart) : first;
  const to = end ? outlinePoint(end, aimEnd) : last;
  // Only two-point connectors are drawn; any middle points keep their place on the board.
  const middle: Point[] = [];
  const center = boxCenter(line);
  for (let i = 2; i < line.points.length - 2; i += 2) middle.push(rotatePoint({ x: line.x + line.points[i]!, y: line.y + line.points[i + 1]! }, center, line.rotation));
  return { ...lineGeometry([from, ...middle, to]), rotation: 0 };
}
