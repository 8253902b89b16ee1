import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import { drawShape } from './draw-shape';
import { hasRealPressure, penOutline } from './pen-outline';

/** A stand-in 2D context that records the names of the methods called on it. */
function recordingContext(): { ctx: CanvasRenderingContext2D; calls: string[] } {
  const calls: string[] = [];
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, name) => (name in target ? target[name] : (..._args: unknown[]) => void calls.push(String(name))),
    set: (target, name, value) => {
      target[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const base = { x: 10, y: 10, w: 100, h: 50, z: 'a0' };
const shapes: Shape[] = [
  shapeSchema.parse({ ...base, id: 'r', type: 'rectangle', fill: '#ffffff' }),
  shapeSchema.parse({ ...base, id: 'e', type: 'ellipse' }),
  shapeSchema.parse({ ...base, id: 'd', type: 'diamond' }),
  shapeSchema.parse({ ...base, id: 'l', type: 'line', points: [0, 0, 100, 50] }),
  shapeSchema.parse({ ...base, id: 'a', type: 'arrow', points: [0, 0, 100, 50] }),
  shapeSchema.parse({ ...base, id: 'p', type: 'pen', points: [0, 0, 0.5, 50, 25, 0.5, 100, 50, 0.5] }),
  shapeSchema.parse({ ...base, id: 't', type: 'text', text: 'two\nlines' }),
  shapeSchema.parse({ ...base, id: 's', type: 'sticky', text: 'note' }),
];

describe('drawShape', () => {
  it.each(shapes.map((shape) => [shape.type, shape] as const))('paints a %s', (_type, shape) => {
    const { ctx, calls } = recordingContext();
    drawShape(ctx, shape);
    expect(calls.some((call) => ['stroke', 'fill', 'fillRect', 'fillText'].includes(call))).toBe(true);
    expect(calls.filter((call) => call === 'save')).toHaveLength(calls.filter((call) => call === 'restore').length);
  });

  it('paints a rectangle with its fill and its stroke', () => {
    const { ctx, calls } = recordingContext();
    drawShape(ctx, shapes[0]!);
    expect(calls).toEqual(['save', 'beginPath', 'rect', 'fill', 'stroke', 'restore']);
  });
});

describe('penOutline', () => {
  it('outlines a finished stroke once and reuses it', () => {
    const points = [0, 0, 0.5, 40, 10, 0.5, 80, 0, 0.5];
    const outline = penOutline(points, 4, true);
    expect(outline.length).toBeGreaterThan(4);
    expect(penOutline(points, 4, true)).toBe(outline);
    expect(penOutline(points, 8, true)).not.toBe(outline);
  });

  it('tells pen pressure from mouse input', () => {
    expect(hasRealPressure([0, 0, 0.5, 1, 1, 0.5])).toBe(false);
    expect(hasRealPressure([0, 0, 0.5, 1, 1, 0.7])).toBe(true);
  });
});
