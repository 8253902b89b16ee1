/**
 * The static layer: committed shapes in the viewport, culled with the spatial index and drawn
 * with a level of detail that follows their size on screen. Full detail (a wide stroke,
 * a freehand outline, text) is costly to raster in software; a shape a few pixels wide looks the
 * same as a hairline, a box or a dot, which cost a fraction of it. That is what keeps a zoomed-out
 * board of tens of thousands of shapes interactive.
 */
import type { Shape, ShapeOf } from '../board/schema';
import { displayColor } from './colors';
import { drawShape, isPaint, STICKY_FILL } from './draw-shape';
import type { Box } from '../geometry/types';
import { visibleBoardRect, type Viewport } from '../geometry/viewport';

/** A shape with its painted bounds and its place in paint order: an entry of the editor's R-tree. */
export interface IndexedShape {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  shape: Shape;
  /** Position in paint order (0 = bottom); valid until the next change. */
  rank: number;
}

/** What a layer needs to know about its canvas: CSS size, pixel ratio, the viewport and theme. */
export interface Frame {
  viewport: Viewport;
  width: number;
  height: number;
  dpr: number;
  dark: boolean;
}

/** Below this size on screen (CSS pixels) a shape is a dot. */
const DOT_PX = 2.5;
/** Below this size a freehand stroke is drawn as a thin polyline instead of its outline. */
const PEN_DETAIL_PX = 48;
/** Below this font size on screen, text is drawn as grey bars where its lines are. */
const TEXT_DETAIL_PX = 5;
/** Below this size ellipses and diamonds are drawn as boxes. */
const OUTLINE_DETAIL_PX = 8;

/** Board-to-device scale and the translation, snapped to whole device pixels. */
export function boardTransform(frame: Frame): { scale: number; tx: number; ty: number } {
  const scale = frame.dpr * frame.viewport.zoom;
  return { scale, tx: Math.round(-frame.viewport.x * scale), ty: Math.round(-frame.viewport.y * scale) };
}

export function setBoardTransform(ctx: CanvasRenderingContext2D, frame: Frame): void {
  const { scale, tx, ty } = boardTransform(frame);
  ctx.setTransform(scale, 0, 0, scale, tx, ty);
}

export function clearCanvas(ctx: CanvasRenderingContext2D, frame: Frame): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 0, Math.round(frame.width * frame.dpr), Math.round(frame.height * frame.dpr));
}

/** The board area the frame shows, with a margin so that shapes at the edge are not cut. */
export function visibleArea(frame: Frame): Box {
  return visibleBoardRect(frame.viewport, frame.width, frame.height);
}

/** A freehand stroke as a hairline through every few of its points (minimum spacing in board units). */
function drawPenHairline(ctx: CanvasRenderingContext2D, shape: ShapeOf<'pen'>, spacing: number): void {
  const { points, x, y } = shape;
  ctx.beginPath();
  let lastX = points[0]!;
  let lastY = points[1]!;
  ctx.moveTo(x + lastX, y + lastY);
  const n = points.length;
  for (let i = 3; i < n; i += 3) {
    const px = points[i]!;
    const py = points[i + 1]!;
    if (i + 3 < n && Math.abs(px - lastX) + Math.abs(py - lastY) < spacing) continue;
    ctx.lineTo(x + px, y + py);
    lastX = px;
    lastY = py;
  }
  if (n === 3) ctx.lineTo(x + lastX + spacing / 4, y + lastY);
  ctx.stroke();
}

/** Text too small to read: a bar per line, as wide as the line would be (estimated). */
function drawTextBars(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, fontSize: number, maxWidth: number): void {
  const lines = text.split('\n');
  const barHeight = fontSize * 0.6;
  for (let i = 0; i < lines.length; i++) {
    const width = Math.min(maxWidth, lines[i]!.length * fontSize * 0.5);
    if (width > 0) ctx.fillRect(x, y + i * fontSize * 1.25 + fontSize * 0.2, width, barHeight);
  }
}

/**
 * Draws a shape at reduced detail when it is small on screen; returns false when it needs full
 * detail. Only unrotated shapes take this path (small rotated shapes are rare and drawn fully).
 */
function drawCoarse(ctx: CanvasRenderingContext2D, entry: IndexedShape, zoom: number, pixel: number, dark: boolean): boolean {
  const shape = entry.shape;
  const extent = Math.max(entry.maxX - entry.minX, entry.maxY - entry.minY) * zoom;
  if (shape.rotation !== 0 && extent >= DOT_PX) return false;
  const alpha = shape.opacity;
  if (extent < DOT_PX) {
    const color = shape.type === 'sticky' ? (isPaint(shape.fill) ? shape.fill : STICKY_FILL) : isPaint(shape.stroke) ? shape.stroke : shape.fill;
    if (!isPaint(color)) return true;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = displayColor(color, dark);
    const size = Math.max(pixel * 1.5, Math.min(entry.maxX - entry.minX, entry.maxY - entry.minY));
    ctx.fillRect(entry.minX, entry.minY, Math.max(size, entry.maxX - entry.minX), Math.max(size, entry.maxY - entry.minY));
    return true;
  }
  switch (shape.type) {
    case 'pen':
      if (extent >= PEN_DETAIL_PX) return false;
      if (!isPaint(shape.stroke)) return true;
      ctx.globalAlpha = alpha;
      ctx.strokeStyle = displayColor(shape.stroke, dark);
      // One device pixel: hairlines are many times cheaper to rasterize than wider strokes.
      ctx.lineWidth = Math.min(shape.strokeWidth * 0.7, pixel);
      drawPenHairline(ctx, shape, pixel * 3);
      return true;
    case 'ellipse':
    case 'diamond':
      if (extent >= OUTLINE_DETAIL_PX || isPaint(shape.fill) || shape.strokeStyle === 'dashed') return false;
      if (!isPaint(shape.stroke)) return true;
      ctx.globalAlpha = alpha;
      ctx.strokeStyle = displayColor(shape.stroke, dark);
      ctx.lineWidth = Math.min(shape.strokeWidth, pixel);
      ctx.strokeRect(shape.x + shape.w * 0.15, shape.y + shape.h * 0.15, shape.w * 0.7, shape.h * 0.7);
      return true;
    case 'text':
    case 'sticky': {
      if (shape.fontSize * zoom >= TEXT_DETAIL_PX) return false;
      ctx.globalAlpha = alpha;
      const padding = shape.type === 'sticky' ? 12 : 0;
      if (shape.type === 'sticky') {
        ctx.fillStyle = displayColor(isPaint(shape.fill) ? shape.fill : STICKY_FILL, dark);
        ctx.fillRect(shape.x, shape.y, shape.w, shape.h);
      }
      if (!isPaint(shape.stroke)) return true;
      ctx.globalAlpha = alpha * 0.35;
      ctx.fillStyle = displayColor(shape.stroke, dark);
      drawTextBars(ctx, shape.text, shape.x + padding, shape.y + padding, shape.fontSize, Math.max(0, shape.w - padding * 2));
      return true;
    }
    default:
      return false;
  }
}

/** Paints shapes (in paint order) at the frame's viewport; `hidden` ones are left out. */
export function drawShapes(
  ctx: CanvasRenderingContext2D,
  frame: Frame,
  entries: readonly IndexedShape[],
  hidden: ReadonlySet<string>,
): void {
  setBoardTransform(ctx, frame);
  const zoom = frame.viewport.zoom;
  const pixel = 1 / (zoom * frame.dpr);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const entry of entries) {
    if (hidden.size > 0 && hidden.has(entry.shape.id)) continue;
    if (drawCoarse(ctx, entry, zoom, pixel, frame.dark)) continue;
    ctx.globalAlpha = 1;
    drawShape(ctx, entry.shape, { dark: frame.dark });
  }
  ctx.globalAlpha = 1;
}

/** Shapes drawn on their own (overlay, previews) at full detail. */
export function drawShapeList(ctx: CanvasRenderingContext2D, frame: Frame, shapes: readonly Shape[], options: { alpha?: number; complete?: boolean } = {}): void {
  setBoardTransform(ctx, frame);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const shape of shapes) {
    ctx.globalAlpha = options.alpha ?? 1;
    drawShape(ctx, shape, { dark: frame.dark, complete: options.complete ?? true });
  }
  ctx.globalAlpha = 1;
}
