/**
 * The tool state machine: pointer samples in board coordinates in, the next gesture state and the
 * document commands out. No document, no DOM: the Editor applies the commands.
 *
 * A gesture commits once, at its end (pointer up), so that one gesture is one document update and
 * one undo step. While it runs, `gesturePreview` says what to paint on the overlay. The tools live
 * in gestures/: drawing (draw.ts), selecting and transforming (select.ts), erasing (erase.ts).
 */
import type { ShapePatch } from '../board/doc';
import type { Shape } from '../board/schema';
import type { Box, Point } from '../geometry/types';
import { drawDown, drawMove, drawPreview, finishDraw, type DrawGesture } from './gestures/draw';
import { eraseDown, eraseMove, finishErase, type EraseGesture } from './gestures/erase';
import { finishSelect, moveDelta, selectDown, selectMove, selectPreview, type SelectGesture } from './gestures/select';
import { DEFAULT_STYLE, type ShapeStyle, styleProps } from './style';
import { penGeometry } from './pen';
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
  selection: readonly string[];
  getShape(id: string): Shape | undefined;
  /** Shapes whose painted bounds meet a box, in paint order (the last one on top). */
  shapesIn(box: Box): readonly Shape[];
  userId: string;
  /** Screen pixels per board unit: thresholds are in screen pixels. */
  zoom: number;
  /** The look of new shapes. */
  style: ShapeStyle;
  /** The grid size to snap to, or null when snapping is off. */
  grid: number | null;
}

export type EditorCommand =
  /** Adds shapes on top; `edit` opens the text editor on the (single) new shape. */
  | { type: 'add'; shapes: NewShape[]; edit?: boolean }
  | { type: 'update'; patches: ReadonlyMap<string, ShapePatch> }
  | { type: 'delete'; ids: readonly string[] }
  | { type: 'select'; ids: readonly string[] }
  /** Opens the text editor on an existing shape, or on a new text at a point. */
  | { type: 'edit-text'; id: string }
  | { type: 'new-text'; at: Point }
  | { type: 'laser'; point: Point };

export type Gesture = { kind: 'idle' } | DrawGesture | SelectGesture | EraseGesture | { kind: 'laser' };

export interface Step {
  gesture: Gesture;
  commands: EditorCommand[];
}

export const IDLE: Gesture = { kind: 'idle' };

/** A press that moves less than this (screen pixels) is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 3;

export function movedPast(origin: Point, current: Point, zoom: number): boolean {
  return Math.hypot(current.x - origin.x, current.y - origin.y) >= DRAG_THRESHOLD_PX / zoom;
}

export function snapToGrid(point: Point, grid: number | null): Point {
  if (!grid) return point;
  return { x: Math.round(point.x / grid) * grid, y: Math.round(point.y / grid) * grid };
}

export function pointerDown(ctx: GestureContext, sample: PointerSample): Step {
  switch (ctx.tool) {
    case 'select':
      return selectDown(ctx, sample);
    case 'eraser':
      return eraseDown(ctx, sample);
    case 'laser':
      return { gesture: { kind: 'laser' }, commands: [{ type: 'laser', point: sample.point }] };
    case 'hand':
      // Panning moves the viewport, not the document: the Editor handles it.
      return { gesture: IDLE, commands: [] };
    default:
      return drawDown(ctx, sample);
  }
}

export function pointerMove(gesture: Gesture, ctx: GestureContext, sample: PointerSample): Step {
  switch (gesture.kind) {
    case 'idle':
      return { gesture, commands: [] };
    case 'laser':
      return { gesture, commands: [{ type: 'laser', point: sample.point }] };
    case 'erase':
      return eraseMove(gesture, ctx, sample);
    case 'box':
    case 'line':
    case 'pen':
      return drawMove(gesture, ctx, sample);
    default:
      return selectMove(gesture, ctx, sample);
  }
}

export function pointerUp(gesture: Gesture, ctx: GestureContext, sample: PointerSample): Step {
  const moved = pointerMove(gesture, ctx, sample);
  const end = moved.gesture;
  let commands: EditorCommand[];
  switch (end.kind) {
    case 'idle':
    case 'laser':
      commands = [];
      break;
    case 'erase':
      commands = finishErase(end);
      break;
    case 'box':
    case 'line':
    case 'pen':
      commands = finishDraw(end, ctx);
      break;
    default:
      commands = finishSelect(end, ctx);
  }
  return { gesture: IDLE, commands: [...moved.commands, ...commands] };
}

/** What the overlay paints for the gesture in progress. */
export interface GestureView {
  /** The shape being drawn. */
  shape: NewShape | null;
  /** Shapes being moved, resized or rotated: what they would become. */
  patches: ReadonlyMap<string, ShapePatch> | null;
  /** The marquee being dragged. */
  marquee: Box | null;
  /** Shapes the eraser will delete. */
  erasing: ReadonlySet<string>;
}

const NOTHING: ReadonlySet<string> = new Set();
const NO_PREVIEW: GestureView = { shape: null, patches: null, marquee: null, erasing: NOTHING };

export function gesturePreview(gesture: Gesture, ctx: GestureContext): GestureView {
  switch (gesture.kind) {
    case 'idle':
    case 'laser':
      return NO_PREVIEW;
    case 'erase':
      return { ...NO_PREVIEW, erasing: gesture.ids };
    case 'box':
    case 'line':
    case 'pen':
      return { ...NO_PREVIEW, shape: drawPreview(gesture, ctx) };
    default:
      return { ...NO_PREVIEW, ...selectPreview(gesture, ctx) };
  }
}

/** A shape changed live other than by a move (resize, rotation, an end of a line, typing). */
export interface LiveEdit {
  id: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  rotation?: number;
  points?: readonly number[];
  text?: string;
  fontSize?: number;
}

/**
 * The gesture in progress as other people see it live (the presence layer publishes it): a shape
 * being drawn, shapes being moved, or `edits` to shapes as they are now.
 */
export interface GesturePreview {
  shape: NewShape | null;
  move: { ids: readonly string[]; dx: number; dy: number } | null;
  edits?: readonly LiveEdit[] | null;
}

const LIVE_KEYS = ['x', 'y', 'w', 'h', 'rotation', 'points', 'text', 'fontSize'] as const;

/** The gesture in progress as others should see it. */
export function liveGesture(gesture: Gesture, ctx: GestureContext): GesturePreview {
  if (gesture.kind === 'move') {
    if (!gesture.dragged) return { shape: null, move: null };
    const { x, y } = moveDelta(gesture, ctx);
    return { shape: null, move: { ids: gesture.start.map((shape) => shape.id), dx: x, dy: y } };
  }
  const view = gesturePreview(gesture, ctx);
  if (!view.patches) return { shape: view.shape, move: null };
  const edits = [...view.patches].map(([id, patch]) => {
    const edit: Record<string, unknown> = { id };
    for (const key of LIVE_KEYS) if (patch[key] !== undefined) edit[key] = patch[key];
    return edit as unknown as LiveEdit;
  });
  return { shape: null, move: null, edits };
}

/** A rectangle in the default style (for tests and tools that build shapes directly). */
export function rectangleShape(box: Box, userId: string): NewShape {
  return { type: 'rectangle', ...box, rotation: 0, ...styleProps('rectangle', DEFAULT_STYLE), createdBy: userId };
}

/** A pen stroke in the default style through absolute points [x, y, pressure, ...]. */
export function penShape(absolutePoints: readonly number[], userId: string): NewShape {
  return { type: 'pen', ...penGeometry(absolutePoints), rotation: 0, ...styleProps('pen', DEFAULT_STYLE), createdBy: userId };
}
