/**
 * Stacking order. Shapes paint in ascending `z`, a fractional index (fractional-indexing): moving
 * a shape rewrites only its own `z` to a key between two neighbours, so concurrent reorders by
 * different people never rewrite each other's shapes.
 */
import { generateNKeysBetween } from 'fractional-indexing';
import type { ShapePatch } from '../board/doc';
import type { Shape } from '../board/schema';
import { boxesIntersect, unionBoxes } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';

export type ReorderOp = 'forward' | 'backward' | 'front' | 'back';

/** `n` keys strictly between `below` and `above` (null: unbounded), or null if none can be made. */
function keysBetween(below: string | null, above: string | null, n: number): string[] | null {
  try {
    return generateNKeysBetween(below, above, n);
  } catch {
    // Equal or malformed neighbours (a peer wrote an odd z): leave the order as it is.
    return null;
  }
}

/** The first distinct z strictly above index `i` (duplicates happen when two people add at once). */
function zAbove(ordered: readonly Shape[], i: number, z: string): string | null {
  for (let k = i + 1; k < ordered.length; k++) if (ordered[k]!.z > z) return ordered[k]!.z;
  return null;
}

function zBelow(ordered: readonly Shape[], i: number, z: string): string | null {
  for (let k = i - 1; k >= 0; k--) if (ordered[k]!.z < z) return ordered[k]!.z;
  return null;
}

/**
 * New `z` values for the selected shapes. `ordered` is every shape in paint order. Forward and
 * backward move the selection past the next shape that overlaps it (or the next one at all), as a
 * group that keeps its own order; front and back move it past everything.
 */
export function reorderPatches(ordered: readonly Shape[], selected: ReadonlySet<string>, op: ReorderOp): Map<string, ShapePatch> {
  const patches = new Map<string, ShapePatch>();
  const chosen = ordered.filter((shape) => selected.has(shape.id));
  if (chosen.length === 0 || chosen.length === ordered.length) return patches;
  const first = ordered.findIndex((shape) => selected.has(shape.id));
  const last = ordered.length - 1 - [...ordered].reverse().findIndex((shape) => selected.has(shape.id));
  const area = unionBoxes(chosen.map(shapeVisualBounds));
  const overlaps = (shape: Shape) => boxesIntersect(shapeVisualBounds(shape), area);

  let keys: string[] | null = null;
  switch (op) {
    case 'front':
      keys = keysBetween(ordered[ordered.length - 1]!.z, null, chosen.length);
      break;
    case 'back':
      keys = keysBetween(null, ordered[0]!.z, chosen.length);
      break;
    case 'forward': {
      const above = ordered.map((shape, i) => ({ shape, i })).filter(({ shape, i }) => i > last && !selected.has(shape.id));
      const target = above.find(({ shape }) => overlaps(shape)) ?? above[0];
      if (!target) return patches;
      keys = keysBetween(target.shape.z, zAbove(ordered, target.i, target.shape.z), chosen.length);
      break;
    }
    case 'backward': {
      const below = ordered.map((shape, i) => ({ shape, i })).filter(({ shape, i }) => i < first && !selected.has(shape.id)).reverse();
      const target = below.find(({ shape }) => overlaps(shape)) ?? below[0];
      if (!target) return patches;
      keys = keysBetween(zBelow(ordered, target.i, target.shape.z), target.shape.z, chosen.length);
      break;
    }
  }
  if (!keys) return patches;
  chosen.forEach((shape, i) => patches.set(shape.id, { z: keys[i]! }));
  return patches;
}
