import type { Shape } from '../board/schema';
import { expandBox } from './box';
import type { Box } from './types';

/** How far an arrowhead reaches from the line's end, in multiples of the stroke width. */
export const ARROW_HEAD_SCALE = 4;
export const MIN_ARROW_HEAD = 10;

export function arrowHeadLength(strokeWidth: number): number {
  return Math.max(MIN_ARROW_HEAD, strokeWidth * ARROW_HEAD_SCALE);
}

/** The shape's stored box: (x, y) and its size (for pen and lines, the points' bounding box). */
export function shapeBox(shape: Shape): Box {
  return { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
}

/** The box that contains everything the shape paints: the stroke's outer half, arrowheads. */
export function shapeVisualBounds(shape: Shape): Box {
  const margin = shape.strokeWidth / 2 + (shape.type === 'arrow' ? arrowHeadLength(shape.strokeWidth) : 0);
  return expandBox(shapeBox(shape), margin);
}
