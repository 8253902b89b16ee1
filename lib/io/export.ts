/**
 * Exporting shapes: the frame and pixel size of a PNG, painting it with the board's own renderer,
 * and file names. The browser side (canvas, blob, download) lives in components/io.
 */
import type { Shape } from '../board/schema';
import { unionBoxes } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import type { Box } from '../geometry/types';
import { drawShape } from '../render/draw-shape';
import { EXPORT_PADDING } from '../render/svg';

export const EXPORT_BACKGROUND = '#ffffff';
/** Browsers refuse larger canvases (Chrome: 32,767 px a side, about 268 million pixels). */
export const MAX_EXPORT_SIDE = 16_384;
export const MAX_EXPORT_PIXELS = 64 * 1024 * 1024;

export type ExportFormat = 'png' | 'svg' | 'tabula';

/** The board area of an export: everything the shapes paint plus a margin; empty gives a small box. */
export function exportBounds(shapes: readonly Shape[]): Box {
  const box = shapes.length > 0 ? unionBoxes(shapes.map(shapeVisualBounds)) : { x: 0, y: 0, w: 0, h: 0 };
  return { x: box.x - EXPORT_PADDING, y: box.y - EXPORT_PADDING, w: box.w + EXPORT_PADDING * 2, h: box.h + EXPORT_PADDING * 2 };
}

export interface RasterPlan {
  /** The board point at the image's top-left corner. */
  x: number;
  y: number;
  /** Pixel size of the image. */
  width: number;
  height: number;
  /** Pixels per board unit. */
  scale: number;
  /** Whether the scale had to be lowered to fit the browser's canvas limits. */
  reduced: boolean;
}

/** A PNG of the shapes at `scale` pixels per board unit (1 or 2), lowered if it would be too large. */
export function rasterPlan(shapes: readonly Shape[], scale: number): RasterPlan {
  const box = exportBounds(shapes);
  const limit = Math.min(MAX_EXPORT_SIDE / box.w, MAX_EXPORT_SIDE / box.h, Math.sqrt(MAX_EXPORT_PIXELS / (box.w * box.h)));
  const used = Math.min(scale, limit);
  return {
    x: box.x,
    y: box.y,
    width: Math.max(1, Math.ceil(box.w * used)),
    height: Math.max(1, Math.ceil(box.h * used)),
    scale: used,
    reduced: used < scale,
  };
}

/** A plan that fits the shapes inside `maxWidth` x `maxHeight` pixels (a preview), never enlarging. */
export function fitPlan(shapes: readonly Shape[], maxWidth: number, maxHeight: number): RasterPlan {
  const box = exportBounds(shapes);
  const scale = Math.min(1, maxWidth / box.w, maxHeight / box.h);
  return { x: box.x, y: box.y, width: Math.max(1, Math.floor(box.w * scale)), height: Math.max(1, Math.floor(box.h * scale)), scale, reduced: false };
}

/**
 * Paints the shapes onto a context whose canvas has the plan's pixel size, with the same renderer
 * as the board. `background` null leaves the image transparent.
 */
export function paintShapes(ctx: CanvasRenderingContext2D, shapes: readonly Shape[], plan: RasterPlan, background: string | null): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, plan.width, plan.height);
  if (background) {
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, plan.width, plan.height);
  }
  ctx.setTransform(plan.scale, 0, 0, plan.scale, -plan.x * plan.scale, -plan.y * plan.scale);
  // What the board's layers set before painting shapes.
  ctx.globalAlpha = 1;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const shape of shapes) drawShape(ctx, shape);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/** The asset ids of the image shapes, each once. */
export function assetIdsOf(shapes: readonly Shape[]): string[] {
  return [...new Set(shapes.flatMap((shape) => (shape.type === 'image' ? [shape.assetId] : [])))];
}

/** The shapes with the given ids, in paint order. */
export function pickShapes(shapes: readonly Shape[], ids: readonly string[]): Shape[] {
  const wanted = new Set(ids);
  return shapes.filter((shape) => wanted.has(shape.id));
}

const EXTENSIONS: Record<ExportFormat, string> = { png: 'png', svg: 'svg', tabula: 'tabula.json' };

/**
 * A file name from the board's title: "Sprint plan" gives "Sprint plan.png", the selection
 * "Sprint plan (selection).png", twice the size "Sprint plan@2x.png". Characters that file
 * systems refuse become "-".
 */
export function exportFileName(title: string, format: ExportFormat, options: { selection?: boolean; scale?: number } = {}): string {
  const base =
    title
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
      .replace(/\s+/g, ' ')
      .replace(/^[\s.-]+|[\s.-]+$/g, '')
      .slice(0, 100) || 'board';
  const selection = options.selection ? ' (selection)' : '';
  const scale = format === 'png' && options.scale && options.scale !== 1 ? `@${options.scale}x` : '';
  return `${base}${selection}${scale}.${EXTENSIONS[format]}`;
}
