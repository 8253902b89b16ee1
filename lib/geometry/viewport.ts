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

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;
/** The levels the zoom buttons and Ctrl/Cmd with + and - step through. */
export const ZOOM_STEPS = [0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4, 6, 8] as const;

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

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The viewport at a new zoom level that keeps the board point under `screen` where it is. */
export function zoomAbout(viewport: Viewport, screen: Point, zoom: number): Viewport {
  const next = clampZoom(zoom);
  const anchor = screenToBoard(viewport, screen);
  return { x: anchor.x - screen.x / next, y: anchor.y - screen.y / next, zoom: next };
}

/** The viewport moved so that the content slides by (dx, dy) screen pixels. */
export function panBy(viewport: Viewport, dx: number, dy: number): Viewport {
  return { ...viewport, x: viewport.x - dx / viewport.zoom, y: viewport.y - dy / viewport.zoom };
}

/** The next zoom step above (direction 1) or below (-1) the current level. */
export function steppedZoom(zoom: number, direction: 1 | -1): number {
  const epsilon = 1e-6;
  if (direction > 0) return ZOOM_STEPS.find((step) => step > zoom + epsilon) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((step) => step < zoom - epsilon) ?? MIN_ZOOM;
}

/**
 * The zoom factor for a wheel or trackpad-pinch delta (pixels; pinches arrive as Ctrl+wheel with
 * small deltas, mouse wheels as steps of about 100). Clamped so a fast wheel does not jump.
 */
export function wheelZoomFactor(deltaY: number): number {
  const clamped = Math.max(-100, Math.min(100, deltaY));
  return Math.pow(2, -clamped / 300);
}

/**
 * The viewport that shows `box` whole and centred in a canvas of the given size, with room around
 * it for the toolbars that float over the canvas.
 */
export function fitBox(box: Box, width: number, height: number, paddingPx = 80): Viewport {
  const availableW = Math.max(1, width - paddingPx * 2);
  const availableH = Math.max(1, height - paddingPx * 2);
  const zoom = clampZoom(Math.min(availableW / Math.max(box.w, 1), availableH / Math.max(box.h, 1)));
  return {
    x: box.x + box.w / 2 - width / 2 / zoom,
    y: box.y + box.h / 2 - height / 2 / zoom,
    zoom,
  };
}

/**
 * Two-finger pinch: the viewport that keeps the board points first under the two fingers under
 * them now, as closely as one zoom and one pan can (the midpoint exactly, the spread by zoom).
 */
export function pinchViewport(start: Viewport, from: [Point, Point], to: [Point, Point]): Viewport {
  const spread = (pair: [Point, Point]) => Math.max(1, Math.hypot(pair[1].x - pair[0].x, pair[1].y - pair[0].y));
  const mid = (pair: [Point, Point]) => ({ x: (pair[0].x + pair[1].x) / 2, y: (pair[0].y + pair[1].y) / 2 });
  const zoom = clampZoom(start.zoom * (spread(to) / spread(from)));
  const anchor = screenToBoard(start, mid(from));
  const now = mid(to);
  return { x: anchor.x - now.x / zoom, y: anchor.y - now.y / zoom, zoom };
}

export function sameViewport(a: Viewport, b: Viewport): boolean {
  return a.x === b.x && a.y === b.y && a.zoom === b.zoom;
}
