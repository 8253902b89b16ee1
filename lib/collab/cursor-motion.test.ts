import { describe, expect, it } from 'vitest';
import { CursorMotion, MAX_GLIDE_MS } from './cursor-motion';

describe('CursorMotion', () => {
  it('shows a first report where it is', () => {
    const motion = new CursorMotion();
    motion.report(1, { x: 10, y: 20 }, 1000);
    expect(motion.position(1, 1000)).toEqual({ x: 10, y: 20 });
    expect(motion.moving(1000)).toBe(false);
  });

  it('glides to a new report over the time between reports', () => {
    const motion = new CursorMotion();
    motion.report(1, { x: 0, y: 0 }, 1000);
    motion.report(1, { x: 100, y: 0 }, 1040);
    expect(motion.position(1, 1040)).toEqual({ x: 0, y: 0 });
    const halfway = motion.position(1, 1060)!;
    expect(halfway.x).toBeGreaterThan(50);
    expect(halfway.x).toBeLessThan(100);
    expect(motion.moving(1060)).toBe(true);
    expect(motion.position(1, 1080)).toEqual({ x: 100, y: 0 });
    expect(motion.moving(1080)).toBe(false);
  });

  it('continues from where the cursor is drawn when a report comes mid-glide', () => {
    const motion = new CursorMotion();
    motion.report(1, { x: 0, y: 0 }, 0);
    motion.report(1, { x: 100, y: 0 }, 40);
    const drawn = motion.position(1, 60)!;
    motion.report(1, { x: 100, y: 100 }, 60);
    expect(motion.position(1, 60)).toEqual(drawn);
    // Monotone progress towards the new target, never a jump back.
    let previous = drawn.y;
    for (let t = 61; t <= 60 + MAX_GLIDE_MS; t += 5) {
      const y = motion.position(1, t)!.y;
      expect(y).toBeGreaterThanOrEqual(previous);
      previous = y;
    }
    expect(motion.position(1, 60 + MAX_GLIDE_MS)).toEqual({ x: 100, y: 100 });
  });

  it('bounds the glide after a long pause', () => {
    const motion = new CursorMotion();
    motion.report(1, { x: 0, y: 0 }, 0);
    motion.report(1, { x: 10, y: 0 }, 5000);
    expect(motion.position(1, 5000 + MAX_GLIDE_MS)).toEqual({ x: 10, y: 0 });
  });

  it('hides a cursor that left the canvas and forgets people who left', () => {
    const motion = new CursorMotion();
    motion.report(1, { x: 0, y: 0 }, 0);
    motion.report(2, { x: 0, y: 0 }, 0);
    motion.report(1, null, 10);
    expect(motion.position(1, 10)).toBeNull();
    motion.retain(new Set([3]));
    expect(motion.size).toBe(0);
  });
});
