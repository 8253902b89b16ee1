/** Drawing tools: boxes (rectangle, ellipse, diamond, sticky note), lines and arrows, pen, text. */
import { lineGeometry } from '../../geometry/binding';
import { normalizeRect } from '../../geometry/box';
import { HIT_TOLERANCE_PX, topmostShapeAt } from '../../geometry/hit-test';
import { snapAngle } from '../../geometry/transform';
import type { Box, Point } from '../../geometry/types';
import type { ShapeDraft } from '../../board/schema';
import { appendPenPoint, coordinateQuantum, MAX_PEN_POINTS, penGeometry } from '../pen';
import { bindConnector, type ConnectorDraft } from '../bindings';
import { styleProps, textStyleProps } from '../style';
import { type BoxToolId, isBoxTool, isLineTool, type LineToolId } from '../tools';
import { type EditorCommand, type GestureContext, IDLE, type IdleGesture, movedPast, type PointerSample, snapToGrid, type ToolStep } from './vocabulary';

export type DrawGesture =
  | { kind: 'box'; tool: BoxToolId | 'sticky'; origin: Point; current: Point; dragged: boolean; shift: boolean }
  | { kind: 'line'; tool: LineToolId; origin: Point; current: Point; dragged: boolean; shift: boolean }
  /** Absolute [x, y, pressure, ...], appended in place: copying per sample would be quadratic. */
  | { kind: 'pen'; points: number[] };

type Step = ToolStep<DrawGesture | IdleGesture>;

/** A sticky note placed with a click. */
export const STICKY_SIZE = 200;
/** Pen samples closer than this (screen pixels) to the previous one are dropped. */
const PEN_MIN_DISTANCE_PX = 0.5;

/** The box from `origin` to `current`; with `square`, the larger side wins on both axes. */
export function dragBox(origin: Point, current: Point, square: boolean): Box {
  if (!square) return normalizeRect(origin, current);
  const dx = current.x - origin.x;
  const dy = current.y - origin.y;
  const side = Math.max(Math.abs(dx), Math.abs(dy));
  return normalizeRect(origin, { x: origin.x + (Math.sign(dx) || 1) * side, y: origin.y + (Math.sign(dy) || 1) * side });
}

/** The end of a line from `origin` toward `current`, turned to a 15-degree step when constrained. */
export function lineEnd(origin: Point, current: Point, constrain: boolean): Point {
  if (!constrain) return current;
  const length = Math.hypot(current.x - origin.x, current.y - origin.y);
  const angle = snapAngle(Math.atan2(current.y - origin.y, current.x - origin.x));
  return { x: origin.x + length * Math.cos(angle), y: origin.y + length * Math.sin(angle) };
}

function boxShape(tool: BoxToolId | 'sticky', box: Box, ctx: GestureContext): ShapeDraft {
  const common = { ...box, rotation: 0, ...styleProps(tool, ctx.style), ...textStyleProps(tool, ctx.style), createdBy: ctx.userId };
  if (tool === 'sticky') return { ...common, type: 'sticky', text: '', fontSize: ctx.style.fontSize };
  return { ...common, type: tool };
}

export function penStroke(absolutePoints: readonly number[], ctx: GestureContext): ShapeDraft {
  return { type: 'pen', ...penGeometry(absolutePoints, coordinateQuantum(ctx.zoom)), rotation: 0, ...styleProps('pen', ctx.style), createdBy: ctx.userId };
}

function lineShape(gesture: Extract<DrawGesture, { kind: 'line' }>, ctx: GestureContext): ShapeDraft {
  const end = snapToGrid(lineEnd(gesture.origin, gesture.current, gesture.shift), gesture.shift ? null : ctx.grid);
  const geometry = lineGeometry([gesture.origin, end]);
  return { type: gesture.tool, ...geometry, rotation: 0, ...styleProps(gesture.tool, ctx.style), ...textStyleProps(gesture.tool, ctx.style), createdBy: ctx.userId };
}

/** A note dragged smaller than this gets the default size. */
const MIN_STICKY_SIZE = 40;

function stickyBox(gesture: Extract<DrawGesture, { kind: 'box' }>): Box {
  const dragged = dragBox(gesture.origin, gesture.current, true);
  if (gesture.dragged && dragged.w >= MIN_STICKY_SIZE) return dragged;
  return { x: gesture.origin.x - STICKY_SIZE / 2, y: gesture.origin.y - STICKY_SIZE / 2, w: STICKY_SIZE, h: STICKY_SIZE };
}

export function drawDown(ctx: GestureContext, sample: PointerSample): Step {
  const origin = snapToGrid(sample.point, ctx.grid);
  const { tool } = ctx;
  if (tool === 'pen') return { gesture: { kind: 'pen', points: [sample.point.x, sample.point.y, sample.pressure] }, commands: [] };
  if (isLineTool(tool)) return { gesture: { kind: 'line', tool, origin, current: origin, dragged: false, shift: sample.shift }, commands: [] };
  if (isBoxTool(tool) || tool === 'sticky') {
    return { gesture: { kind: 'box', tool, origin, current: origin, dragged: false, shift: sample.shift }, commands: [] };
  }
  if (tool === 'text') {
    // A click on a text edits it; anywhere else starts a new one.
    const tolerance = HIT_TOLERANCE_PX / ctx.zoom;
    const near = ctx.shapesIn({ x: sample.point.x - tolerance, y: sample.point.y - tolerance, w: tolerance * 2, h: tolerance * 2 });
    const hit = topmostShapeAt(near, sample.point, tolerance);
    if (hit && (hit.type === 'text' || hit.type === 'sticky')) return { gesture: IDLE, commands: [{ type: 'edit-text', id: hit.id }] };
    return { gesture: IDLE, commands: [{ type: 'new-text', at: origin }] };
  }
  return { gesture: IDLE, commands: [] };
}

export function drawMove(gesture: DrawGesture, ctx: GestureContext, sample: PointerSample): Step {
  if (gesture.kind === 'pen') {
    const { points } = gesture;
    if (points.length / 3 >= MAX_PEN_POINTS) {
      // A stroke that reaches the schema's point limit is stored and continued as a new one.
      const next: DrawGesture = { kind: 'pen', points: points.slice(-3) };
      appendPenPoint(next.points, sample.point, sample.pressure, PEN_MIN_DISTANCE_PX / ctx.zoom);
      return { gesture: next, commands: [{ type: 'add', shapes: [penStroke(points, ctx)] }] };
    }
    appendPenPoint(points, sample.point, sample.pressure, PEN_MIN_DISTANCE_PX / ctx.zoom);
    return { gesture, commands: [] };
  }
  const current = gesture.kind === 'line' ? sample.point : snapToGrid(sample.point, ctx.grid);
  const dragged = gesture.dragged || movedPast(gesture.origin, sample.point, ctx.zoom);
  return { gesture: { ...gesture, current, dragged, shift: sample.shift }, commands: [] };
}

export function drawPreview(gesture: DrawGesture, ctx: GestureContext): ShapeDraft | null {
  switch (gesture.kind) {
    case 'pen':
      return penStroke(gesture.points, ctx);
    case 'line':
      return gesture.dragged ? lineShape(gesture, ctx) : null;
    case 'box':
      if (gesture.tool === 'sticky') return boxShape('sticky', stickyBox(gesture), ctx);
      return gesture.dragged ? boxShape(gesture.tool, dragBox(gesture.origin, gesture.current, gesture.shift), ctx) : null;
  }
}

export function finishDraw(gesture: DrawGesture, ctx: GestureContext): EditorCommand[] {
  switch (gesture.kind) {
    case 'pen':
      // A tap leaves a dot, as on paper.
      return [{ type: 'add', shapes: [penStroke(gesture.points, ctx)] }];
    case 'line': {
      if (!gesture.dragged) return [];
      // Ends dropped on shapes bind to them.
      const line = lineShape(gesture, ctx) as ConnectorDraft;
      return [{ type: 'add', shapes: [bindConnector(line, ctx.shapesIn(line))] }];
    }
    case 'box':
      // A note is placed with a click and opens for typing; other shapes need a drag.
      if (gesture.tool === 'sticky') return [{ type: 'add', shapes: [boxShape('sticky', stickyBox(gesture), ctx)], edit: true }];
      if (!gesture.dragged) return [];
      return [{ type: 'add', shapes: [boxShape(gesture.tool, dragBox(gesture.origin, gesture.current, gesture.shift), ctx)] }];
  }
}
