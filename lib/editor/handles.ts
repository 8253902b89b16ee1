/** The handles around a selection: where they are, and which one a pointer is on. */
import type { Shape } from '../board/schema';
import { rotatePoint } from '../geometry/transform';
import type { Point } from '../geometry/types';
import { boxCenter } from '../geometry/transform';
import { HANDLE_SIZE_PX } from '../render/overlay';
import {
  CORNER_HANDLES,
  type Handle,
  HANDLES,
  handlePosition,
  rotationHandlePosition,
  type SelectionFrame,
  selectionFrame,
} from './transform';

/** The pointer grabs a handle a little beyond its painted square (HANDLE_SIZE_PX). */
const HANDLE_GRAB_PX = 9;
/** The rotation handle sits this far (screen pixels) above the frame. */
export const ROTATION_HANDLE_OFFSET_PX = 24;
/** Below this screen size the edge handles would crowd the corners, so they are left out. */
const MIN_SIZE_FOR_EDGE_HANDLES_PX = HANDLE_SIZE_PX * 4;

export interface SelectionHandles {
  frame: SelectionFrame;
  resize: { handle: Handle; at: Point }[];
  rotate: Point | null;
  /** The two ends of a single selected line or arrow, which are dragged instead of a frame. */
  endpoints: { index: 0 | 1; at: Point }[];
}

export type HandleHit = { kind: 'resize'; handle: Handle } | { kind: 'rotate' } | { kind: 'endpoint'; index: 0 | 1 };

/** The absolute, rotated position of a line's first (0) or last (1) point. */
export function lineEndpoint(shape: Shape, index: 0 | 1): Point {
  if (!('points' in shape) || shape.points.length < 2) return { x: shape.x, y: shape.y };
  const stride = shape.type === 'pen' ? 3 : 2;
  const i = index === 0 ? 0 : shape.points.length - stride;
  const point = { x: shape.x + shape.points[i]!, y: shape.y + shape.points[i + 1]! };
  return rotatePoint(point, boxCenter(shape), shape.rotation);
}

function isTwoPointLine(shape: Shape): boolean {
  return (shape.type === 'line' || shape.type === 'arrow') && shape.points.length === 4;
}

export function selectionHandles(shapes: readonly Shape[], zoom: number): SelectionHandles | null {
  const frame = selectionFrame(shapes);
  if (!frame) return null;
  if (shapes.length === 1 && isTwoPointLine(shapes[0]!)) {
    const line = shapes[0]!;
    return { frame, resize: [], rotate: null, endpoints: [0, 1].map((index) => ({ index: index as 0 | 1, at: lineEndpoint(line, index as 0 | 1) })) };
  }
  const small = Math.min(frame.box.w, frame.box.h) * zoom < MIN_SIZE_FOR_EDGE_HANDLES_PX;
  const textOnly = shapes.every((shape) => shape.type === 'text');
  const handles = small || textOnly ? CORNER_HANDLES : HANDLES;
  return {
    frame,
    resize: handles.map((handle) => ({ handle, at: handlePosition(frame, handle) })),
    rotate: rotationHandlePosition(frame, ROTATION_HANDLE_OFFSET_PX / zoom),
    endpoints: [],
  };
}

/** The handle under a board point, if any. */
export function handleAt(handles: SelectionHandles, point: Point, zoom: number): HandleHit | null {
  const reach = HANDLE_GRAB_PX / zoom;
  const near = (at: Point) => Math.abs(at.x - point.x) <= reach && Math.abs(at.y - point.y) <= reach;
  for (const { index, at } of handles.endpoints) if (near(at)) return { kind: 'endpoint', index };
  if (handles.rotate && near(handles.rotate)) return { kind: 'rotate' };
  for (const { handle, at } of handles.resize) if (near(at)) return { kind: 'resize', handle };
  return null;
}
