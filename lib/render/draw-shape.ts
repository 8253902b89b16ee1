/**
 * Paints one shape on a Canvas 2D context whose transform maps board units to pixels. Only the
 * context's drawing API is used, so the same code serves both layers and any canvas.
 */
import type { Shape, ShapeOf } from '../board/schema';
import { arrowHeadLength } from '../geometry/shape-bounds';
import { imageCache } from './image-cache';
import { type Outline, penOutline } from './pen-outline';

export const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
export const STICKY_FILL = '#ffec99';
/** What an image shows until its file has loaded. */
export const IMAGE_PLACEHOLDER_FILL = '#f1f3f5';
const IMAGE_PLACEHOLDER_STROKE = '#adb5bd';
const STICKY_PADDING = 12;
const LINE_HEIGHT = 1.25;

type Ctx = CanvasRenderingContext2D;

function isPaint(color: string): boolean {
  return color !== 'none' && color !== 'transparent';
}

function fillAndStroke(ctx: Ctx, shape: Shape, fill = true): void {
  if (fill && isPaint(shape.fill)) {
    ctx.fillStyle = shape.fill;
    ctx.fill();
  }
  if (isPaint(shape.stroke) && shape.strokeWidth > 0) {
    ctx.strokeStyle = shape.stroke;
    ctx.lineWidth = shape.strokeWidth;
    ctx.stroke();
  }
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

/** Fills a perfect-freehand outline, smoothing it with quadratic curves through the midpoints. */
function fillOutline(ctx: Ctx, outline: Outline, originX: number, originY: number): void {
  const n = outline.length;
  if (n < 2) return;
  const at = (i: number) => outline[i % n]!;
  const mid = (i: number) => [(at(i)[0]! + at(i + 1)[0]!) / 2, (at(i)[1]! + at(i + 1)[1]!) / 2] as const;
  ctx.beginPath();
  const [startX, startY] = mid(0);
  ctx.moveTo(originX + startX, originY + startY);
  for (let i = 1; i <= n; i++) {
    const [mx, my] = mid(i);
    ctx.quadraticCurveTo(originX + at(i)[0]!, originY + at(i)[1]!, originX + mx, originY + my);
  }
  ctx.closePath();
  ctx.fill();
}

function drawText(ctx: Ctx, text: string, x: number, y: number, fontSize: number, color: string): void {
  if (!isPaint(color)) return;
  ctx.fillStyle = color;
  ctx.font = `${fontSize}px ${FONT_STACK}`;
  ctx.textBaseline = 'top';
  text.split('\n').forEach((line, i) => ctx.fillText(line, x, y + i * fontSize * LINE_HEIGHT));
}

/** The image once loaded (see image-cache.ts); meanwhile a grey box, crossed out if it failed. */
function drawImageShape(ctx: Ctx, shape: ShapeOf<'image'>): void {
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
    ctx.strokeStyle = shape.stroke;
    ctx.lineWidth = shape.strokeWidth;
    ctx.stroke();
  }
}

/** `complete` is false for a stroke still being drawn (previews). */
export function drawShape(ctx: Ctx, shape: Shape, complete = true): void {
  ctx.save();
  ctx.globalAlpha = shape.opacity;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const { x, y, w, h } = shape;
  switch (shape.type) {
    case 'rectangle':
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      fillAndStroke(ctx, shape);
      break;
    case 'ellipse':
      ctx.beginPath();
      ctx.ellipse(x + w / 2, y + h / 2, w / 2, h / 2, 0, 0, Math.PI * 2);
      fillAndStroke(ctx, shape);
      break;
    case 'diamond':
      ctx.beginPath();
      ctx.moveTo(x + w / 2, y);
      ctx.lineTo(x + w, y + h / 2);
      ctx.lineTo(x + w / 2, y + h);
      ctx.lineTo(x, y + h / 2);
      ctx.closePath();
      fillAndStroke(ctx, shape);
      break;
    case 'line':
    case 'arrow':
      tracePolyline(ctx, shape, shape.points, 2);
      fillAndStroke(ctx, shape, false);
      if (shape.type === 'arrow') drawArrowHead(ctx, shape);
      break;
    case 'pen':
      if (isPaint(shape.stroke)) {
        ctx.fillStyle = shape.stroke;
        fillOutline(ctx, penOutline(shape.points, shape.strokeWidth, complete), x, y);
      }
      break;
    case 'text':
      drawText(ctx, shape.text, x, y, shape.fontSize, shape.stroke);
      break;
    case 'sticky':
      ctx.fillStyle = isPaint(shape.fill) ? shape.fill : STICKY_FILL;
      ctx.fillRect(x, y, w, h);
      ctx.beginPath();
      ctx.rect(x, y, w, h);
      ctx.clip();
      drawText(ctx, shape.text, x + STICKY_PADDING, y + STICKY_PADDING, shape.fontSize, shape.stroke);
      break;
    case 'image':
      drawImageShape(ctx, shape);
      break;
  }
  ctx.restore();
}
