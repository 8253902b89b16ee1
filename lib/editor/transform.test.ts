import { describe, expect, it } from 'vitest';
import { shape } from './test/support';
import { resizeFrame, resizeShapes, rotateShapes, selectionFrame, moveShapesBy } from './transform';

const QUARTER = Math.PI / 2;
const near = (actual: Record<string, unknown> | undefined, expected: Record<string, number>) => {
  for (const [key, value] of Object.entries(expected)) expect(actual?.[key] as number).toBeCloseTo(value, 6);
};

describe('selectionFrame', () => {
  it('is one shape’s own turned box, or the box around several', () => {
    const a = shape({ id: 'a', type: 'rectangle', x: 0, y: 0, w: 100, h: 20, rotation: QUARTER });
    expect(selectionFrame([a])).toEqual({ box: { x: 0, y: 0, w: 100, h: 20 }, rotation: QUARTER });
    const b = shape({ id: 'b', type: 'rectangle', x: 200, y: 200, w: 10, h: 10 });
    const frame = selectionFrame([a, b])!;
    expect(frame.rotation).toBe(0);
    near(frame.box as unknown as Record<string, unknown>, { x: 40, y: -40, w: 170, h: 250 });
  });
});

describe('resizeFrame', () => {
  const frame = { box: { x: 0, y: 0, w: 100, h: 50 }, rotation: 0 };

  it('moves the dragged sides and keeps the opposite ones', () => {
    expect(resizeFrame(frame, 'se', { x: 200, y: 100 }, false)).toEqual({ frame: { box: { x: 0, y: 0, w: 200, h: 100 }, rotation: 0 }, sx: 2, sy: 2 });
    expect(resizeFrame(frame, 'w', { x: 50, y: 999 }, false)).toEqual({ frame: { box: { x: 50, y: 0, w: 50, h: 50 }, rotation: 0 }, sx: 0.5, sy: 1 });
    expect(resizeFrame(frame, 'n', { x: 999, y: -50 }, false)).toEqual({ frame: { box: { x: 0, y: -50, w: 100, h: 100 }, rotation: 0 }, sx: 1, sy: 2 });
  });

  it('flips when dragged past the opposite side', () => {
    const result = resizeFrame(frame, 'e', { x: -50, y: 0 }, false);
    expect(result.sx).toBe(-0.5);
    expect(result.frame.box).toEqual({ x: -50, y: 0, w: 50, h: 50 });
  });

  it('keeps the aspect ratio: the larger scale wins; edges grow the other axis about the centre', () => {
    expect(resizeFrame(frame, 'se', { x: 300, y: 60 }, true).frame.box).toEqual({ x: 0, y: 0, w: 300, h: 150 });
    expect(resizeFrame(frame, 'e', { x: 200, y: 0 }, true).frame.box).toEqual({ x: 0, y: -25, w: 200, h: 100 });
  });

  it('works in the frame’s own axes when it is turned', () => {
    // Turned a quarter, the frame's local right edge faces down on screen.
    const turned = { box: { x: 0, y: 0, w: 100, h: 50 }, rotation: QUARTER };
    const result = resizeFrame(turned, 'e', { x: 50, y: 125 }, false);
    expect(result.sx).toBeCloseTo(1.5);
    // The local left edge (screen top, at y = 25 - 50 = -25) stays put.
    const { box } = result.frame;
    near(box as unknown as Record<string, unknown>, { w: 150, h: 50 });
    const centerY = box.y + box.h / 2;
    expect(centerY - 75).toBeCloseTo(-25);
  });
});

describe('resizeShapes', () => {
  it('scales a shape with its frame, points included, mirrored on a flip', () => {
    const line = shape({ id: 'l', type: 'line', x: 0, y: 0, w: 100, h: 50, points: [0, 0, 100, 50] });
    const from = selectionFrame([line])!;
    const flipped = resizeShapes([line], from, resizeFrame(from, 'e', { x: -100, y: 0 }, false)).get('l')!;
    expect(flipped).toMatchObject({ x: -100, y: 0, w: 100, h: 50, points: [100, 0, 0, 50] });
  });

  it('moves and scales every shape of a group with the group', () => {
    const a = shape({ id: 'a', type: 'rectangle', x: 0, y: 0, w: 50, h: 50 });
    const b = shape({ id: 'b', type: 'rectangle', x: 150, y: 50, w: 50, h: 50 });
    const from = selectionFrame([a, b])!;
    const patches = resizeShapes([a, b], from, resizeFrame(from, 'se', { x: 400, y: 200 }, false));
    expect(patches.get('a')).toEqual({ x: 0, y: 0, w: 100, h: 100 });
    expect(patches.get('b')).toEqual({ x: 300, y: 100, w: 100, h: 100 });
  });

  it('scales text by its font size', () => {
    const text = shape({ id: 't', type: 'text', x: 0, y: 0, w: 100, h: 25, text: 'hi', fontSize: 20 });
    const from = selectionFrame([text])!;
    expect(resizeShapes([text], from, resizeFrame(from, 'se', { x: 200, y: 50 }, true)).get('t')).toMatchObject({ w: 200, h: 50, fontSize: 40 });
  });
});

describe('rotateShapes', () => {
  it('turns each shape about the group centre and adds the angle to its rotation', () => {
    const a = shape({ id: 'a', type: 'rectangle', x: 0, y: 0, w: 20, h: 20 });
    const patches = rotateShapes([a], { x: 110, y: 10 }, Math.PI);
    near(patches.get('a') as Record<string, unknown>, { x: 200, y: 0, rotation: Math.PI });
  });

  it('keeps angles in (-PI, PI]', () => {
    const a = shape({ id: 'a', type: 'rectangle', rotation: 3 });
    expect(rotateShapes([a], { x: 50, y: 50 }, 1).get('a')!.rotation).toBeCloseTo(4 - 2 * Math.PI);
  });
});

describe('moveShapesBy', () => {
  it('offsets positions', () => {
    const a = shape({ id: 'a', type: 'rectangle', x: 5, y: 6 });
    expect(moveShapesBy([a], 10, -1)).toEqual(new Map([['a', { x: 15, y: 5 }]]));
  });
});
