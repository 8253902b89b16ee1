/**
 * The tool state machine: pointer samples in board coordinates in, the next gesture state and the
 * document commands out. No document, no DOM: the Editor applies the commands.
 *
 * A gesture commits once, at its end (pointer up), so that one gesture is one document update and
 * one undo step. While it runs, `gesturePreview` says what to paint on the overlay.
 */
import type { Shape } from '../board/schema';
import { normalizeRect } from '../geometry/box';
import { HIT_TOLERANCE_PX, topmostShapeAt } from '../geometry/hit-test';
import type { Box, Point } from '../geometry/types';
import { appendPenPoint, MAX_PEN_POINTS, penGeometry } from './pen';
import { DEFAULT_STROKE, PEN_STROKE_WIDTH, RECTANGLE_STROKE_WIDTH } from './style';
import type { ToolId } from './tools';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A complete shape but for the id and z order, which the document assigns. */
export type NewShape = DistributiveOmit<Shape, 'id' | 'z'>;

export interface PointerSample {
  point: Point;
  /** Already normalised (see `normalizePressure`). */
  pressure: number;
  shift: boolean;
}

export interface GestureContext {
  tool: ToolId;
  /** In paint order: the last one is on top. */
  shapes: readonly Shape[];
  selection: readonly string[];
  userId: string;
  /** Screen pixels per board unit: thresholds are in screen pixels. */
  zoom: number;
}

export type EditorCommand =
  | { type: 'add'; shape: NewShape }
  | { type: 'move'; ids: readonly string[]; dx: number; dy: number }
  | { type: 'select'; ids: readonly string[] };

export type Gesture =
  | { kind: 'idle' }
  | { kind: 'rectangle'; origin: Point; current: Point; dragged: boolean }
  /** Absolute [x, y, pressure, ...], appended in place: copying per sample would be quadratic. */
  | { kind: 'pen'; points: number[] }
  | {
      kind: 'move';
      ids: readonly string[];
      /** Whether a click without a drag narrows the selection to `hitId`. */
      narrowOnClick: boolean;
      hitId: string;
      origin: Point;
      current: Point;
      dragged: boolean;
    };

export interface Step {
  gesture: Gesture;
  commands: EditorCommand[];
}

export const IDLE: Gesture = { kind: 'idle' };

/** A press that moves less than this (screen pixels) is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 3;
/** Pen samples closer than this (screen pixels) to the previous one are dropped. */
const PEN_MIN_DISTANCE_PX = 0.5;

function movedPast(origin: Point, current: Point, zoom: number): boolean {
  return Math.hypot(current.x - origin.x, current.y - origin.y) >= DRAG_THRESHOLD_PX / zoom;
}

export function rectangleShape(box: Box, userId: string): NewShape {
  return {
    type: 'rectangle',
    ...box,
    rotation: 0,
    stroke: DEFAULT_STROKE,
    fill: 'none',
    strokeWidth: RECTANGLE_STROKE_WIDTH,
    opacity: 1,
    createdBy: userId,
  };
}

export function penShape(absolutePoints: readonly number[], userId: string): NewShape {
  return {
    type: 'pen',
    ...penGeometry(absolutePoints),
    rotation: 0,
    stroke: DEFAULT_STROKE,
    fill: 'none',
    strokeWidth: PEN_STROKE_WIDTH,
    opacity: 1,
    createdBy: userId,
  };
}

function selectDown(ctx: GestureContext, sample: PointerSample): Step {
  const hit = topmostShapeAt(ctx.shapes, sample.point, HIT_TOLERANCE_PX / ctx.zoom);
  if (!hit) {
    const clear = !sample.shift && ctx.selection.length > 0;
    return { gesture: IDLE, commands: clear ? [{ type: 'select', ids: [] }] : [] };
  }
  const wasSelected = ctx.selection.includes(hit.id);
  const move = (ids: readonly string[], narrowOnClick: boolean): Gesture => ({
    kind: 'move',
    ids,
    narrowOnClick,
    hitId: hit.id,
    origin: sample.point,
    current: sample.point,
    dragged: false,
  });
  if (sample.shift) {
    // Shift-click toggles the shape; a shape just added can be dragged with the rest at once.
    const ids = wasSelected ? ctx.selection.filter((id) => id !== hit.id) : [...ctx.selection, hit.id];
    return { gesture: wasSelected ? IDLE : move(ids, false), commands: [{ type: 'select', ids }] };
  }
  if (wasSelected) return { gesture: move(ctx.selection, ctx.selection.length > 1), commands: [] };
  return { gesture: move([hit.id], false), commands: [{ type: 'select', ids: [hit.id] }] };
}

export function pointerDown(ctx: GestureContext, sample: PointerSample): Step {
  switch (ctx.tool) {
    case 'select':
      return selectDown(ctx, sample);
    case 'rectangle':
      return { gesture: { kind: 'rectangle', origin: sample.point, current: sample.point, dragged: false }, commands: [] };
    case 'pen':
      return { gesture: { kind: 'pen', points: [sample.point.x, sample.point.y, sample.pressure] }, commands: [] };
  }
}

export function pointerMove(gesture: Gesture, ctx: GestureContext, sample: PointerSample): Step {
  switch (gesture.kind) {
    case 'idle':
      return { gesture, commands: [] };
    case 'rectangle':
    case 'move': {
      const dragged = gesture.dragged || movedPast(gesture.origin, sample.point, ctx.zoom);
      return { gesture: { ...gesture, current: sample.point, dragged }, commands: [] };
    }
    case 'pen': {
      const { points } = gesture;
      if (points.length / 3 >= MAX_PEN_POINTS) {
        // A stroke that reaches the schema's point limit is stored and continued as a new one.
        const last = points.slice(-3);
        const next: Gesture = { kind: 'pen', points: last };
        appendPenPoint(next.points, sample.point, sample.pressure, PEN_MIN_DISTANCE_PX / ctx.zoom);
        return { gesture: next, commands: [{ type: 'add', shape: penShape(points, ctx.userId) }] };
      }
      appendPenPoint(points, sample.point, sample.pressure, PEN_MIN_DISTANCE_PX / ctx.zoom);
      return { gesture, commands: [] };
    }
  }
}

export function pointerUp(gesture: Gesture, ctx: GestureContext, sample: PointerSample): Step {
  const moved = pointerMove(gesture, ctx, sample);
  return { gesture: IDLE, commands: [...moved.commands, ...finish(moved.gesture, ctx)] };
}

function finish(gesture: Gesture, ctx: GestureContext): EditorCommand[] {
  switch (gesture.kind) {
    case 'idle':
      return [];
    case 'rectangle':
      // A click without a drag draws nothing.
      if (!gesture.dragged) return [];
      return [{ type: 'add', shape: rectangleShape(normalizeRect(gesture.origin, gesture.current), ctx.userId) }];
    case 'pen':
      // A tap leaves a dot, as on paper.
      return [{ type: 'add', shape: penShape(gesture.points, ctx.userId) }];
    case 'move':
      if (gesture.dragged) {
        const dx = gesture.current.x - gesture.origin.x;
        const dy = gesture.current.y - gesture.origin.y;
        return [{ type: 'move', ids: gesture.ids, dx, dy }];
      }
      return gesture.narrowOnClick ? [{ type: 'select', ids: [gesture.hitId] }] : [];
  }
}

export interface GesturePreview {
  /** The shape being drawn. */
  shape: NewShape | null;
  /** Shapes being dragged and by how much. */
  move: { ids: readonly string[]; dx: number; dy: number } | null;
}

export function gesturePreview(gesture: Gesture, userId: string): GesturePreview {
  switch (gesture.kind) {
    case 'idle':
      return { shape: null, move: null };
    case 'rectangle':
      return {
        shape: gesture.dragged ? rectangleShape(normalizeRect(gesture.origin, gesture.current), userId) : null,
        move: null,
      };
    case 'pen':
      return { shape: penShape(gesture.points, userId), move: null };
    case 'move':
      return {
        shape: null,
        move: gesture.dragged
          ? { ids: gesture.ids, dx: gesture.current.x - gesture.origin.x, dy: gesture.current.y - gesture.origin.y }
          : null,
      };
  }
}
