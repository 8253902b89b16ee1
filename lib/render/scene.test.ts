import { describe, expect, it } from 'vitest';
import { shapeSchema } from '../board/schema';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import { recordingContext } from './test/recording-context';
import { boardTransform, drawShapes, type Frame, type IndexedShape } from './scene';

function entry(input: Record<string, unknown>): IndexedShape {
  const shape = shapeSchema.parse({ z: 'a0', ...input });
  const box = shapeVisualBounds(shape);
  return { minX: box.x, minY: box.y, maxX: box.x + box.w, maxY: box.y + box.h, shape, rank: 0 };
}

const frame = (zoom: number): Frame => ({ viewport: { x: 0, y: 0, zoom }, width: 800, height: 600, dpr: 1, dark: false });
const pen = entry({ id: 'p', type: 'pen', x: 0, y: 0, w: 100, h: 50, strokeWidth: 4, points: [0, 0, 0.5, 50, 50, 0.5, 100, 0, 0.5] });

describe('drawShapes level of detail', () => {
  it('draws a stroke in full when it is large on screen', () => {
    const { ctx, calls } = recordingContext();
    drawShapes(ctx, frame(1), [pen], new Set());
    expect(calls).toContain('fill');
    expect(calls).not.toContain('lineTo');
  });

  it('draws a small stroke as a hairline and a tiny one as a dot', () => {
    const small = recordingContext();
    drawShapes(small.ctx, frame(0.3), [pen], new Set());
    expect(small.calls).toContain('stroke');
    expect(small.ctx.lineWidth).toBeLessThanOrEqual(1 / 0.3);
    const tiny = recordingContext();
    drawShapes(tiny.ctx, frame(0.02), [pen], new Set());
    expect(tiny.calls.filter((call) => call !== 'setTransform')).toEqual(['fillRect']);
  });

  it('draws unreadable text as bars', () => {
    const text = entry({ id: 't', type: 'text', x: 0, y: 0, w: 200, h: 25, text: 'hello world', fontSize: 20 });
    const near = recordingContext();
    drawShapes(near.ctx, frame(1), [text], new Set());
    expect(near.calls).toContain('fillText');
    const far = recordingContext();
    drawShapes(far.ctx, frame(0.2), [text], new Set());
    expect(far.calls).toContain('fillRect');
    expect(far.calls).not.toContain('fillText');
  });

  it('leaves hidden shapes out', () => {
    const { ctx, calls } = recordingContext();
    drawShapes(ctx, frame(1), [pen], new Set(['p']));
    expect(calls).toEqual(['setTransform']);
  });

  it('snaps the translation to whole device pixels', () => {
    expect(boardTransform({ ...frame(0.37), viewport: { x: 10.3, y: -4.9, zoom: 0.37 }, dpr: 2 })).toEqual({ scale: 0.74, tx: -8, ty: 4 });
  });
});
