/**
 * Move, resize and rotate arithmetic for the selection. Pure: shapes as they were when the
 * gesture started in, property patches out, so that a whole drag commits as one update.
 *
 * The selection's frame is the box the handles sit on: one shape's own (rotated) box, or for
 * several shapes the axis-aligned box around their rotated boxes.
 */
import type { ShapePatch } from '../board/doc';
import type { Shape } from '../board/schema';
import { boundsOfPoints } from '../geometry/box';
import { pointStride } from '../geometry/hit-test';
import { shapeBox } from '../geometry/shape-bounds';
import { boxCenter, normalizeAngle, rotatedCorners, rotatePoint } from '../geometry/transform';
import type { Box, Point } from '../geometry/types';

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';
export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
export const CORNER_HANDLES: readonly Handle[] = ['nw', 'ne', 'se', 'sw'];

export interface SelectionFrame {
  /** The unrotated box. */
  box: Box;
  /** Radians about the box's centre. */
  rotation: number;
}

/** Text scales as a whole (its font with it), so it keeps its aspect ratio. */
export function keepsAspect(shapes: readonly Shape[]): boolean {
  return shapes.some((shape) => shape.type === 'text');
}

export function selectionFrame(shapes: readonly Shape[]): SelectionFrame | null {
  if (shapes.length === 0) return null;
  if (shapes.length === 1) return { box: shapeBox(shapes[0]!), rotation: shapes[0]!.rotation };
  const corners = shapes.flatMap((shape) => rotatedCorners(shapeBox(shape), shape.rotation).flatMap((p) => [p.x, p.y]));
  return { box: boundsOfPoints(corners, 2)!, rotation: 0 };
}

/** Where a handle sits in the frame, in units of half its size from the centre: (-1..1, -1..1). */
export function handleDirection(handle: Handle): Point {
  return {
    x: handle.includes('w') ? -1 : handle.includes('e') ? 1 : 0,
    y: handle.includes('n') ? -1 : handle.includes('s') ? 1 : 0,
  };
}

/** A handle's board position. */
export function handlePosition(frame: SelectionFrame, handle: Handle): Point {
  const center = boxCenter(frame.box);
  const d = handleDirection(handle);
  return rotatePoint({ x: center.x + (d.x * frame.box.w) / 2, y: center.y + (d.y * frame.box.h) / 2 }, center, frame.rotation);
}

/** The rotation handle's board position: `offset` board units above the frame's top edge. */
export function rotationHandlePosition(frame: SelectionFrame, offset: number): Point {
  const center = boxCenter(frame.box);
  return rotatePoint({ x: center.x, y: frame.box.y - offset }, center, frame.rotation);
}

export interface Resize {
  /** The new frame (same rotation). */
  frame: SelectionFrame;
  /** Signed scale along the frame's axes: negative when the drag crossed the opposite side. */
  sx: number;
  sy: number;
}

/**
 * The frame after dragging `handle` to `pointer`: the opposite side (or corner) stays put. With
 * `keepAspect`, both axes scale alike (edge handles then grow the other axis about the centre).
 */
export function resizeFrame(frame: SelectionFrame, handle: Handle, pointer: Point, keepAspect: boolean): Resize {
  const { box, rotation } = frame;
  const center = boxCenter(box);
  const local = rotatePoint(pointer, center, -rotation);
  const q = { x: local.x - center.x, y: local.y - center.y };
  const d = handleDirection(handle);
  const halfW = box.w / 2;
  const halfH = box.h / 2;
  // Each side as an offset from the old centre; the dragged ones follow the pointer.
  let left = d.x < 0 ? q.x : -halfW;
  let right = d.x > 0 ? q.x : halfW;
  let top = d.y < 0 ? q.y : -halfH;
  let bottom = d.y > 0 ? q.y : halfH;
  let sx = d.x === 0 || box.w === 0 ? 1 : (right - left) / box.w;
  let sy = d.y === 0 || box.h === 0 ? 1 : (bottom - top) / box.h;
  if (keepAspect) {
    const s = d.x === 0 ? Math.abs(sy) : d.y === 0 ? Math.abs(sx) : Math.max(Math.abs(sx), Math.abs(sy));
    sx = (d.x === 0 ? 1 : Math.sign(sx) || 1) * s;
    sy = (d.y === 0 ? 1 : Math.sign(sy) || 1) * s;
    // The dragged sides move from the fixed ones; an undragged axis grows about the centre.
    if (d.x < 0) left = right - box.w * sx;
    else if (d.x > 0) right = left + box.w * sx;
    else [left, right] = [-halfW * Math.abs(sx), halfW * Math.abs(sx)];
    if (d.y < 0) top = bottom - box.h * sy;
    else if (d.y > 0) bottom = top + box.h * sy;
    else [top, bottom] = [-halfH * Math.abs(sy), halfH * Math.abs(sy)];
  }
  const localCenter = { x: center.x + (left + right) / 2, y: center.y + (top + bottom) / 2 };
  const newCenter = rotatePoint(localCenter, center, rotation);
  const w = Math.abs(right - left);
  const h = Math.abs(bottom - top);
  return { frame: { box: { x: newCenter.x - w / 2, y: newCenter.y - h / 2, w, h }, rotation }, sx, sy };
}

/** Scaled points are kept in eighths of a unit: exact in float32, so they store compactly. */
const eighths = (value: number) => Math.round(value * 8) / 8;

/** Scales flat points (relative to a box of size w x h) by signed factors, mirroring on a flip. */
function scalePoints(points: readonly number[], stride: number, w: number, h: number, fx: number, fy: number): number[] {
  const newW = Math.abs(fx) * w;
  const newH = Math.abs(fy) * h;
  return points.map((value, i) => {
    const axis = i % stride;
    if (axis === 0) return eighths(newW / 2 + (value - w / 2) * fx);
    if (axis === 1) return eighths(newH / 2 + (value - h / 2) * fy);
    return value;
  });
}

/**
 * The patches that fit shapes (as they were at the start) into a resized frame. Each shape's centre
 * follows the frame's scale; its size scales along its own axes, which is exact for one shape, for
 * unrotated shapes and for uniform scaling, and close for rotated shapes in a stretched group.
 */
export function resizeShapes(shapes: readonly Shape[], from: SelectionFrame, resize: Resize): Map<string, ShapePatch> {
  const patches = new Map<string, ShapePatch>();
  const { sx, sy } = resize;
  const oldCenter = boxCenter(from.box);
  const newCenter = boxCenter(resize.frame.box);
  for (const shape of shapes) {
    // Work in the frame's unrotated coordinates (the frame is the shape's own box for one shape).
    const relative = shapes.length === 1 ? 0 : shape.rotation - from.rotation;
    const c = rotatePoint(boxCenter(shapeBox(shape)), oldCenter, -from.rotation);
    const movedLocal = { x: newCenter.x + (c.x - oldCenter.x) * sx, y: newCenter.y + (c.y - oldCenter.y) * sy };
    const moved = rotatePoint(movedLocal, newCenter, from.rotation);
    const cos = Math.cos(relative);
    const sin = Math.sin(relative);
    // Scale along the shape's own axes; flips carry over only when the axes line up.
    const aligned = Math.abs(sin) < 1e-9;
    const fx = aligned ? sx : Math.hypot(sx * cos, sy * sin);
    const fy = aligned ? sy : Math.hypot(sx * sin, sy * cos);
    const w = shape.w * Math.abs(fx);
    const h = shape.h * Math.abs(fy);
    const patch: ShapePatch = { x: moved.x - w / 2, y: moved.y - h / 2, w, h };
    if (!aligned && sx * sy < 0) patch.rotation = normalizeAngle(2 * from.rotation - shape.rotation);
    if ('points' in shape) patch.points = scalePoints(shape.points, pointStride(shape), shape.w, shape.h, fx, fy);
    if (shape.type === 'text') patch.fontSize = Math.min(512, Math.max(4, shape.fontSize * Math.sqrt(Math.abs(fx * fy))));
    patches.set(shape.id, patch);
  }
  return patches;
}

/** The patches that turn shapes (as they were at the start) by `angle` about `center`. */
export function rotateShapes(shapes: readonly Shape[], center: Point, angle: number): Map<string, ShapePatch> {
  const patches = new Map<string, ShapePatch>();
  for (const shape of shapes) {
    const box = shapeBox(shape);
    const moved = rotatePoint(boxCenter(box), center, angle);
    patches.set(shape.id, {
      x: moved.x - box.w / 2,
      y: moved.y - box.h / 2,
      rotation: normalizeAngle(shape.rotation + angle),
    });
  }
  return patches;
}

/** The patches that move shapes by (dx, dy). */
export function moveShapesBy(shapes: readonly Shape[], dx: number, dy: number): Map<string, ShapePatch> {
  return new Map(shapes.map((shape) => [shape.id, { x: shape.x + dx, y: shape.y + dy }]));
}

/** `shape` with a patch applied (for previews; the document applies the same patch). */
export function patched<T extends Shape>(shape: T, patch: ShapePatch | undefined): T {
  return patch ? ({ ...shape, ...patch } as T) : shape;
}
