import { describe, expect, it } from 'vitest';
import {
  boardToScreen,
  DEFAULT_VIEWPORT,
  fitBox,
  MAX_ZOOM,
  MIN_ZOOM,
  panBy,
  pinchViewport,
  screenToBoard,
  steppedZoom,
  visibleBoardRect,
  wheelZoomFactor,
  zoomAbout,
} from './viewport';

describe('viewport', () => {
  it('maps canvas offsets to the same board point on a new board', () => {
    expect(screenToBoard(DEFAULT_VIEWPORT, { x: 120, y: 45 })).toEqual({ x: 120, y: 45 });
    expect(boardToScreen(DEFAULT_VIEWPORT, { x: 120, y: 45 })).toEqual({ x: 120, y: 45 });
  });

  it('round-trips under pan and zoom', () => {
    const viewport = { x: -50, y: 200, zoom: 2 };
    const board = screenToBoard(viewport, { x: 100, y: 60 });
    expect(board).toEqual({ x: 0, y: 230 });
    expect(boardToScreen(viewport, board)).toEqual({ x: 100, y: 60 });
    expect(visibleBoardRect(viewport, 800, 600)).toEqual({ x: -50, y: 200, w: 400, h: 300 });
  });

  it('zooms about a screen point, which keeps its board point', () => {
    const viewport = { x: 10, y: 20, zoom: 1 };
    const zoomed = zoomAbout(viewport, { x: 300, y: 200 }, 2);
    expect(zoomed.zoom).toBe(2);
    expect(screenToBoard(zoomed, { x: 300, y: 200 })).toEqual(screenToBoard(viewport, { x: 300, y: 200 }));
  });

  it('keeps the zoom between 10% and 800%', () => {
    expect(zoomAbout(DEFAULT_VIEWPORT, { x: 0, y: 0 }, 100).zoom).toBe(MAX_ZOOM);
    expect(zoomAbout(DEFAULT_VIEWPORT, { x: 0, y: 0 }, 0.001).zoom).toBe(MIN_ZOOM);
  });

  it('pans by screen pixels whatever the zoom', () => {
    expect(panBy({ x: 0, y: 0, zoom: 2 }, 100, -50)).toEqual({ x: -50, y: 25, zoom: 2 });
  });

  it('steps through the zoom levels', () => {
    expect(steppedZoom(1, 1)).toBe(1.25);
    expect(steppedZoom(1, -1)).toBe(0.75);
    expect(steppedZoom(1.1, -1)).toBe(1);
    expect(steppedZoom(8, 1)).toBe(8);
  });

  it('zooms in for a wheel moved up and out for down, by bounded steps', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
    expect(wheelZoomFactor(10_000)).toBe(wheelZoomFactor(100));
  });

  it('fits a box in view, centred', () => {
    const fitted = fitBox({ x: 1000, y: 1000, w: 400, h: 200 }, 600, 500, 50);
    expect(fitted.zoom).toBe(1.25);
    expect(boardToScreen(fitted, { x: 1200, y: 1100 })).toEqual({ x: 300, y: 250 });
  });

  it('pinches: the board points under the fingers follow them', () => {
    const start = { x: 0, y: 0, zoom: 1 };
    const result = pinchViewport(start, [{ x: 100, y: 100 }, { x: 200, y: 100 }], [{ x: 50, y: 150 }, { x: 250, y: 150 }]);
    expect(result.zoom).toBe(2);
    expect(boardToScreen(result, { x: 100, y: 100 })).toEqual({ x: 50, y: 150 });
    expect(boardToScreen(result, { x: 200, y: 100 })).toEqual({ x: 250, y: 150 });
  });
});
