/**
 * Where a label sits: centred in its rectangle, ellipse or diamond, its lines wrapped to the widest
 * box that fits inside the outline; on an arrow, centred at the arrow's middle (half way along its
 * length), unwrapped. The shape's rotation turns the label with it about the shape's centre.
 */
import type { LabelledShape } from '../board/schema';
import { expandBox } from '../geometry/box';
import { boxCenter, rotatedBounds, rotatePoint } from '../geometry/transform';
import type { Box, Point } from '../geometry/types';
import { ESTIMATED_MEASURER, LINE_HEIGHT, type TextMeasurer, wrapText } from './text-layout';
import { alignedX, type TextStyle, textStyleOf } from './text-style';

/** The room kept between a label and its shape's outline. */
export const LABEL_PADDING = 8;

/** The point half way along a polyline of flat [x, y, ...] points (relative to `origin`). */
export function polylineMiddle(points: readonly number[], origin: Point): Point {
  const n = Math.floor(points.length / 2);
  if (n === 0) return origin;
  let total = 0;
  for (let i = 1; i < n; i++) total += Math.hypot(points[2 * i]! - points[2 * i - 2]!, points[2 * i + 1]! - points[2 * i - 1]!);
  let left = total / 2;
  for (let i = 1; i < n; i++) {
    const [ax, ay, bx, by] = [points[2 * i - 2]!, points[2 * i - 1]!, points[2 * i]!, points[2 * i + 1]!];
    const length = Math.hypot(bx - ax, by - ay);
    if (length >= left && length > 0) {
      const t = left / length;
      return { x: origin.x + ax + (bx - ax) * t, y: origin.y + ay + (by - ay) * t };
    }
    left -= length;
  }
  return { x: origin.x + points[0]!, y: origin.y + points[1]! };
}

/**
 * The label's area in the shape's unrotated frame: its centre, and the width its lines wrap to
 * (null on an arrow: no wrapping but at newlines).
 */
export function labelArea(shape: LabelledShape): { center: Point; wrapWidth: number | null } {
  const inner = (width: number) => Math.max(1, width - LABEL_PADDING * 2);
  switch (shape.type) {
    case 'rectangle':
      return { center: boxCenter(shape), wrapWidth: inner(shape.w) };
    // The widest boxes inside an ellipse and a diamond of the same proportions.
    case 'ellipse':
      return { center: boxCenter(shape), wrapWidth: inner(shape.w * Math.SQRT1_2) };
    case 'diamond':
      return { center: boxCenter(shape), wrapWidth: inner(shape.w / 2) };
    case 'arrow':
      return { center: polylineMiddle(shape.points, shape), wrapWidth: null };
  }
}

/** Where a label's centre is on the board, the shape's rotation applied. */
export function labelCenter(shape: LabelledShape): Point {
  return rotatePoint(labelArea(shape).center, boxCenter(shape), shape.rotation);
}

export interface LabelLayout {
  lines: string[];
  style: TextStyle;
  /** The block of lines, unrotated: top-left corner and size. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where each line is anchored across (its left end, middle or right end, by the alignment). */
  anchorX: number;
}

/**
 * Lays out a block of text of `style` centred on `center`: wrapped to `wrapWidth` (and as wide as
 * that, so that alignment has room), or as wide as its widest line when `wrapWidth` is null.
 */
export function layoutBlock(measurer: TextMeasurer, text: string, style: TextStyle, center: Point, wrapWidth: number | null): LabelLayout {
  const lines = wrapWidth === null ? text.split('\n') : wrapText(measurer, text, style, wrapWidth);
  const w = wrapWidth ?? Math.max(...lines.map((line) => measurer.width(line, style)));
  const h = lines.length * style.size * LINE_HEIGHT;
  const x = center.x - w / 2;
  return { lines, style, x, y: center.y - h / 2, w, h, anchorX: alignedX(style.align, x, w) };
}

/** A shape's label laid out in the shape's unrotated frame, or null when it has none. */
export function layoutLabel(measurer: TextMeasurer, shape: LabelledShape): LabelLayout | null {
  if (!shape.text) return null;
  const { center, wrapWidth } = labelArea(shape);
  return layoutBlock(measurer, shape.text, textStyleOf(shape), center, wrapWidth);
}

/**
 * Roughly where an arrow's label reaches on the board (its block estimated a font size wider, then
 * turned with the arrow), or null: a label may reach past a short arrow, and the spatial index must
 * find the arrow wherever its label shows. A box's label stays inside the box.
 */
export function arrowLabelBounds(shape: LabelledShape): Box | null {
  if (shape.type !== 'arrow' || !shape.text) return null;
  const layout = layoutLabel(ESTIMATED_MEASURER, shape);
  if (!layout) return null;
  const center = labelCenter(shape);
  const block = expandBox({ x: center.x - layout.w / 2, y: center.y - layout.h / 2, w: layout.w, h: layout.h }, layout.style.size);
  return rotatedBounds(block, shape.rotation);
}
