/**
 * Locked shapes: left alone by clicks, marquees, moves, resizes, nudges, alignment, the eraser,
 * Delete and select-all. A locked shape is reached by a double-click, which selects it so that the
 * style bar (or Ctrl/Cmd+Shift+L) can unlock it.
 */
import type { ShapePatch } from '../board/doc';
import type { Shape } from '../board/schema';

export function isLocked(shape: Shape): boolean {
  return shape.locked === true;
}

/** The shapes a gesture or command may change: the unlocked ones. */
export function unlocked<T extends Shape>(shapes: readonly T[]): T[] {
  return shapes.filter((shape) => !isLocked(shape));
}

/** Locks the shapes if any of them is unlocked, else unlocks them all (the button and the key). */
export function lockTogglePatches(shapes: readonly Shape[]): Map<string, ShapePatch> {
  const locked = shapes.some((shape) => !isLocked(shape));
  return new Map(shapes.map((shape) => [shape.id, { locked }]));
}
