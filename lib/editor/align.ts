/**
 * Aligning and distributing the selection. Every shape counts by the box it covers on the board
 * (its rotated bounds), so that a turned shape lines up by what is seen; a shape is only moved,
 * never resized or turned.
 */
import type { ShapePatch } from '../board/doc';
import type { Shape } from '../board/schema';
import { unionBoxes } from '../geometry/box';
import { shapeBox } from '../geometry/shape-bounds';
import { rotatedBounds } from '../geometry/transform';
import type { Box } from '../geometry/types';

export type AlignOp = 'left' | 'centre' | 'right' | 'top' | 'middle' | 'bottom';
export type DistributeAxis = 'horizontal' | 'vertical';

/** Aligning needs two shapes, distributing three (the outer two stay put). */
export const MIN_ALIGN = 2;
export const MIN_DISTRIBUTE = 3;

function seenBox(shape: Shape): Box {
  return rotatedBounds(shapeBox(shape), shape.rotation);
}

function moveBy(shape: Shape, dx: number, dy: number): ShapePatch | null {
  return dx === 0 && dy === 0 ? null : { x: shape.x + dx, y: shape.y + dy };
}

/** The moves that line the shapes up on one side or centre line of the box around them all. */
export function alignPatches(shapes: readonly Shape[], op: AlignOp): Map<string, ShapePatch> {
  const patches = new Map<string, ShapePatch>();
  if (shapes.length < MIN_ALIGN) return patches;
  const frame = unionBoxes(shapes.map(seenBox));
  for (const shape of shapes) {
    const box = seenBox(shape);
    let dx = 0;
    let dy = 0;
    if (op === 'left') dx = frame.x - box.x;
    else if (op === 'centre') dx = frame.x + frame.w / 2 - (box.x + box.w / 2);
    else if (op === 'right') dx = frame.x + frame.w - (box.x + box.w);
    else if (op === 'top') dy = frame.y - box.y;
    else if (op === 'middle') dy = frame.y + frame.h / 2 - (box.y + box.h / 2);
    else dy = frame.y + frame.h - (box.y + box.h);
    const patch = moveBy(shape, dx, dy);
    if (patch) patches.set(shape.id, patch);
  }
  return patches;
}

/**
 * The moves that leave equal gaps between the shapes along one axis, in the order of their
 * leading edges: the first and the last stay where they are. When the shapes overlap more than the
 * span allows, the gaps are negative (equal overlaps), as in Excalidraw and tldraw.
 */
export function distributePatches(shapes: readonly Shape[], axis: DistributeAxis): Map<string, ShapePatch> {
  const patches = new Map<string, ShapePatch>();
  if (shapes.length < MIN_DISTRIBUTE) return patches;
  const horizontal = axis === 'horizontal';
  const items = shapes
    .map((shape) => {
      const box = seenBox(shape);
      return { shape, start: horizontal ? box.x : box.y, size: horizontal ? box.w : box.h };
    })
    .sort((a, b) => a.start - b.start || a.shape.id.localeCompare(b.shape.id));
  const first = items[0]!;
  const last = items.at(-1)!;
  const span = Math.max(...items.map((item) => item.start + item.size)) - first.start;
  const occupied = items.reduce((sum, item) => sum + item.size, 0);
  const gap = (span - occupied) / (items.length - 1);
  let at = first.start;
  for (const item of items) {
    if (item !== first && item !== last) {
      const delta = at - item.start;
      const patch = horizontal ? moveBy(item.shape, delta, 0) : moveBy(item.shape, 0, delta);
      if (patch) patches.set(item.shape.id, patch);
    }
    at += item.size + gap;
  }
  return patches;
}
