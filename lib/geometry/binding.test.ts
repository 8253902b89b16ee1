import { describe, expect, it } from 'vitest';
import type { Shape } from '../board/schema';
import { type BindableShape, bindingTargetAt, boundGeometry, type Connector, connectorEnds, containsPoint, outlinePoint } from './binding';

const base = { z: 'a0', stroke: '#1e1e1e', fill: 'none', strokeWidth: 2, opacity: 1, strokeStyle: 'solid' as const, rotation: 0 };
const box = (type: BindableShape['type'], x: number, y: number, w: number, h: number, rotation = 0, id: string = type) =>
  ({ ...base, id, type, x, y, w, h, rotation }) as BindableShape;
const arrow = (from: { x: number; y: number }, to: { x: number; y: number }): Connector => ({
  ...base,
  id: 'arrow',
  type: 'arrow',
  x: Math.min(from.x, to.x),
  y: Math.min(from.y, to.y),
  w: Math.abs(to.x - from.x),
  h: Math.abs(to.y - from.y),
  points: [from.x - Math.min(from.x, to.x), from.y - Math.min(from.y, to.y), to.x - Math.min(from.x, to.x), to.y - Math.min(from.y, to.y)],
});
const close = (point: { x: number; y: number }, x: number, y: number) => {
  expect(point.x).toBeCloseTo(x, 6);
  expect(point.y).toBeCloseTo(y, 6);
};

describe('outlinePoint: where a bound end sits on each kind of shape', () => {
  // All centred on (100, 100), 200 wide and 100 high.
  it('rectangle (and note, text, image): the box edge the ray crosses', () => {
    for (const type of ['rectangle', 'sticky', 'text', 'image'] as const) {
      const shape = box(type, 0, 50, 200, 100);
      close(outlinePoint(shape, { x: 500, y: 100 }), 200, 100);
      close(outlinePoint(shape, { x: 100, y: -300 }), 100, 50);
      // Along (1, 1) the ray meets the bottom edge (50 below the centre) before the right one.
      close(outlinePoint(shape, { x: 100 + 400, y: 100 + 400 }), 150, 150);
    }
  });

  it('ellipse: on the curve', () => {
    const shape = box('ellipse', 0, 50, 200, 100);
    close(outlinePoint(shape, { x: 900, y: 100 }), 200, 100);
    close(outlinePoint(shape, { x: 100, y: 900 }), 100, 150);
    const diagonal = outlinePoint(shape, { x: 300, y: 300 });
    expect(((diagonal.x - 100) / 100) ** 2 + ((diagonal.y - 100) / 50) ** 2).toBeCloseTo(1, 6);
    expect(diagonal.x - 100).toBeCloseTo(diagonal.y - 100, 6);
  });

  it('diamond: on its sides', () => {
    const shape = box('diamond', 0, 50, 200, 100);
    close(outlinePoint(shape, { x: -500, y: 100 }), 0, 100);
    // Direction (1, 1): |x|/100 + |y|/50 = 1 at x = y = 100/3.
    close(outlinePoint(shape, { x: 200, y: 200 }), 100 + 100 / 3, 100 + 100 / 3);
  });

  it('a rotated shape: the outline turns with it', () => {
    // A quarter turn: the 200 x 100 box stands 100 wide and 200 high about its centre.
    const shape = box('rectangle', 0, 50, 200, 100, Math.PI / 2);
    close(outlinePoint(shape, { x: 500, y: 100 }), 150, 100);
    close(outlinePoint(shape, { x: 100, y: 500 }), 100, 200);
    const ellipse = box('ellipse', 0, 50, 200, 100, Math.PI / 2);
    close(outlinePoint(ellipse, { x: 100, y: -500 }), 100, 0);
  });

  it('the centre itself, and a shape without size, give the centre', () => {
    close(outlinePoint(box('rectangle', 0, 50, 200, 100), { x: 100, y: 100 }), 100, 100);
    close(outlinePoint(box('ellipse', 100, 100, 0, 0), { x: 300, y: 100 }), 100, 100);
  });
});

describe('containsPoint and bindingTargetAt: what an end dropped at a point binds to', () => {
  it('is inside the outline of each kind, rotation included', () => {
    expect(containsPoint(box('rectangle', 0, 0, 100, 100), { x: 99, y: 1 })).toBe(true);
    expect(containsPoint(box('ellipse', 0, 0, 100, 100), { x: 99, y: 1 })).toBe(false);
    expect(containsPoint(box('diamond', 0, 0, 100, 100), { x: 50, y: 2 })).toBe(true);
    expect(containsPoint(box('diamond', 0, 0, 100, 100), { x: 10, y: 10 })).toBe(false);
    expect(containsPoint(box('rectangle', 0, 50, 200, 100, Math.PI / 2), { x: 100, y: 5 })).toBe(true);
    expect(containsPoint(box('rectangle', 0, 50, 200, 100, Math.PI / 2), { x: 10, y: 100 })).toBe(false);
  });

  it('takes the topmost bindable shape and never a line, a pen stroke or the excluded shape', () => {
    const below = box('rectangle', 0, 0, 100, 100, 0, 'below');
    const above = box('ellipse', 0, 0, 100, 100, 0, 'above');
    const line = { ...arrow({ x: 0, y: 0 }, { x: 100, y: 100 }), id: 'line' } as Shape;
    expect(bindingTargetAt([below, above, line], { x: 50, y: 50 })?.id).toBe('above');
    expect(bindingTargetAt([below, above], { x: 50, y: 50 }, 'above')?.id).toBe('below');
    expect(bindingTargetAt([below, above], { x: 2, y: 2 })?.id).toBe('below');
    expect(bindingTargetAt([below, above], { x: 500, y: 50 })).toBeNull();
  });
});

describe('boundGeometry: a connector between its shapes', () => {
  it('aims each bound end at the other shape\u2019s centre, on its outline', () => {
    const left = box('rectangle', 0, 0, 100, 100, 0, 'left');
    const right = box('ellipse', 300, 0, 100, 100, 0, 'right');
    const geometry = boundGeometry(arrow({ x: 50, y: 50 }, { x: 350, y: 50 }), left, right)!;
    const [first, last] = connectorEnds({ ...arrow({ x: 0, y: 0 }, { x: 1, y: 1 }), ...geometry });
    close(first, 100, 50);
    close(last, 300, 50);
  });

  it('leaves an unbound end where it is and aims the bound end at it', () => {
    const right = box('rectangle', 300, 0, 100, 100);
    const geometry = boundGeometry(arrow({ x: 0, y: 50 }, { x: 350, y: 90 }), null, right)!;
    const [first, last] = connectorEnds({ ...arrow({ x: 0, y: 0 }, { x: 1, y: 1 }), ...geometry });
    close(first, 0, 50);
    close(last, 300, 50);
    expect(boundGeometry(arrow({ x: 0, y: 0 }, { x: 10, y: 10 }), null, null)).toBeNull();
  });
});
