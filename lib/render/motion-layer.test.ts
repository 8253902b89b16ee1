import { describe, expect, it } from 'vitest';
import { shapeSchema } from '../board/schema';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import type { Box } from '../geometry/types';
import { grownFrame, MOTION_MARGIN, MotionLayer, type Surface } from './motion-layer';
import { boardTransform, type Frame, type IndexedShape } from './scene';

interface Call {
  name: string;
  args: unknown[];
}

/** A 2D context that records every call with its arguments; `onCall` sees each one. */
function fakeContext(onCall: (name: string) => void = () => {}): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const target: Record<string | symbol, unknown> = { globalAlpha: 1 };
  const ctx = new Proxy(target, {
    get: (object, name) =>
      name in object
        ? object[name]
        : (...args: unknown[]) => {
            calls.push({ name: String(name), args });
            onCall(String(name));
          },
    set: (object, name, value) => {
      object[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

function rectangles(count: number): IndexedShape[] {
  return Array.from({ length: count }, (_, i) => {
    const shape = shapeSchema.parse({ id: `r${i}`, type: 'rectangle', x: (i % 50) * 20, y: Math.floor(i / 50) * 20, w: 10, h: 10, z: `a${i}` });
    const box = shapeVisualBounds(shape);
    return { minX: box.x, minY: box.y, maxX: box.x + box.w, maxY: box.y + box.h, shape, rank: i };
  });
}

/**
 * A motion layer over `count` shapes whose clock advances 1 ms at every flush (getImageData),
 * as if each slice cost a millisecond of raster.
 */
function setup(count: number, sliceShapes = 100) {
  let time = 0;
  const surfaces: { surface: Surface; calls: Call[] }[] = [];
  const createSurface = (): Surface => {
    const { ctx, calls } = fakeContext((name) => {
      if (name === 'getImageData') time += 1;
    });
    const surface = { ctx, image: { id: surfaces.length } as unknown as CanvasImageSource, width: 0, height: 0 };
    surfaces.push({ surface, calls });
    return surface;
  };
  const entries = rectangles(count);
  const searched: Box[] = [];
  const search = (box: Box) => {
    searched.push(box);
    return entries;
  };
  return { layer: new MotionLayer(createSurface, () => time, sliceShapes), surfaces, search, searched };
}

const frameAt = (x: number, y: number, zoom: number): Frame => ({ viewport: { x, y, zoom }, width: 400, height: 300, dpr: 1, dark: false });
const NONE: ReadonlySet<string> = new Set();

function drawImages(calls: Call[]): unknown[][] {
  return calls.filter((call) => call.name === 'drawImage').map((call) => call.args);
}

describe('the motion layer', () => {
  it('draws a view over several frames within the budget, then shows it pixel for pixel', () => {
    const { layer, surfaces, search } = setup(1000);
    const target = fakeContext();
    const frame = frameAt(0, 0, 1);
    const results: boolean[] = [];
    for (let i = 0; i < 6 && !results.includes(true); i++) results.push(layer.paint(target.ctx, frame, search, NONE, 3));
    // 10 slices of 100 shapes at 1 ms each, 3 ms a frame: done in the fourth frame.
    expect(results).toEqual([false, false, false, true]);
    expect(layer.isExact(frame)).toBe(true);
    const images = drawImages(target.calls);
    // Nothing to show until the first buffer was complete; then the buffer at its place.
    expect(images).toHaveLength(1);
    const margin = Math.floor(400 * MOTION_MARGIN);
    const { width, height } = surfaces[0]!.surface;
    expect(images[0]).toEqual([surfaces[0]!.surface.image, 0, 0, width, height, -margin, -Math.floor(300 * MOTION_MARGIN), width, height]);
    expect(surfaces[0]!.calls.filter((call) => call.name === 'rect')).toHaveLength(1000);
  });

  it('moves and scales the last complete buffer to the view while the next one is drawn', () => {
    const { layer, surfaces, search } = setup(1000);
    const target = fakeContext();
    const first = frameAt(0, 0, 1);
    while (!layer.paint(target.ctx, first, search, NONE, 100));
    const zoomed = frameAt(50, 20, 2);
    expect(layer.paint(target.ctx, zoomed, search, NONE, 3)).toBe(false);
    const shown = surfaces[0]!.surface;
    const from = boardTransform(grownFrame(first, MOTION_MARGIN));
    const to = boardTransform(zoomed);
    expect(drawImages(target.calls).at(-1)).toEqual([shown.image, 0, 0, shown.width, shown.height, to.tx - from.tx * 2, to.ty - from.ty * 2, shown.width * 2, shown.height * 2]);
    // The next buffer is drawn on the other surface, for the new view.
    expect(surfaces).toHaveLength(2);
    expect(surfaces[1]!.calls.some((call) => call.name === 'rect')).toBe(true);
  });

  it('draws again once the shapes changed, showing the older buffer meanwhile', () => {
    const { layer, search, searched } = setup(300);
    const target = fakeContext();
    const frame = frameAt(0, 0, 1);
    while (!layer.paint(target.ctx, frame, search, NONE, 100));
    const searches = searched.length;
    expect(layer.paint(target.ctx, frame, search, NONE, 100)).toBe(true);
    expect(searched).toHaveLength(searches);
    layer.invalidate();
    expect(layer.isExact(frame)).toBe(false);
    expect(layer.paint(target.ctx, frame, search, NONE, 1)).toBe(false);
    expect(searched).toHaveLength(searches + 1);
    while (!layer.paint(target.ctx, frame, search, NONE, 1));
    expect(layer.isExact(frame)).toBe(true);
  });

  it('shows a seeded image until its first buffer is complete', () => {
    const { layer, surfaces, search } = setup(1000);
    const target = fakeContext();
    const before = frameAt(0, 0, 1);
    const painted = { id: 'static canvas' } as unknown as CanvasImageSource;
    layer.seed(painted, before, true);
    expect(drawImages(surfaces[0]!.calls)).toEqual([[painted, 0, 0]]);
    expect(layer.paint(target.ctx, frameAt(10, 0, 1), search, NONE, 2)).toBe(false);
    const seed = surfaces[0]!.surface;
    expect(drawImages(target.calls)).toEqual([[seed.image, 0, 0, seed.width, seed.height, -10, 0, seed.width, seed.height]]);
  });
});

describe('a buffer frame', () => {
  it('adds whole device pixels around the view, on its pixel grid', () => {
    const frame: Frame = { viewport: { x: 10.3, y: -4.7, zoom: 0.37 }, width: 1280, height: 800, dpr: 2, dark: false };
    const grown = grownFrame(frame, 0.2);
    const [inner, outer] = [boardTransform(frame), boardTransform(grown)];
    expect(outer.scale).toBe(inner.scale);
    expect(Number.isInteger(outer.tx - inner.tx)).toBe(true);
    expect(outer.tx - inner.tx).toBeGreaterThan(0);
    expect(grown.width * grown.dpr * grown.height * grown.dpr).toBeLessThanOrEqual(4_500_000);
    expect(grownFrame({ ...frame, dpr: 1 }, 0.2).width).toBe(1280 + 2 * 256);
  });
});
