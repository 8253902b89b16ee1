import type { Box, Point } from './types';

/**
 * Which part of the board the canvas shows: (x, y) is the board point at the canvas's top-left
 * corner and `zoom` is screen pixels per board unit. Screen points are CSS pixels from the
 * canvas's top-left corner.
 */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A newly opened board: canvas offset (x, y) is board point (x, y). */
export const DEFAULT_VIEWPORT: Viewport = { x: 0, y: 0, zoom: 1 };

export function screenToBoard(viewport: Viewport, screen: Point): Point {
  return { x: viewport.x + screen.x / viewport.zoom, y: viewport.y + screen.y / viewport.zoom };
}

export function boardToScreen(viewport: Viewport, board: Point): Point {
  return { x: (board.x - viewport.x) * viewport.zoom, y: (board.y - viewport.y) * viewport.zoom };
}

/** The board area visible in a canvas of the given CSS size. */
export function visibleBoardRect(viewport: Viewport, width: number, height: number): Box {
  return { x: viewport.x, y: viewport.y, w: width / viewport.zoom, h: height / viewport.zoom };
}
