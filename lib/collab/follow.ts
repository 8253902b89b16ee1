/**
 * Follow mode: my viewport tracks another person's until I pan, zoom or press Escape.
 *
 * The follower publishes whom it follows (`follow` in awareness); a person who has followers
 * publishes what their canvas shows (`view`), and only then, so that the cursor updates everyone
 * sends all the time stay small. The follower shows the same centre at the leader's zoom, zoomed
 * out just enough to show all of it if its own canvas is smaller.
 */
import type { Viewport } from '../geometry/viewport';
import type { ViewRect } from '../presence/schema';

export interface Size {
  width: number;
  height: number;
}

/** Zoom limits a follower applies (the same order of magnitude as any pan/zoom tool). */
export const MIN_FOLLOW_ZOOM = 0.05;
export const MAX_FOLLOW_ZOOM = 20;

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** What a canvas of `size` shows at `viewport`, as published (rounded, a few dozen bytes). */
export function viewRectOf(viewport: Viewport, size: Size): ViewRect | null {
  if (!(size.width > 0 && size.height > 0 && viewport.zoom > 0)) return null;
  return {
    x: round(viewport.x, 2),
    y: round(viewport.y, 2),
    zoom: round(viewport.zoom, 4) || 0.0001,
    w: Math.max(1, Math.round(size.width)),
    h: Math.max(1, Math.round(size.height)),
  };
}

/** The viewport with which a canvas of `size` shows the same as a leader's `view`. */
export function viewportFollowing(view: ViewRect, size: Size): Viewport {
  const boardWidth = view.w / view.zoom;
  const boardHeight = view.h / view.zoom;
  const fit = Math.min(size.width / boardWidth, size.height / boardHeight);
  const zoom = Math.min(MAX_FOLLOW_ZOOM, Math.max(MIN_FOLLOW_ZOOM, Math.min(view.zoom, fit)));
  if (zoom === view.zoom && size.width === view.w && size.height === view.h) return { x: view.x, y: view.y, zoom };
  const centreX = view.x + boardWidth / 2;
  const centreY = view.y + boardHeight / 2;
  return { x: centreX - size.width / (2 * zoom), y: centreY - size.height / (2 * zoom), zoom };
}

export function sameViewport(a: Viewport, b: Viewport): boolean {
  return Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6 && Math.abs(a.zoom - b.zoom) < 1e-9;
}

/** Whether anyone in `follows` (each peer's `follow` field) follows `selfId`. */
export function hasFollowers(follows: Iterable<number | undefined>, selfId: number): boolean {
  for (const target of follows) if (target === selfId) return true;
  return false;
}
