import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import { displayColor } from './colors';
import { drawShape, STICKY_FILL } from './draw-shape';
import { FONT_STACKS } from './text-style';
import { hasRealPressure, penOutline } from './pen-outline';
import { logLines, recordingContext } from './test/recording-context';
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

  it('paints a rectangle at its box, with its fill and then its stroke, without saving the whole state', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, shapes[0]!);
    expect(logLines(log)).toEqual(['globalAlpha=1', 'beginPath()', 'rect(10,10,100,50)', 'fillStyle=#ffffff', 'fill()', 'strokeStyle=#1e1e1e', 'lineWidth=2', 'stroke()', 'globalAlpha=1']);
  });

  it('turns a rotated shape about its centre', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, { ...shapes[0]!, rotation: 1 });
    expect(logLines(log).slice(0, 4)).toEqual(['save()', 'translate(60,35)', 'rotate(1)', 'translate(-60,-35)']);
    expect(logLines(log)).toContain('rect(10,10,100,50)');
    expect(logLines(log).at(-1)).toBe('restore()');
  });

  it('draws an ellipse inside its box and dashes a dashed outline by its width, then stops dashing', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, { ...shapes[1]!, strokeStyle: 'dashed' });
    expect(logLines(log)).toEqual([
      'globalAlpha=1',
      'beginPath()',
      `ellipse(60,35,50,25,0,0,${Math.round(Math.PI * 2 * 1000) / 1000})`,
      'strokeStyle=#1e1e1e',
      'lineWidth=2',
      'setLineDash([12,10])',
      'stroke()',
      'setLineDash([])',
      'globalAlpha=1',
    ]);
  });

  it('draws a diamond through the middles of its sides, in the dark theme with a light ink', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, shapes[2]!, { dark: true });
    const lines = logLines(log);
    expect(lines.slice(1, 7)).toEqual(['beginPath()', 'moveTo(60,10)', 'lineTo(110,35)', 'lineTo(60,60)', 'lineTo(10,35)', 'closePath()']);
    expect(lines).toContain(`strokeStyle=${displayColor('#1e1e1e', true)}`);
  });

  it('draws an arrow along its points with a head of two strokes at the end', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, shapes[4]!);
    const lines = logLines(log);
    expect(lines.slice(1, 4)).toEqual(['beginPath()', 'moveTo(10,10)', 'lineTo(110,60)']);
    // Both strokes of the head start at the tip and go back toward the start, about 10 units long.
    const head = log.slice(log.findLastIndex((call) => call.name === 'beginPath'));
    const ends = head.filter((call) => call.name === 'lineTo').map((call) => call.args as number[]);
    expect(head.filter((call) => call.name === 'moveTo').map((call) => call.args)).toEqual([[110, 60], [110, 60]]);
    for (const [x, y] of ends) {
      expect(Math.hypot(110 - x!, 60 - y!)).toBeCloseTo(10, 5);
      expect(x).toBeLessThan(110);
    }
  });

  it('writes each line of a text at its own height, in the text colour and size', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, shapes[6]!);
    const lines = logLines(log);
    expect(lines).toContain('fillStyle=#1e1e1e');
    expect(lines).toContain(`font=20px ${FONT_STACKS.sans}`);
    expect(lines.filter((line) => line.startsWith('fillText'))).toEqual(['fillText(two,10,22.5)', 'fillText(lines,10,47.5)']);
  });

  it('fills a note with the note colour and writes its text inside its padding, clipped to it', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, shapes[7]!);
    const lines = logLines(log);
    expect(lines.slice(0, 7)).toEqual(['save()', 'globalAlpha=1', `fillStyle=${STICKY_FILL}`, 'fillRect(10,10,100,50)', 'beginPath()', 'rect(10,10,100,50)', 'clip()']);
    expect(lines.filter((line) => line.startsWith('fillText'))).toEqual(['fillText(note,22,34.5)']);
    expect(lines.at(-1)).toBe('restore()');
  });

  it('fills a pen stroke around its points at its opacity, in its colour', () => {
    const { ctx, log } = recordingContext();
    drawShape(ctx, { ...shapes[5]!, opacity: 0.5 });
    const lines = logLines(log);
    expect(lines.slice(0, 4)).toEqual(['globalAlpha=0.5', 'fillStyle=#1e1e1e', 'translate(10,10)', 'beginPath()']);
    expect(lines.slice(-4)).toEqual(['closePath()', 'fill()', 'translate(-10,-10)', 'globalAlpha=1']);
    // The outline hugs the stroke: every point within a stroke width of its box (0..100, 0..50).
    const points = log.filter((call) => call.name === 'quadraticCurveTo').flatMap((call) => [call.args.slice(0, 2), call.args.slice(2)] as number[][]);
    expect(points.length).toBeGreaterThan(10);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(-2);
      expect(x).toBeLessThanOrEqual(102);
      expect(y).toBeGreaterThanOrEqual(-2);
      expect(y).toBeLessThanOrEqual(52);
    }
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
  const font = { size: 10, family: 'sans' } as const;
  it('wraps at word boundaries, keeps newlines and breaks words wider than the line', () => {
    expect(wrapText(measurer, 'one two three', font, 80)).toEqual(['one two', 'three']);
    expect(wrapText(measurer, 'a\n\nb', font, 80)).toEqual(['a', '', 'b']);
    expect(wrapText(measurer, 'abcdefghijkl', font, 50)).toEqual(['abcde', 'fghij', 'kl']);
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
