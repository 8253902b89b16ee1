/**
 * The tool state machine: pointer samples in board coordinates in, the next gesture state and the
 * document commands out. No document, no DOM: the Editor applies the commands.
 *
 * A gesture commits once, at its end (pointer up), so that one gesture is one document update and
 * one undo step. While it runs, `gesturePreview` says what to paint on the overlay. The tools live
 * in gestures/: drawing (draw.ts), selecting and transforming (select.ts), erasing (erase.ts).
 */
import type { SnapGuide } from '../geometry/snap';
import type { ShapePatch } from '../board/doc';
import type { ShapeDraft } from '../board/schema';
import type { Box } from '../geometry/types';
import { unionBoxes } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import { withFollowersNear } from './bindings';
import { moveShapesBy } from './transform';
import type { LiveGesture, ShapeEdit } from '../presence/preview';
import { drawDown, drawMove, drawPreview, finishDraw, type DrawGesture } from './gestures/draw';
import { eraseDown, eraseMove, finishErase, type EraseGesture } from './gestures/erase';
import { finishSelect, moveDelta, selectDown, selectMove, selectPreview, type SelectGesture } from './gestures/select';
import { type EditorCommand, type GestureContext, IDLE, type IdleGesture, type PointerSample, type ToolStep } from './gestures/vocabulary';

export {
  DRAG_THRESHOLD_PX,
  type EditorCommand,
  type GestureContext,
  IDLE,
  movedPast,
  type PointerSample,
  snapToGrid,
} from './gestures/vocabulary';

export type Gesture = IdleGesture | DrawGesture | SelectGesture | EraseGesture | { kind: 'laser' };

export type Step = ToolStep<Gesture>;

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
  shape: ShapeDraft | null;
  /** Shapes being moved, resized or rotated: what they would become. */
  patches: ReadonlyMap<string, ShapePatch> | null;
  /** The marquee being dragged. */
  marquee: Box | null;
  /** Shapes the eraser will delete. */
  erasing: ReadonlySet<string>;
  /** Lines the moved shapes snapped to (other shapes' edges and centres). */
  guides: readonly SnapGuide[];
}

const NOTHING: ReadonlySet<string> = new Set();
const NO_PREVIEW: GestureView = { shape: null, patches: null, marquee: null, erasing: NOTHING, guides: [] };

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
    default: {
      const view = selectPreview(gesture, ctx);
      // Connectors bound to shapes being moved, resized or rotated follow them as they go.
      const follows = gesture.kind === 'move' || gesture.kind === 'resize' || gesture.kind === 'rotate';
      return { ...NO_PREVIEW, ...view, patches: follows && view.patches ? withFollowers(view.patches, ctx) : view.patches };
    }
  }
}

/** `patches` and the patches of the connectors bound to the changed shapes, following them. */
export function withFollowers(patches: ReadonlyMap<string, ShapePatch>, ctx: GestureContext): Map<string, ShapePatch> {
  const changed = [...patches.keys()].flatMap((id) => ctx.getShape(id) ?? []);
  if (changed.length === 0) return new Map(patches);
  const near = ctx.shapesIn(unionBoxes(changed.map(shapeVisualBounds)));
  return withFollowersNear(patches, near, ctx.getShape);
}

/** What others see of a shape being resized, rotated or reshaped: the geometry it has now. */
function liveEdit(id: string, patch: ShapePatch): ShapeEdit {
  const { x, y, w, h, rotation, points, text, fontSize } = patch;
  const edit: ShapeEdit = { id, x, y, w, h, rotation, points, text, fontSize };
  for (const key of Object.keys(edit) as (keyof ShapeEdit)[]) if (edit[key] === undefined) delete edit[key];
  return edit;
}

/** The gesture in progress as others should see it. */
export function liveGesture(gesture: Gesture, ctx: GestureContext): LiveGesture {
  if (gesture.kind === 'move') {
    if (!gesture.dragged) return { shape: null, move: null };
    const { x, y } = moveDelta(gesture, ctx);
    const move = { ids: gesture.start.map((shape) => shape.id), dx: x, dy: y };
    // With bound connectors following, others get every changed shape's geometry instead of the offset.
    const moved = moveShapesBy(gesture.start, x, y);
    const followed = withFollowers(moved, ctx);
    if (followed.size === moved.size) return { shape: null, move };
    return { shape: null, move, edits: [...followed].map(([id, patch]) => liveEdit(id, patch)) };
  }
  const view = gesturePreview(gesture, ctx);
  if (!view.patches) return { shape: view.shape, move: null };
  const edits = [...view.patches].map(([id, patch]) => liveEdit(id, patch));
  return { shape: null, move: null, edits };
}
