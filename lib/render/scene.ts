/**
 * The two canvas layers. The static layer holds committed shapes and is redrawn only when they or
 * the viewport change; the overlay holds what changes per frame: selection outlines, the gesture
 * in progress, shapes being dragged.
 */
import type { Shape } from '../board/schema';
import { boxesIntersect, expandBox, translateBox } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import { boardToScreen, type Viewport, visibleBoardRect } from '../geometry/viewport';
import { drawShape } from './draw-shape';

/** What a layer needs to know about its canvas: CSS size, pixel ratio and the viewport. */
export interface Frame {
  viewport: Viewport;
  width: number;
  height: number;
  dpr: number;
}

export interface Overlay {
  /** Selected shapes, outlined (shifted by `offset` while they are dragged). */
  selected: readonly Shape[];
  /** Shapes being dragged: hidden on the static layer, painted here at `offset`. */
  moving: readonly Shape[];
  offset: { dx: number; dy: number };
  /** A shape being drawn. */
  preview: Shape | null;
}

export const SELECTION_COLOR = '#1971c2';
/** Gap in screen pixels between a shape and its selection outline. */
const SELECTION_PADDING_PX = 4;

function clear(ctx: CanvasRenderingContext2D, frame: Frame): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, frame.width * frame.dpr, frame.height * frame.dpr);
}

function setBoardTransform(ctx: CanvasRenderingContext2D, frame: Frame, dx = 0, dy = 0): void {
  const { viewport, dpr } = frame;
  const scale = dpr * viewport.zoom;
  ctx.setTransform(scale, 0, 0, scale, (dx - viewport.x) * scale, (dy - viewport.y) * scale);
}

function drawVisibleShapes(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  shapes: readonly Shape[],
  dx = 0,
  dy = 0,
  skip?: ReadonlySet<string>,
): void {
  const visible = visibleBoardRect(frame.viewport, frame.width, frame.height);
  setBoardTransform(ctx, frame, dx, dy);
  for (const shape of shapes) {
    if (skip?.has(shape.id)) continue;
    if (!boxesIntersect(translateBox(shapeVisualBounds(shape), dx, dy), visible)) continue;
    drawShape(ctx, shape);
  }
}

export function drawStaticLayer(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  shapes: readonly Shape[],
  hidden: ReadonlySet<string>,
): void {
  clear(ctx, frame);
  drawVisibleShapes(ctx, frame, shapes, 0, 0, hidden);
}

export function drawOverlayLayer(ctx: CanvasRenderingContext2D, frame: Frame, overlay: Overlay): void {
  clear(ctx, frame);
  const { dx, dy } = overlay.offset;
  drawVisibleShapes(ctx, frame, overlay.moving, dx, dy);
  if (overlay.preview) {
    setBoardTransform(ctx, frame);
    drawShape(ctx, overlay.preview, false);
  }
  // Outlines are drawn in screen space so that they stay one pixel wide at any zoom.
  ctx.setTransform(frame.dpr, 0, 0, frame.dpr, 0, 0);
  ctx.strokeStyle = SELECTION_COLOR;
  ctx.lineWidth = 1.5;
  const movingIds = new Set(overlay.moving.map((shape) => shape.id));
  for (const shape of overlay.selected) {
    const moved = movingIds.has(shape.id);
    const box = expandBox(
      translateBox(shapeVisualBounds(shape), moved ? dx : 0, moved ? dy : 0),
      SELECTION_PADDING_PX / frame.viewport.zoom,
    );
    const topLeft = boardToScreen(frame.viewport, box);
    const zoom = frame.viewport.zoom;
    ctx.strokeRect(topLeft.x, topLeft.y, box.w * zoom, box.h * zoom);
  }
}
