/** The eraser: drag across shapes to delete them, all at once at the end (one undo step). */
import { HIT_TOLERANCE_PX, hitTestShape } from '../../geometry/hit-test';
import type { Point } from '../../geometry/types';
import { unlocked } from '../lock';
import type { EditorCommand, GestureContext, PointerSample, ToolStep } from './vocabulary';

export interface EraseGesture {
  kind: 'erase';
  /** Shapes the eraser has touched so far: previewed faded, deleted at the end. */
  ids: ReadonlySet<string>;
  last: Point;
}

/** The eraser's radius in screen pixels. */
export const ERASER_RADIUS_PX = 8;

/** Shapes whose ink passes within the eraser's radius of the segment from `a` to `b`. */
function touchedAlong(ctx: GestureContext, a: Point, b: Point): string[] {
  const radius = Math.max(ERASER_RADIUS_PX, HIT_TOLERANCE_PX) / ctx.zoom;
  const box = {
    x: Math.min(a.x, b.x) - radius,
    y: Math.min(a.y, b.y) - radius,
    w: Math.abs(b.x - a.x) + radius * 2,
    h: Math.abs(b.y - a.y) + radius * 2,
  };
  const candidates = unlocked(ctx.shapesIn(box));
  if (candidates.length === 0) return [];
  // Sample the segment densely enough that no stroke thinner than the radius slips between.
  const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / radius));
  const touched: string[] = [];
  for (const shape of candidates) {
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const point = { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      // Only ink counts: sweeping through the inside of a hollow shape leaves it.
      if (hitTestShape(shape, point, radius) === 'ink') {
        touched.push(shape.id);
        break;
      }
    }
  }
  return touched;
}

function extend(gesture: EraseGesture, ctx: GestureContext, to: Point): EraseGesture {
  const touched = touchedAlong(ctx, gesture.last, to).filter((id) => !gesture.ids.has(id));
  return { kind: 'erase', ids: touched.length > 0 ? new Set([...gesture.ids, ...touched]) : gesture.ids, last: to };
}

export function eraseDown(ctx: GestureContext, sample: PointerSample): ToolStep<EraseGesture> {
  return { gesture: extend({ kind: 'erase', ids: new Set(), last: sample.point }, ctx, sample.point), commands: [] };
}

export function eraseMove(gesture: EraseGesture, ctx: GestureContext, sample: PointerSample): ToolStep<EraseGesture> {
  return { gesture: extend(gesture, ctx, sample.point), commands: [] };
}

export function finishErase(gesture: EraseGesture): EditorCommand[] {
  return gesture.ids.size > 0 ? [{ type: 'delete', ids: [...gesture.ids] }] : [];
}
