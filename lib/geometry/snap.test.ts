import { describe, expect, it } from 'vitest';
import { nearestOffset, snapBox } from './snap';

const box = (x: number, y: number, w: number, h: number) => ({ x, y, w, h });

describe('nearestOffset', () => {
  it('lines up edges with edges, centres with centres and edges with centres, within the threshold', () => {
    const target = box(100, 0, 100, 50); // lines at 100, 150, 200
    expect(nearestOffset(box(103, 300, 40, 40), [target], 'x', 5)).toBe(-3); // left to left
    expect(nearestOffset(box(300, 300, 40, 40), [target], 'x', 5)).toBeNull();
    expect(nearestOffset(box(128, 300, 40, 40), [target], 'x', 5)).toBe(2); // centre 148 to centre 150
    expect(nearestOffset(box(206, 300, 40, 40), [target], 'x', 8)).toBe(-6); // left to right edge
  });

  it('takes the nearest candidate of all targets', () => {
    const targets = [box(0, 0, 10, 10), box(52, 0, 10, 10)];
    // Left edge 50: 52 is 2 away, 60 and 62 farther, 10 out of reach.
    expect(nearestOffset(box(50, 100, 20, 20), targets, 'x', 5)).toBe(2);
    // Exactly on a line: no offset.
    expect(nearestOffset(box(52, 100, 20, 20), targets, 'x', 5)).toBe(0);
  });
});

describe('snapBox', () => {
  it('snaps each axis on its own and returns the guides of the lines now shared', () => {
    const target = box(100, 100, 100, 100);
    const snap = snapBox(box(304, 196, 50, 50), [target], 6);
    // x: nothing within 6 (304..354 vs 100, 150, 200); y: bottom... top 196 -> 200 (the target's bottom).
    expect(snap.dx).toBe(0);
    expect(snap.dy).toBe(4);
    expect(snap.guides).toEqual([{ axis: 'y', at: 200, from: 100, to: 354 }]);
  });

  it('draws one guide per shared line, spanning every box on it', () => {
    const targets = [box(0, 0, 100, 100), box(0, 400, 100, 50)];
    const snap = snapBox(box(3, 200, 100, 20), targets, 5);
    expect(snap.dx).toBe(-3);
    // Left edges at 0 and right edges at 100 and centres at 50 are all shared, from the top box to the bottom one.
    expect(snap.guides.map((guide) => guide.at).sort((a, b) => a - b)).toEqual([0, 50, 100]);
    expect(snap.guides[0]).toMatchObject({ axis: 'x', from: 0, to: 450 });
  });

  it('leaves an axis that may not snap alone (a move held to one axis)', () => {
    const snap = snapBox(box(3, 3, 10, 10), [box(0, 0, 10, 10)], 5, { x: false, y: true });
    expect([snap.dx, snap.dy]).toEqual([0, 2]); // its bottom 13 to 10 is 3, its top 3 to 5 is 2
    expect(snap.guides.every((guide) => guide.axis === 'y')).toBe(true);
  });

  it('snaps nothing beyond the threshold', () => {
    expect(snapBox(box(20, 20, 10, 10), [box(0, 0, 5, 5)], 5)).toEqual({ dx: 0, dy: 0, guides: [] });
  });
});
