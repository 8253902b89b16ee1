/**
 * The presence layer: other people's work on the board, painted between the committed shapes and
 * the own overlay. Each person's live preview (a stroke being drawn, shapes being dragged) and
 * their selection, outlined in their colour with their name.
 */
import type { Shape } from '../board/schema';
import { boxesIntersect, expandBox } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import { boardToScreen, visibleBoardRect } from '../geometry/viewport';
import { drawShape } from './draw-shape';
import type { Frame } from './scene';

export interface PresenceItem {
  name: string;
  color: string;
  /** Shapes of the peer's gesture in progress. */
  drawn: Shape[];
  /** The peer's selected shapes, where the peer sees them (moved if they drag them). */
  selected: Shape[];
}

/** Gap in screen pixels between a shape and a selection outline. */
const OUTLINE_PADDING_PX = 4;
/** A selection of more shapes than this is outlined as one box around them all. */
const MAX_OUTLINED = 200;

function outlineBoxes(selected: readonly Shape[], padding: number) {
  if (selected.length <= MAX_OUTLINED) return selected.map((shape) => expandBox(shapeVisualBounds(shape), padding));
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const shape of selected) {
    const box = shapeVisualBounds(shape);
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.w);
    maxY = Math.max(maxY, box.y + box.h);
  }
  return [expandBox({ x: minX, y: minY, w: maxX - minX, h: maxY - minY }, padding)];
}

export function drawPresenceLayer(ctx: CanvasRenderingContext2D, frame: Frame, items: readonly PresenceItem[]): void {
  const { viewport, dpr } = frame;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, frame.width * dpr, frame.height * dpr);
  const visible = visibleBoardRect(viewport, frame.width, frame.height);
  const scale = dpr * viewport.zoom;
  // drawShape leaves the base opacity, caps and joins to its caller.
  ctx.globalAlpha = 1;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const item of items) {
    ctx.setTransform(scale, 0, 0, scale, -viewport.x * scale, -viewport.y * scale);
    for (const shape of item.drawn) {
      if (boxesIntersect(shapeVisualBounds(shape), visible)) drawShape(ctx, shape, { complete: !shape.id.startsWith('preview-'), dark: frame.dark });
    }
  }
  // Outlines and name tags in screen space, so that they keep their size at any zoom.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.lineWidth = 2;
  ctx.font = '600 11px system-ui, sans-serif';
  ctx.textBaseline = 'bottom';
  for (const item of items) {
    ctx.strokeStyle = item.color;
    const boxes = outlineBoxes(item.selected, OUTLINE_PADDING_PX / viewport.zoom).filter((box) => boxesIntersect(box, visible));
    for (const box of boxes) {
      const topLeft = boardToScreen(viewport, box);
      ctx.strokeRect(topLeft.x, topLeft.y, box.w * viewport.zoom, box.h * viewport.zoom);
    }
    const first = boxes[0];
    if (first) {
      const topLeft = boardToScreen(viewport, first);
      const width = Math.min(160, ctx.measureText(item.name).width + 8);
      ctx.fillStyle = item.color;
      ctx.fillRect(topLeft.x - 1, topLeft.y - 16, width, 16);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(item.name, topLeft.x + 3, topLeft.y - 2, width - 6);
    }
  }
}
