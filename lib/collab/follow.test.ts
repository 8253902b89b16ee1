import { describe, expect, it } from 'vitest';
import { boardToScreen } from '../geometry/viewport';
import { hasFollowers, sameViewport, viewportFollowing, viewRectOf } from './follow';

describe('follow mode geometry', () => {
  it('shows the same board area on a canvas of the same size', () => {
    const leader = { x: 120.25, y: -40, zoom: 1.5 };
    const size = { width: 1200, height: 800 };
    const view = viewRectOf(leader, size)!;
    expect(view).toEqual({ x: 120.3, y: -40, w: 800, h: 533.3, zoom: 1.5 });
    const follower = viewportFollowing(view, size);
    expect(follower.zoom).toBe(1.5);
    expect(follower.x).toBeCloseTo(120.3, 1);
    expect(follower.y).toBeCloseTo(-40, 1);
  });

  it('keeps the centre and the zoom on a larger canvas', () => {
    const view = { x: 0, y: 0, w: 800, h: 600, zoom: 1 };
    const follower = viewportFollowing(view, { width: 1600, height: 1200 });
    expect(follower.zoom).toBe(1);
    // The leader's centre (400, 300) is the follower's centre (800, 600).
    expect(boardToScreen(follower, { x: 400, y: 300 })).toEqual({ x: 800, y: 600 });
  });

  it('zooms out on a smaller canvas so that the whole view fits', () => {
    const view = { x: 0, y: 0, w: 1000, h: 500, zoom: 2 };
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
