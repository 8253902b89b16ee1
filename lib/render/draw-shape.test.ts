import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import { displayColor } from './colors';
import { drawShape } from './draw-shape';
import { hasRealPressure, penOutline } from './pen-outline';
import { recordingContext } from './test/recording-context';
import { wrapText } from './text-layout';

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
    expect(ctx.globalAlpha).toBe(1);
  });

  it('paints a rectangle with its fill and its stroke, without saving the whole state', () => {
    const { ctx, calls } = recordingContext();
    drawShape(ctx, shapes[0]!);
    expect(calls).toEqual(['beginPath', 'rect', 'fill', 'stroke']);
  });

  it('turns a rotated shape about its centre', () => {
    const { ctx, calls } = recordingContext();
    drawShape(ctx, { ...shapes[0]!, rotation: 1 });
    expect(calls).toEqual(['save', 'translate', 'rotate', 'translate', 'beginPath', 'rect', 'fill', 'stroke', 'restore']);
  });

  it('dashes a dashed outline and then stops dashing', () => {
    const { ctx, calls } = recordingContext();
    drawShape(ctx, { ...shapes[1]!, strokeStyle: 'dashed' });
    expect(calls).toEqual(['beginPath', 'ellipse', 'setLineDash', 'stroke', 'setLineDash']);
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

describe('wrapText', () => {
  const measurer = { width: (text: string) => text.length * 10 };
  it('wraps at word boundaries, keeps newlines and breaks words wider than the line', () => {
    expect(wrapText(measurer, 'one two three', 10, 80)).toEqual(['one two', 'three']);
    expect(wrapText(measurer, 'a\n\nb', 10, 80)).toEqual(['a', '', 'b']);
    expect(wrapText(measurer, 'abcdefghijkl', 10, 50)).toEqual(['abcde', 'fghij', 'kl']);
  });
});

describe('displayColor', () => {
  it('keeps colours on a light board and inverts their lightness on a dark one', () => {
    expect(displayColor('#1e1e1e', false)).toBe('#1e1e1e');
    const light = displayColor('#1e1e1e', true);
    expect(parseInt(light.slice(1, 3), 16)).toBeGreaterThan(200);
    expect(displayColor('#e0313140', true)).toMatch(/^#[0-9a-f]{6}40$/);
    expect(displayColor('none', true)).toBe('none');
  });
});
