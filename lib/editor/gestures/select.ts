/**
 * The Select tool: click, Shift-click and marquee selection; moving, resizing (eight handles),
 * rotating and dragging the ends of a line. Transforms work on a snapshot of the shapes taken at
 * the press and commit one update at the release.
 */
import type { ShapePatch } from '../../board/doc';
import type { Shape } from '../../board/schema';
import { boxContainsPoint, expandBox, normalizeRect } from '../../geometry/box';
import { shapeBox } from '../../geometry/shape-bounds';
import { type SnapGuide, snapBox } from '../../geometry/snap';
import { HIT_TOLERANCE_PX, shapeInsideBox, topmostShapeAt } from '../../geometry/hit-test';
import { boxCenter, normalizeAngle, rotatedBounds, snapAngle } from '../../geometry/transform';
import type { Box, Point } from '../../geometry/types';
import { handleAt, lineEndpoint, selectionHandles } from '../handles';
import { type Handle, keepsAspect, moveShapesBy, resizeFrame, resizeShapes, rotateShapes, type SelectionFrame, selectionFrame } from '../transform';
import { lineEnd } from './draw';
import { bindingTargetAt, lineGeometry } from '../../geometry/binding';
import { unlocked } from '../lock';
import { type EditorCommand, type GestureContext, IDLE, type IdleGesture, movedPast, type PointerSample, snapToGrid, type ToolStep } from './vocabulary';

interface Drag {
  origin: Point;
  current: Point;
  dragged: boolean;
  shift: boolean;
}

export type SelectGesture =
  | (Drag & {
      kind: 'move';
      /** The shapes being moved, as they were at the press. */
      start: readonly Shape[];
      /** The box the moved shapes cover at the press (rotated bounds): what snaps to the grid and to other shapes. */
      bounds: Box;
      /** On a click without a drag, narrow the selection to these shapes (one shape or its group). */
      narrowTo: readonly string[] | null;
    })
  | (Drag & { kind: 'marquee'; base: readonly string[] })
  | (Drag & { kind: 'resize'; handle: Handle; start: readonly Shape[]; frame: SelectionFrame })
  | (Drag & { kind: 'rotate'; start: readonly Shape[]; center: Point; startAngle: number })
  | (Drag & { kind: 'endpoint'; start: Shape; index: 0 | 1 });

type Step = ToolStep<SelectGesture | IdleGesture>;

function selectedShapes(ctx: GestureContext, ids: readonly string[]): Shape[] {
  return ids.flatMap((id) => ctx.getShape(id) ?? []);
}

function drag(sample: PointerSample): Drag {
  return { origin: sample.point, current: sample.point, dragged: false, shift: sample.shift };
}

function startMove(ctx: GestureContext, sample: PointerSample, ids: readonly string[], narrowTo: readonly string[] | null): SelectGesture {
  const start = unlocked(selectedShapes(ctx, ids));
  const frame = selectionFrame(start);
  const bounds = frame ? rotatedBounds(frame.box, frame.rotation) : { x: 0, y: 0, w: 0, h: 0 };
  return { kind: 'move', ...drag(sample), start, bounds, narrowTo };
}

/** The shape under the pointer, topmost first; locked shapes are passed through. */
function shapeAt(ctx: GestureContext, point: Point): Shape | null {
  const tolerance = HIT_TOLERANCE_PX / ctx.zoom;
  const near = ctx.shapesIn({ x: point.x - tolerance, y: point.y - tolerance, w: tolerance * 2, h: tolerance * 2 });
  return topmostShapeAt(unlocked(near), point, tolerance);
}

function startMarquee(ctx: GestureContext, sample: PointerSample): Step {
  const base = sample.shift ? ctx.selection : [];
  const clear = !sample.shift && ctx.selection.length > 0;
  return { gesture: { kind: 'marquee', ...drag(sample), base }, commands: clear ? [{ type: 'select', ids: [] }] : [] };
}

/** On a read-only board a press only selects: a click or Shift-click, or a marquee. */
function selectOnlyDown(ctx: GestureContext, sample: PointerSample): Step {
  const hit = shapeAt(ctx, sample.point);
  if (!hit) return startMarquee(ctx, sample);
  const members = ctx.withGroups([hit.id]);
  const toggled = ctx.selection.includes(hit.id) ? ctx.selection.filter((id) => !members.includes(id)) : [...new Set([...ctx.selection, ...members])];
  return { gesture: IDLE, commands: [{ type: 'select', ids: sample.shift ? toggled : members }] };
}

export function selectDown(ctx: GestureContext, sample: PointerSample): Step {
  if (ctx.readOnly) return selectOnlyDown(ctx, sample);
  // A locked shape in the selection (selected by a double-click, to unlock it) has no handles.
  const selected = unlocked(selectedShapes(ctx, ctx.selection));
  const handles = selectionHandles(selected, ctx.zoom);
  const onHandle = handles ? handleAt(handles, sample.point, ctx.zoom) : null;
  if (handles && onHandle) {
    if (onHandle.kind === 'endpoint') {
      return { gesture: { kind: 'endpoint', ...drag(sample), start: selected[0]!, index: onHandle.index }, commands: [] };
    }
    if (onHandle.kind === 'rotate') {
      const center = boxCenter(handles.frame.box);
      const startAngle = Math.atan2(sample.point.y - center.y, sample.point.x - center.x);
      return { gesture: { kind: 'rotate', ...drag(sample), start: selected, center, startAngle }, commands: [] };
    }
    return { gesture: { kind: 'resize', ...drag(sample), handle: onHandle.handle, start: selected, frame: handles.frame }, commands: [] };
  }

  const hit = shapeAt(ctx, sample.point);
  if (hit) {
    const wasSelected = ctx.selection.includes(hit.id);
    // A click takes the shape's whole group (a group's shape selected alone was entered by a double-click).
    const members = ctx.withGroups([hit.id]);
    if (sample.shift) {
      // Shift-click toggles the shape (its group); a shape just added can be dragged with the rest at once.
      const ids = wasSelected ? ctx.selection.filter((id) => !members.includes(id)) : [...new Set([...ctx.selection, ...members])];
      return { gesture: wasSelected ? IDLE : startMove(ctx, sample, ids, null), commands: [{ type: 'select', ids }] };
    }
    if (wasSelected) {
      const narrowTo = ctx.selection.some((id) => !members.includes(id)) ? members.filter((id) => ctx.selection.includes(id)) : null;
      return { gesture: startMove(ctx, sample, ctx.selection, narrowTo), commands: [] };
    }
    return { gesture: startMove(ctx, sample, members, null), commands: [{ type: 'select', ids: members }] };
  }
  // A press inside the frame of several selected shapes drags them all, as on a group.
  if (handles && selected.length > 1 && boxContainsPoint(handles.frame.box, sample.point) && !sample.shift) {
    return { gesture: startMove(ctx, sample, ctx.selection, null), commands: [] };
  }
  return startMarquee(ctx, sample);
}

export function selectMove(gesture: SelectGesture, ctx: GestureContext, sample: PointerSample): Step {
  const dragged = gesture.dragged || movedPast(gesture.origin, sample.point, ctx.zoom);
  const next = { ...gesture, current: sample.point, dragged, shift: sample.shift } as SelectGesture;
  if (next.kind !== 'marquee' || !dragged) return { gesture: next, commands: [] };
  // The marquee selects as it goes: shapes wholly inside it with their groups, added to what Shift kept.
  const box = normalizeRect(next.origin, next.current);
  const inside = ctx.withGroups(unlocked(ctx.shapesIn(box)).filter((shape) => shapeInsideBox(shape, box)).map((shape) => shape.id));
  const ids = [...new Set([...next.base, ...inside])];
  return { gesture: next, commands: [{ type: 'select', ids }] };
}

/** A moved shape's edge or centre this close (screen pixels) to another shape's snaps to it. */
export const SNAP_THRESHOLD_PX = 8;
/** How far (screen pixels) around the moved shapes other shapes are looked for to snap to. */
const SNAP_REACH_PX = 1500;

/** What the moved shapes may snap to: the boxes of the shapes near them, but the moved ones and connectors that follow them. */
function snapTargets(gesture: Extract<SelectGesture, { kind: 'move' }>, ctx: GestureContext, moved: Box): Box[] {
  const ids = new Set(gesture.start.map((shape) => shape.id));
  const follows = (shape: Shape) => 'startBinding' in shape && (ids.has(shape.startBinding ?? '') || ids.has(shape.endBinding ?? ''));
  return ctx
    .shapesIn(expandBox(moved, SNAP_REACH_PX / ctx.zoom))
    .filter((shape) => !ids.has(shape.id) && !follows(shape))
    .map((shape) => rotatedBounds(shapeBox(shape), shape.rotation));
}

/**
 * The move so far: constrained to one axis with Shift, its box's edges and centres snapped to
 * other shapes' within SNAP_THRESHOLD_PX (with the guides to draw), else to the grid when it is on.
 */
export function moveSnap(gesture: Extract<SelectGesture, { kind: 'move' }>, ctx: GestureContext): { delta: Point; guides: SnapGuide[] } {
  let dx = gesture.current.x - gesture.origin.x;
  let dy = gesture.current.y - gesture.origin.y;
  const axes = { x: true, y: true };
  if (gesture.shift) {
    if (Math.abs(dx) > Math.abs(dy)) [dy, axes.y] = [0, false];
    else [dx, axes.x] = [0, false];
  }
  const moved = { ...gesture.bounds, x: gesture.bounds.x + dx, y: gesture.bounds.y + dy };
  const snap = snapBox(moved, snapTargets(gesture, ctx, moved), SNAP_THRESHOLD_PX / ctx.zoom, axes);
  const snappedX = snap.guides.some((guide) => guide.axis === 'x');
  const snappedY = snap.guides.some((guide) => guide.axis === 'y');
  const grid = snapToGrid({ x: moved.x, y: moved.y }, ctx.grid);
  dx = snappedX ? dx + snap.dx : axes.x ? grid.x - gesture.bounds.x : dx;
  dy = snappedY ? dy + snap.dy : axes.y ? grid.y - gesture.bounds.y : dy;
  return { delta: { x: dx, y: dy }, guides: snap.guides };
}

/** The move so far (see moveSnap). */
export function moveDelta(gesture: Extract<SelectGesture, { kind: 'move' }>, ctx: GestureContext): Point {
  return moveSnap(gesture, ctx).delta;
}

function endpointPatch(gesture: Extract<SelectGesture, { kind: 'endpoint' }>, ctx: GestureContext): ShapePatch {
  const shape = gesture.start;
  const fixed = lineEndpoint(shape, gesture.index === 0 ? 1 : 0);
  const moved = snapToGrid(lineEnd(fixed, gesture.current, gesture.shift), gesture.shift ? null : ctx.grid);
  // The rotation is folded into the points: the line is stored unrotated from now on.
  const ends = gesture.index === 0 ? [moved, fixed] : [fixed, moved];
  const geometry = { ...lineGeometry(ends), rotation: 0 };
  if (shape.type !== 'line' && shape.type !== 'arrow') return geometry;
  // The dragged end binds to the shape it is let go on (or to none); the other end keeps its own.
  const target = bindingTargetAt(ctx.shapesIn({ ...moved, w: 0, h: 0 }), moved, shape.id);
  return { ...geometry, [gesture.index === 0 ? 'startBinding' : 'endBinding']: target?.id ?? '' };
}

/** What the shapes being transformed would become now. */
export function transformPatches(gesture: SelectGesture, ctx: GestureContext): Map<string, ShapePatch> | null {
  if (!gesture.dragged) return null;
  switch (gesture.kind) {
    case 'marquee':
      return null;
    case 'move': {
      const { x, y } = moveDelta(gesture, ctx);
      return moveShapesBy(gesture.start, x, y);
    }
    case 'resize': {
      const pointer = snapToGrid(gesture.current, ctx.grid);
      const resize = resizeFrame(gesture.frame, gesture.handle, pointer, gesture.shift || keepsAspect(gesture.start));
      return resizeShapes(gesture.start, gesture.frame, resize);
    }
    case 'rotate': {
      const angle = Math.atan2(gesture.current.y - gesture.center.y, gesture.current.x - gesture.center.x) - gesture.startAngle;
      let delta = normalizeAngle(angle);
      if (gesture.shift) {
        // Shift turns in 15-degree steps: one shape to absolute angles, several by the turn.
        const base = gesture.start.length === 1 ? gesture.start[0]!.rotation : 0;
        delta = snapAngle(base + delta) - base;
      }
      return rotateShapes(gesture.start, gesture.center, delta);
    }
    case 'endpoint':
      return new Map([[gesture.start.id, endpointPatch(gesture, ctx)]]);
  }
}

export function selectPreview(gesture: SelectGesture, ctx: GestureContext): { patches: Map<string, ShapePatch> | null; marquee: Box | null; guides: readonly SnapGuide[] } {
  return {
    patches: transformPatches(gesture, ctx),
    marquee: gesture.kind === 'marquee' && gesture.dragged ? normalizeRect(gesture.origin, gesture.current) : null,
    guides: gesture.kind === 'move' && gesture.dragged ? moveSnap(gesture, ctx).guides : [],
  };
}

export function finishSelect(gesture: SelectGesture, ctx: GestureContext): EditorCommand[] {
  const patches = transformPatches(gesture, ctx);
  if (patches && patches.size > 0) return [{ type: 'update', patches }];
  if (gesture.kind === 'move' && !gesture.dragged && gesture.narrowTo) return [{ type: 'select', ids: gesture.narrowTo }];
  return [];
}

