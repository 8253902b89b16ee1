/**
 * Rotation of shapes. A shape's `rotation` is in radians, clockwise on screen (the board's y axis
 * points down), about the centre of its stored box (x, y, w, h). Points of lines and strokes are
 * stored unrotated, relative to (x, y); the rotation is applied when they are drawn or hit.
 */
import { boundsOfPoints } from './box';
import type { Box, Point } from './types';

export function boxCenter(box: Box): Point {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

/** `point` turned by `angle` radians about `center`. */
export function rotatePoint(point: Point, center: Point, angle: number): Point {
  if (angle === 0) return point;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const dx = point.x - center.x;
  const dy = point.y - center.y;
  return { x: center.x + dx * cos - dy * sin, y: center.y + dx * sin + dy * cos };
}

/** A board point in the unrotated frame of a box turned by `rotation` about its centre. */
export function unrotatePoint(box: Box, rotation: number, point: Point): Point {
  return rotation === 0 ? point : rotatePoint(point, boxCenter(box), -rotation);
}

/** The four corners of a rotated box: top-left, top-right, bottom-right, bottom-left. */
export function rotatedCorners(box: Box, rotation: number): [Point, Point, Point, Point] {
  const center = boxCenter(box);
  const corner = (x: number, y: number) => rotatePoint({ x, y }, center, rotation);
  return [
    corner(box.x, box.y),
    corner(box.x + box.w, box.y),
    corner(box.x + box.w, box.y + box.h),
    corner(box.x, box.y + box.h),
  ];
}

/** The axis-aligned box around a rotated box. */
export function rotatedBounds(box: Box, rotation: number): Box {
  if (rotation === 0) return box;
  const corners = rotatedCorners(box, rotation);
  return boundsOfPoints(corners.flatMap((p) => [p.x, p.y]), 2)!;
}

/** An angle in (-PI, PI]. */
export function normalizeAngle(angle: number): number {
  const turn = Math.PI * 2;
  let a = angle % turn;
  if (a <= -Math.PI) a += turn;
  if (a > Math.PI) a -= turn;
  return a;
}

/** Rounds an angle to the nearest multiple of `step` radians (Shift: 15-degree steps). */
export function snapAngle(angle: number, step = Math.PI / 12): number {
  return Math.round(angle / step) * step;
}
