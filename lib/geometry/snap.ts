/**
 * Snapping a moved box to other shapes: its left edge, centre or right edge lines up with another
 * box's left edge, centre or right edge when they come within a threshold (likewise top, middle
 * and bottom). Each axis snaps on its own, to the nearest such line; the lines that then coincide
 * are returned as guides to draw. Boxes are what shapes cover on the board (their rotated bounds).
 */
import type { Box } from './types';

export type Axis = 'x' | 'y';

/** A guide line: at `at` on `axis` (x: a vertical line), drawn from `from` to `to` along the other axis. */
export interface SnapGuide {
  axis: Axis;
  at: number;
  from: number;
  to: number;
}

export interface Snap {
  /** What to add to the move on each axis (0 where nothing was near). */
  dx: number;
  dy: number;
  guides: SnapGuide[];
}

/** Lines of a box across an axis: its near edge, centre and far edge. */
function lines(box: Box, axis: Axis): [number, number, number] {
  const start = axis === 'x' ? box.x : box.y;
  const size = axis === 'x' ? box.w : box.h;
  return [start, start + size / 2, start + size];
}

/** The smallest offset within `threshold` that puts a line of `moving` on a line of a target, or null. */
export function nearestOffset(moving: Box, targets: readonly Box[], axis: Axis, threshold: number): number | null {
  let best: number | null = null;
  const own = lines(moving, axis);
  for (const target of targets) {
    for (const line of lines(target, axis)) {
      for (const mine of own) {
        const offset = line - mine;
        if (Math.abs(offset) <= threshold && (best === null || Math.abs(offset) < Math.abs(best))) best = offset;
      }
    }
  }
  return best;
}

/** Guides along every line the (snapped) box shares with a target on `axis`, each spanning both boxes. */
function guidesOn(moved: Box, targets: readonly Box[], axis: Axis): SnapGuide[] {
  const across: Axis = axis === 'x' ? 'y' : 'x';
  const byLine = new Map<number, SnapGuide>();
  const epsilon = 1e-6;
  for (const target of targets) {
    for (const line of lines(target, axis)) {
      if (!lines(moved, axis).some((mine) => Math.abs(mine - line) < epsilon)) continue;
      const [from, , to] = lines(moved, across);
      const [targetFrom, , targetTo] = lines(target, across);
      const key = Math.round(line * 1e6) / 1e6;
      const guide = byLine.get(key) ?? { axis, at: line, from, to };
      byLine.set(key, { ...guide, from: Math.min(guide.from, targetFrom), to: Math.max(guide.to, targetTo) });
    }
  }
  return [...byLine.values()];
}

/**
 * Snaps `moving` (the moved shapes' box where the pointer would put it) to `targets`. `axes` says
 * which axes may snap (a move held to one axis snaps only along it); `threshold` is in board units.
 */
export function snapBox(moving: Box, targets: readonly Box[], threshold: number, axes: { x: boolean; y: boolean } = { x: true, y: true }): Snap {
  const dx = axes.x ? nearestOffset(moving, targets, 'x', threshold) : null;
  const dy = axes.y ? nearestOffset(moving, targets, 'y', threshold) : null;
  const moved = { ...moving, x: moving.x + (dx ?? 0), y: moving.y + (dy ?? 0) };
  const guides = [...(dx !== null ? guidesOn(moved, targets, 'x') : []), ...(dy !== null ? guidesOn(moved, targets, 'y') : [])];
  return { dx: dx ?? 0, dy: dy ?? 0, guides };
}
