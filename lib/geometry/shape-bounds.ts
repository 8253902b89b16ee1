import type { Shape } from '../board/schema';
import { expandBox } from './box';
import { rotatedBounds } from './transform';
import type { Box } from './types';

/** How far an arrowhead reaches from the line's end, in multiples of the stroke width. */
export const ARROW_HEAD_SCALE = 4;
export const MIN_ARROW_HEAD = 10;

export function arrowHeadLength(strokeWidth: number): number {
  return Math.max(MIN_ARROW_HEAD, strokeWidth * ARROW_HEAD_SCALE);
}

/** The shape's stored box, unrotated: (x, y) and its size (for pen and lines, the points' box). */
export function shapeBox(shape: Shape): Box {
  return { x: shape.x, y: shape.y, w: shape.w, h: shape.h };
}

/** How far paint reaches outside the stored box: the stroke's outer half, arrowheads. */
export function paintMargin(shape: Shape): number {
  const stroke = shape.type === 'text' || shape.type === 'sticky' || shape.type === 'image' ? 0 : shape.strokeWidth / 2;
  return stroke + (shape.type === 'arrow' ? arrowHeadLength(shape.strokeWidth) : 0);
}

/** The axis-aligned box that contains everything the shape paints, rotation included. */
export function shapeVisualBounds(shape: Shape): Box {
  return rotatedBounds(expandBox(shapeBox(shape), paintMargin(shape)), shape.rotation);
}
