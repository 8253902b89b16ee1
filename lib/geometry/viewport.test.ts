import { describe, expect, it } from 'vitest';
import { boardToScreen, DEFAULT_VIEWPORT, screenToBoard, visibleBoardRect } from './viewport';

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
});
