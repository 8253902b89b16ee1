/**
 * The interactive layer, redrawn whenever anything on it changes: shapes being transformed or
 * drawn, the eraser's preview, selection outlines and handles, the marquee and laser trails.
 * Outlines and handles are drawn in screen space so that they keep their size at any zoom.
 */
import type { Shape } from '../board/schema';
import { LASER_FADE_MS, type LaserTrailView } from '../presence/laser';
import { expandBox } from '../geometry/box';
import { shapeBox, shapeVisualBounds } from '../geometry/shape-bounds';
import { rotatedCorners } from '../geometry/transform';
import type { SnapGuide } from '../geometry/snap';
import type { Box, Point } from '../geometry/types';
import { boardToScreen } from '../geometry/viewport';
import { clearCanvas, drawShapeList, type Frame } from './scene';

/** Where the handles around a selection are (the editor grabs them at the same places). */
export interface OverlayHandles {
  frame: { box: Box; rotation: number };
  resize: readonly { at: Point }[];
  rotate: Point | null;
  /** The two ends of a single selected line or arrow, dragged instead of a frame. */
  endpoints: readonly { at: Point }[];
}

/** What the overlay layer paints now (the editor produces it: Editor.overlay). */
export interface Overlay {
  /** Selected shapes as they are now (transformed while a drag runs). */
  selected: readonly Shape[];
  handles: OverlayHandles | null;
  /** Shapes being moved, resized or rotated: hidden on the static layer, painted here. */
  transformed: readonly Shape[];
  /** Shapes the eraser will delete, painted faded. */
  erasing: readonly Shape[];
  /** The shape being drawn. */
  preview: Shape | null;
  marquee: Box | null;
  lasers: readonly LaserTrailView[];
  /** The locked shape under the pointer: a small lock is drawn at its corner. */
  lockedHover: Shape | null;
  /** The shapes the ends of the line or arrow being drawn would bind to: their outline lights up. */
  bindTargets: readonly Shape[];
  /** Snapping guides: the other shapes' edges and centres the moved shapes line up with. */
  guides: readonly SnapGuide[];
}

/** Snapping guides stand out from the selection's blue. */
export const GUIDE_COLOR = '#e03131';

/** Handle squares are this many screen pixels wide. */
export const HANDLE_SIZE_PX = 8;
export const SELECTION_COLOR = '#1971c2';
/** Above this many selected shapes only the frame is outlined, not each shape. */
const MAX_OUTLINED_SHAPES = 500;
/** Gap in screen pixels between a shape and its selection outline. */
const OUTLINE_PADDING_PX = 2;

function screenPolygon(ctx: CanvasRenderingContext2D, frame: Frame, corners: readonly Point[]): void {
  ctx.beginPath();
  corners.forEach((corner, i) => {
    const p = boardToScreen(frame.viewport, corner);
    if (i === 0) ctx.moveTo(p.x, p.y);
    else ctx.lineTo(p.x, p.y);
  });
  ctx.closePath();
}

function outlineBox(ctx: CanvasRenderingContext2D, frame: Frame, box: Box, rotation: number, paddingPx: number): void {
  screenPolygon(ctx, frame, rotatedCorners(expandBox(box, paddingPx / frame.viewport.zoom), rotation));
  ctx.stroke();
}

function drawHandles(ctx: CanvasRenderingContext2D, frame: Frame, overlay: Overlay): void {
  const handles = overlay.handles;
  if (!handles) return;
  ctx.strokeStyle = SELECTION_COLOR;
  ctx.fillStyle = frame.dark ? '#1e1e1e' : '#ffffff';
  ctx.lineWidth = 1.5;
  if (handles.endpoints.length === 0) {
    if (overlay.selected.length > 1) ctx.setLineDash([4, 3]);
    outlineBox(ctx, frame, handles.frame.box, handles.frame.rotation, OUTLINE_PADDING_PX + 2);
    ctx.setLineDash([]);
  }
  const half = HANDLE_SIZE_PX / 2;
  for (const { at } of handles.resize) {
    const p = boardToScreen(frame.viewport, at);
    ctx.beginPath();
    ctx.rect(p.x - half, p.y - half, HANDLE_SIZE_PX, HANDLE_SIZE_PX);
    ctx.fill();
    ctx.stroke();
  }
  for (const at of [handles.rotate, ...handles.endpoints.map((end) => end.at)]) {
    if (!at) continue;
    const p = boardToScreen(frame.viewport, at);
    ctx.beginPath();
    ctx.arc(p.x, p.y, half + 0.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
}

function drawLasers(ctx: CanvasRenderingContext2D, frame: Frame, overlay: Overlay, now: number): void {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const trail of overlay.lasers) {
    const points = trail.points;
    ctx.strokeStyle = trail.color;
    for (let i = 1; i < points.length; i++) {
      const age = now - points[i]!.t;
      const life = Math.max(0, 1 - age / LASER_FADE_MS);
      if (life === 0) continue;
      const a = boardToScreen(frame.viewport, points[i - 1]!);
      const b = boardToScreen(frame.viewport, points[i]!);
      ctx.globalAlpha = life;
      ctx.lineWidth = 2 + 3 * life;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    const last = points.at(-1);
    if (last && now - last.t < LASER_FADE_MS) {
      const p = boardToScreen(frame.viewport, last);
      ctx.globalAlpha = 1 - (now - last.t) / LASER_FADE_MS;
      ctx.fillStyle = trail.color;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 4, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

export function drawOverlayLayer(ctx: CanvasRenderingContext2D, frame: Frame, overlay: Overlay, now: number): void {
  clearCanvas(ctx, frame);
  drawShapeList(ctx, frame, overlay.erasing, { alpha: 0.25 });
  drawShapeList(ctx, frame, overlay.transformed);
  if (overlay.preview) drawShapeList(ctx, frame, [overlay.preview], { complete: false });

  ctx.setTransform(frame.dpr, 0, 0, frame.dpr, 0, 0);
  if (overlay.selected.length > 1 && overlay.selected.length <= MAX_OUTLINED_SHAPES) {
    ctx.strokeStyle = SELECTION_COLOR;
    ctx.lineWidth = 1;
    for (const shape of overlay.selected) outlineBox(ctx, frame, shapeBox(shape), shape.rotation, OUTLINE_PADDING_PX);
  }
  drawHandles(ctx, frame, overlay);
  if (overlay.bindTargets.length > 0) {
    ctx.strokeStyle = SELECTION_COLOR;
    ctx.lineWidth = 3;
    for (const shape of overlay.bindTargets) outlineBox(ctx, frame, shapeBox(shape), shape.rotation, OUTLINE_PADDING_PX + 2);
  }
  if (overlay.marquee) {
    const a = boardToScreen(frame.viewport, overlay.marquee);
    const { zoom } = frame.viewport;
    ctx.fillStyle = 'rgba(25, 113, 194, 0.08)';
    ctx.strokeStyle = SELECTION_COLOR;
    ctx.lineWidth = 1;
    ctx.fillRect(a.x, a.y, overlay.marquee.w * zoom, overlay.marquee.h * zoom);
    ctx.strokeRect(a.x, a.y, overlay.marquee.w * zoom, overlay.marquee.h * zoom);
  }
  drawGuides(ctx, frame, overlay.guides);
  if (overlay.lockedHover) drawLock(ctx, frame, overlay.lockedHover);
  drawLasers(ctx, frame, overlay, now);
}

/** Each guide as a thin line in screen space, a little past the boxes it joins. */
function drawGuides(ctx: CanvasRenderingContext2D, frame: Frame, guides: readonly SnapGuide[]): void {
  if (guides.length === 0) return;
  const reach = 8 / frame.viewport.zoom;
  ctx.strokeStyle = GUIDE_COLOR;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const guide of guides) {
    const [from, to] = guide.axis === 'x'
      ? [{ x: guide.at, y: guide.from - reach }, { x: guide.at, y: guide.to + reach }]
      : [{ x: guide.from - reach, y: guide.at }, { x: guide.to + reach, y: guide.at }];
    const a = boardToScreen(frame.viewport, from);
    const b = boardToScreen(frame.viewport, to);
    // On the pixel's centre, so that a one-pixel line is crisp.
    ctx.moveTo(Math.round(a.x) + 0.5, Math.round(a.y) + 0.5);
    ctx.lineTo(Math.round(b.x) + 0.5, Math.round(b.y) + 0.5);
  }
  ctx.stroke();
}

/** A padlock (in screen pixels) just outside the top-right corner of the shape's painted box. */
function drawLock(ctx: CanvasRenderingContext2D, frame: Frame, shape: Shape): void {
  const bounds = shapeVisualBounds(shape);
  const corner = boardToScreen(frame.viewport, { x: bounds.x + bounds.w, y: bounds.y });
  const x = corner.x + 4;
  const y = corner.y - 18;
  ctx.fillStyle = SELECTION_COLOR;
  ctx.strokeStyle = SELECTION_COLOR;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x + 7, y + 7, 4, Math.PI, 0);
  ctx.stroke();
  ctx.fillRect(x + 1, y + 7, 12, 9);
}

