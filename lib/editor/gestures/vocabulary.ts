/**
 * The words the tools and the Editor share: a pointer sample in, what a tool may read of the board
 * (the context), and what it hands back (the next gesture state and document commands). The tools
 * (draw.ts, select.ts, erase.ts) and the dispatcher (../gesture.ts) import this module; it imports
 * neither, so that they do not import each other in a circle.
 */
import type { ShapePatch } from '../../board/doc';
import type { Shape, ShapeDraft } from '../../board/schema';
import type { Box, Point } from '../../geometry/types';
import type { ShapeStyle } from '../style';
import type { ToolId } from '../tools';

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
  /** The ids with the other unlocked shapes of their groups added (what a click selects). */
  withGroups(ids: readonly string[]): readonly string[];
  userId: string;
  /** Screen pixels per board unit: thresholds are in screen pixels. */
  zoom: number;
  /** The look of new shapes. */
  style: ShapeStyle;
  /** The grid size to snap to, or null when snapping is off. */
  grid: number | null;
  /** A read-only board: the Select tool selects but does not move, resize or rotate. */
  readOnly?: boolean;
}

export type EditorCommand =
  /** Adds shapes on top; `edit` opens the text editor on the (single) new shape. */
  | { type: 'add'; shapes: ShapeDraft[]; edit?: boolean }
  | { type: 'update'; patches: ReadonlyMap<string, ShapePatch> }
  | { type: 'delete'; ids: readonly string[] }
  | { type: 'select'; ids: readonly string[] }
  /** Opens the text editor on an existing shape, or on a new text at a point. */
  | { type: 'edit-text'; id: string }
  | { type: 'new-text'; at: Point }
  | { type: 'laser'; point: Point };

export interface IdleGesture {
  kind: 'idle';
}

export const IDLE: IdleGesture = { kind: 'idle' };

/** What a tool returns for each pointer event: its next gesture state and the commands to run. */
export interface ToolStep<G> {
  gesture: G;
  commands: EditorCommand[];
}

/** A press that moves less than this (screen pixels) is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 3;

export function movedPast(origin: Point, current: Point, zoom: number): boolean {
  return Math.hypot(current.x - origin.x, current.y - origin.y) >= DRAG_THRESHOLD_PX / zoom;
}

export function snapToGrid(point: Point, grid: number | null): Point {
  if (!grid) return point;
  return { x: Math.round(point.x / grid) * grid, y: Math.round(point.y / grid) * grid };
}
