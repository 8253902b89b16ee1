import { describe, expect, it } from 'vitest';
import { boardToScreen } from '../geometry/viewport';
import { hasFollowers, sameViewport, viewportFollowing, viewRectOf } from './follow';

describe('follow mode geometry', () => {
  it('gives exactly the same viewport on a canvas of the same size', () => {
    const leader = { x: 120.254, y: -40, zoom: 1.5 };
    const size = { width: 1280, height: 800 };
    const view = viewRectOf(leader, size)!;
    expect(view).toEqual({ x: 120.25, y: -40, zoom: 1.5, w: 1280, h: 800 });
    expect(viewportFollowing(view, size)).toEqual({ x: 120.25, y: -40, zoom: 1.5 });
  });

  it('keeps the centre and the zoom on a larger canvas', () => {
    const view = { x: 0, y: 0, w: 800, h: 600, zoom: 1 };
    const follower = viewportFollowing(view, { width: 1600, height: 1200 });
    expect(follower.zoom).toBe(1);
    // The leader's centre (400, 300) is the follower's centre (800, 600).
    expect(boardToScreen(follower, { x: 400, y: 300 })).toEqual({ x: 800, y: 600 });
  });

  it('zooms out on a smaller canvas so that the whole view fits', () => {
    // The leader sees board (0, 0)-(1000, 500) at zoom 2 on a 2000 x 1000 canvas.
    const view = { x: 0, y: 0, w: 2000, h: 1000, zoom: 2 };
    const follower = viewportFollowing(view, { width: 500, height: 500 });
    expect(follower.zoom).toBe(0.5);
    const topLeft = boardToScreen(follower, { x: 0, y: 0 });
    const bottomRight = boardToScreen(follower, { x: 1000, y: 500 });
    expect(topLeft.x).toBeCloseTo(0);
    expect(bottomRight.x).toBeCloseTo(500);
    expect(topLeft.y).toBeGreaterThanOrEqual(0);
    expect(bottomRight.y).toBeLessThanOrEqual(500);
  });

  it('publishes nothing for a canvas with no size yet', () => {
    expect(viewRectOf({ x: 0, y: 0, zoom: 1 }, { width: 0, height: 100 })).toBeNull();
  });

  it('tells whether someone follows me', () => {
    expect(hasFollowers([undefined, 3, 9], 9)).toBe(true);
    expect(hasFollowers([undefined, 3], 9)).toBe(false);
  });

  it('compares viewports', () => {
    expect(sameViewport({ x: 1, y: 2, zoom: 1 }, { x: 1, y: 2, zoom: 1 })).toBe(true);
    expect(sameViewport({ x: 1, y: 2, zoom: 1 }, { x: 1.5, y: 2, zoom: 1 })).toBe(false);
  });
});
