/**
 * Paints one shape on a Canvas 2D context whose transform maps board units to pixels. Only the
 * context's drawing API is used, so the same code serves both layers and any canvas.
 *
 * Shapes are immutable objects (a change makes a new one), so per-shape work that does not depend
 * on the view (pen outlines, wrapped note text) is cached in WeakMaps keyed on the shape or its
 * points and is done once per shape, not once per frame.
 */
import { isLabelled, type LabelledShape, type Shape, type ShapeOf } from '../board/schema';
import { arrowHeadLength } from '../geometry/shape-bounds';
import { displayColor } from './colors';
import { imageCache } from './image-cache';
import { type LabelLayout, layoutLabel } from './label-layout';
import { type Outline, penOutline } from './pen-outline';
import { LINE_HEIGHT, STICKY_PADDING, type TextMeasurer, wrapText } from './text-layout';
import { alignedX, cssFont, type TextStyle, textStyleOf } from './text-style';

export const STICKY_FILL = '#ffec99';
/** What an image shows until its file has loaded. */
export const IMAGE_PLACEHOLDER_FILL = '#f1f3f5';
const IMAGE_PLACEHOLDER_STROKE = '#adb5bd';

type Ctx = CanvasRenderingContext2D;

export interface DrawOptions {
  /** False for a stroke still being drawn (previews): its end is not tapered or cached. */
  complete?: boolean;
  dark?: boolean;
}

export function isPaint(color: string): boolean {
  return color !== 'none' && color !== 'transparent';
}

/** The dash pattern of a dashed outline, in board units: longer dashes for wider strokes. */
export function dashPattern(strokeWidth: number): number[] {
  return [8 + strokeWidth * 2, 6 + strokeWidth * 2];
}

function strokeOutline(ctx: Ctx, shape: Shape, dark: boolean): void {
  if (!isPaint(shape.stroke) || shape.strokeWidth <= 0) return;
  ctx.strokeStyle = displayColor(shape.stroke, dark);
  ctx.lineWidth = shape.strokeWidth;
  if (shape.strokeStyle === 'dashed') ctx.setLineDash(dashPattern(shape.strokeWidth));
  ctx.stroke();
  if (shape.strokeStyle === 'dashed') ctx.setLineDash([]);
}

function fillAndStroke(ctx: Ctx, shape: Shape, dark: boolean): void {
  if (isPaint(shape.fill)) {
    ctx.fillStyle = displayColor(shape.fill, dark);
    ctx.fill();
  }
  strokeOutline(ctx, shape, dark);
}

function tracePolyline(ctx: Ctx, shape: Shape, points: readonly number[], stride: number): void {
  ctx.beginPath();
  for (let i = 0; i + 1 < points.length; i += stride) {
    const x = shape.x + points[i]!;
    const y = shape.y + points[i + 1]!;
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
}

function drawArrowHead(ctx: Ctx, shape: ShapeOf<'arrow'>): void {
  const n = shape.points.length;
  if (n < 4) return;
  const tipX = shape.x + shape.points[n - 2]!;
  const tipY = shape.y + shape.points[n - 1]!;
  const angle = Math.atan2(tipY - (shape.y + shape.points[n - 3]!), tipX - (shape.x + shape.points[n - 4]!));
  const length = arrowHeadLength(shape.strokeWidth);
  ctx.beginPath();
  for (const side of [-1, 1]) {
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(tipX - length * Math.cos(angle + side * 0.5), tipY - length * Math.sin(angle + side * 0.5));
  }
  ctx.stroke();
}

/** Traces a perfect-freehand outline, smoothed with quadratic curves through the midpoints. */
function traceOutline(path: Ctx | Path2D, outline: Outline): void {
  const n = outline.length;
  if (n < 2) return;
  const at = (i: number) => outline[i % n]!;
  const mid = (i: number) => [(at(i)[0]! + at(i + 1)[0]!) / 2, (at(i)[1]! + at(i + 1)[1]!) / 2] as const;
  const [startX, startY] = mid(0);
  path.moveTo(startX, startY);
  for (let i = 1; i <= n; i++) {
    const [mx, my] = mid(i);
    path.quadraticCurveTo(at(i)[0]!, at(i)[1]!, mx, my);
  }
  path.closePath();
}

/** Finished strokes' paths, relative to the stroke's origin, built once per stroke. */
const penPaths = new WeakMap<readonly number[], { size: number; path: Path2D }>();

function drawPen(ctx: Ctx, shape: ShapeOf<'pen'>, complete: boolean): void {
  ctx.translate(shape.x, shape.y);
  if (complete && typeof Path2D !== 'undefined') {
    let cached = penPaths.get(shape.points);
    if (!cached || cached.size !== shape.strokeWidth) {
      const path = new Path2D();
      traceOutline(path, penOutline(shape.points, shape.strokeWidth, true));
      cached = { size: shape.strokeWidth, path };
      penPaths.set(shape.points, cached);
    }
    ctx.fill(cached.path);
  } else {
    ctx.beginPath();
    traceOutline(ctx, penOutline(shape.points, shape.strokeWidth, complete));
    ctx.fill();
  }
  ctx.translate(-shape.x, -shape.y);
}

/** Lines from `top` down, each anchored at `anchorX` by the style's alignment. */
function drawLines(ctx: Ctx, lines: readonly string[], anchorX: number, top: number, style: TextStyle, color: string): void {
  ctx.fillStyle = color;
  ctx.font = cssFont(style);
  // Each line centred in a box of LINE_HEIGHT, as CSS lays out the text box used for typing.
  ctx.textBaseline = 'middle';
  if (style.align !== 'left') ctx.textAlign = style.align;
  lines.forEach((line, i) => ctx.fillText(line, anchorX, top + (i + 0.5) * style.size * LINE_HEIGHT));
  if (style.align !== 'left') ctx.textAlign = 'left';
}

/** The image once loaded (see image-cache.ts); meanwhile a grey box, crossed out if it failed. */
function drawImageShape(ctx: Ctx, shape: ShapeOf<'image'>, dark: boolean): void {
  const { x, y, w, h } = shape;
  const image = imageCache.get(shape.assetId);
  if (image) {
    ctx.drawImage(image, x, y, w, h);
  } else {
    ctx.fillStyle = IMAGE_PLACEHOLDER_FILL;
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = IMAGE_PLACEHOLDER_STROKE;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    if (imageCache.failed(shape.assetId)) {
      ctx.moveTo(x, y);
      ctx.lineTo(x + w, y + h);
      ctx.moveTo(x + w, y);
      ctx.lineTo(x, y + h);
    }
    ctx.stroke();
  }
  if (isPaint(shape.stroke) && shape.strokeWidth > 0) {
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.strokeStyle = displayColor(shape.stroke, dark);
    ctx.lineWidth = shape.strokeWidth;
    ctx.stroke();
  }
}

/**
 * Note text wrapped to the note's width and labels laid out, once per shape (a change makes a new
 * shape object); cleared when the bundled fonts arrive, which measure otherwise.
 */
let wrappedNotes = new WeakMap<Shape, string[]>();
let labelLayouts = new WeakMap<Shape, LabelLayout | null>();

export function clearTextCaches(): void {
  wrappedNotes = new WeakMap();
  labelLayouts = new WeakMap();
}

export function canvasMeasurer(ctx: Ctx): TextMeasurer {
  return {
    width: (text, font) => {
      ctx.font = cssFont(font);
      return ctx.measureText(text).width;
    },
  };
}

export function noteLines(ctx: Ctx, shape: ShapeOf<'sticky'>): string[] {
  let lines = wrappedNotes.get(shape);
  if (!lines) {
    lines = wrapText(canvasMeasurer(ctx), shape.text, textStyleOf(shape), Math.max(1, shape.w - STICKY_PADDING * 2));
    wrappedNotes.set(shape, lines);
  }
  return lines;
}

function drawLabel(ctx: Ctx, shape: LabelledShape, dark: boolean): void {
  let layout = labelLayouts.get(shape);
  if (layout === undefined) {
    layout = layoutLabel(canvasMeasurer(ctx), shape);
    labelLayouts.set(shape, layout);
  }
  if (layout) drawLines(ctx, layout.lines, layout.anchorX, layout.y, layout.style, displayColor(isPaint(shape.stroke) ? shape.stroke : '#1e1e1e', dark));
}

/**
 * Paints a shape. The caller sets the base `globalAlpha` (the shape's opacity multiplies it) and
 * line caps and joins; the context's state is left as found but for colours and widths. Saving
 * and restoring the whole state costs more than many shapes' drawing in software rendering, so
 * it is done only where a shape needs it (a rotation or a clip).
 */
export function drawShape(ctx: Ctx, shape: Shape, options: DrawOptions = {}): void {
  const dark = options.dark ?? false;
  const { x, y, w, h } = shape;
  const baseAlpha = ctx.globalAlpha;
  const isolated = shape.rotation !== 0 || (shape.type === 'sticky' && shape.text.length > 0);
  if (isolated) {
    ctx.save();
    if (shape.rotation !== 0) {
      ctx.translate(x + w / 2, y + h / 2);
      ctx.rotate(shape.rotation);
      ctx.translate(-(x + w / 2), -(y + h / 2));
    }
  }
  ctx.globalAlpha = baseAlpha * shape.opacity;
  switch (shape.type) {
    case 'rectangle':
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      fillAndStroke(ctx, shape, dark);
      break;
    case 'ellipse':
      ctx.beginPath();
      ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2);
      fillAndStroke(ctx, shape, dark);
      break;
    case 'diamond':
      ctx.beginPath();
      ctx.moveTo(x + w / 2, y);
      ctx.lineTo(x + w, y + h / 2);
      ctx.lineTo(x + w / 2, y + h);
      ctx.lineTo(x, y + h / 2);
      ctx.closePath();
      fillAndStroke(ctx, shape, dark);
      break;
    case 'line':
    case 'arrow':
      tracePolyline(ctx, shape, shape.points, 2);
      strokeOutline(ctx, shape, dark);
      if (shape.type === 'arrow') drawArrowHead(ctx, shape);
      break;
    case 'pen':
      if (isPaint(shape.stroke)) {
        ctx.fillStyle = displayColor(shape.stroke, dark);
        drawPen(ctx, shape, options.complete ?? true);
      }
      break;
    case 'text': {
      const style = textStyleOf(shape);
      if (isPaint(shape.stroke)) drawLines(ctx, shape.text.split('\n'), alignedX(style.align, x, w), y, style, displayColor(shape.stroke, dark));
      break;
    }
    case 'sticky':
      ctx.fillStyle = displayColor(isPaint(shape.fill) ? shape.fill : STICKY_FILL, dark);
      ctx.fillRect(x, y, w, h);
      if (shape.text && isPaint(shape.stroke)) {
        ctx.beginPath();
        ctx.rect(x, y, w, h);
        ctx.clip();
        const style = textStyleOf(shape);
        const anchorX = alignedX(style.align, x + STICKY_PADDING, w - STICKY_PADDING * 2);
        drawLines(ctx, noteLines(ctx, shape), anchorX, y + STICKY_PADDING, style, displayColor(shape.stroke, dark));
      }
      break;
    case 'image':
      drawImageShape(ctx, shape, dark);
      break;
  }
  if (isLabelled(shape) && shape.text) drawLabel(ctx, shape, dark);
  if (isolated) ctx.restore();
  else ctx.globalAlpha = baseAlpha;
}
