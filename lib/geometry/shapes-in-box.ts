/**
 * The shapes of a document whose paint reaches into a box, in paint order, without reading the
 * others: a shape's stored box is checked first (cheap), and only the shapes near the box are read
 * whole. Drawing one view of a large board (lib/render/view-svg.ts) reads a few hundred shapes
 * instead of every one.
 */
import * as Y from 'yjs';
import { boxesIntersect, expandBox } from './box';
import { shapeVisualBounds } from './shape-bounds';
import type { Box } from './types';
import { compareZ, getShapesMap } from '../board/doc';
import { readShape } from '../board/read-shape';
import type { Shape } from '../board/schema';
import { readGeometry } from '../board/stored-box';

/**
 * How far past its stored box a shape may paint, before it is read: rotated, the box stays within
 * its centre's circle (half the diagonal: under 0.71 of the larger side), and strokes and
 * arrowheads reach at most 450 units further (the widest stroke, 100, and its arrowhead, 400).
 */
const ROTATION_REACH = 0.75;
const PAINT_REACH = 512;

/** Whether the shape's paint reaches into the box. */
export const paintsInto = (shape: Shape, box: Box): boolean => boxesIntersect(shapeVisualBounds(shape), box);

export function shapesInBox(doc: Y.Doc, box: Box): Shape[] {
  const shapes: Shape[] = [];
  getShapesMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const geometry = readGeometry(map);
    if (!geometry) return;
    const reach = Math.max(geometry.w, geometry.h) * ROTATION_REACH + PAINT_REACH;
    if (!boxesIntersect(expandBox(geometry, reach), box)) return;
    const shape = readShape(id, map);
    if (shape && paintsInto(shape, box)) shapes.push(shape);
  });
  return shapes.sort(compareZ);
}
