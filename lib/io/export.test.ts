import { describe, expect, it } from 'vitest';
import { type Shape, shapeSchema } from '../board/schema';
import { EXPORT_PADDING, shapesToSvg } from '../render/svg';
import { assetIdsOf, exportBounds, exportFileName, fitPlan, MAX_EXPORT_SIDE, paintShapes, pickShapes, rasterPlan } from './export';

const shapes: Shape[] = [
  shapeSchema.parse({ id: 'r', type: 'rectangle', x: 0, y: 0, w: 100, h: 50, z: 'a0', strokeWidth: 2 }),
  shapeSchema.parse({ id: 'i', type: 'image', x: 200, y: 100, w: 40, h: 30, z: 'a1', strokeWidth: 0, assetId: 'abcdefghijklmnop' }),
];

/** A stand-in 2D context that records method calls with their arguments and property writes. */
function recordingContext() {
  const calls: Array<[string, ...unknown[]]> = [];
  const ctx = new Proxy({} as Record<string | symbol, unknown>, {
    get: (target, name) => (name in target ? target[name] : (...args: unknown[]) => void calls.push([String(name), ...args])),
    set: (target, name, value) => {
      calls.push([`set ${String(name)}`, value]);
      target[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

describe('PNG export', () => {
  it('frames the shapes with the same margin as SVG, at 1x and 2x', () => {
    // The rectangle's stroke reaches 1 unit outside it; the image has no stroke.
    expect(exportBounds(shapes)).toEqual({ x: -1 - EXPORT_PADDING, y: -1 - EXPORT_PADDING, w: 241 + 2 * EXPORT_PADDING, h: 131 + 2 * EXPORT_PADDING });
    expect(rasterPlan(shapes, 1)).toEqual({ x: -17, y: -17, width: 273, height: 163, scale: 1, reduced: false });
    expect(rasterPlan(shapes, 2)).toMatchObject({ width: 546, height: 326, scale: 2, reduced: false });
    const svg = shapesToSvg(shapes);
    expect(svg).toContain('viewBox="-17 -17 273 163"');
  });

  it('lowers the scale of an image the browser could not hold, and says so', () => {
    const wide = [shapeSchema.parse({ id: 'w', type: 'rectangle', x: 0, y: 0, w: 50_000, h: 10, z: 'a0', strokeWidth: 0 })];
    const plan = rasterPlan(wide, 2);
    expect(plan.reduced).toBe(true);
    expect(plan.width).toBeLessThanOrEqual(MAX_EXPORT_SIDE);
  });

  it('gives an empty board a small blank image', () => {
    expect(rasterPlan([], 1)).toMatchObject({ width: 32, height: 32 });
  });

  it('fits a preview inside a box without enlarging small drawings', () => {
    expect(fitPlan(shapes, 1000, 1000)).toMatchObject({ scale: 1, width: 273, height: 163 });
    const fitted = fitPlan(shapes, 136, 400);
    expect(fitted.width).toBeLessThanOrEqual(136);
    expect(fitted.scale).toBeCloseTo(136 / 273, 5);
  });

  it('paints the background, then each shape with the board renderer under the export transform', () => {
    const { ctx, calls } = recordingContext();
    const plan = rasterPlan(shapes, 2);
    paintShapes(ctx, shapes, plan, '#ffffff');
    const names = calls.map((call) => call[0]);
    expect(calls).toContainEqual(['fillRect', 0, 0, plan.width, plan.height]);
    expect(calls).toContainEqual(['setTransform', 2, 0, 0, 2, 34, 34]);
    expect(names.indexOf('fillRect')).toBeLessThan(names.indexOf('rect'));
    // The image is not loaded in Node: its placeholder box is painted instead.
    expect(calls).toContainEqual(['fillRect', 200, 100, 40, 30]);
  });

  it('leaves the background transparent when asked', () => {
    const { ctx, calls } = recordingContext();
    paintShapes(ctx, [], rasterPlan([], 1), null);
    expect(calls.some((call) => call[0] === 'fillRect')).toBe(false);
  });
});

describe('export helpers', () => {
  it('names files after the board', () => {
    expect(exportFileName('Sprint plan', 'png')).toBe('Sprint plan.png');
    expect(exportFileName('Sprint plan', 'png', { scale: 2 })).toBe('Sprint plan@2x.png');
    expect(exportFileName('Sprint plan', 'svg', { selection: true, scale: 2 })).toBe('Sprint plan (selection).svg');
    expect(exportFileName('Q3: a/b?', 'tabula')).toBe('Q3- a-b.tabula.json');
    expect(exportFileName('  ...  ', 'png')).toBe('board.png');
  });

  it('picks the selection in paint order and lists image assets once', () => {
    expect(pickShapes(shapes, ['i', 'r']).map((shape) => shape.id)).toEqual(['r', 'i']);
    expect(assetIdsOf([...shapes, { ...shapes[1]!, id: 'j' }])).toEqual(['abcdefghijklmnop']);
  });

  it('can embed image files in an SVG', () => {
    const svg = shapesToSvg(shapes, { imageHref: (id) => `data:image/png;base64,${id}` });
    expect(svg).toContain('href="data:image/png;base64,abcdefghijklmnop"');
    expect(shapesToSvg(shapes)).toContain('href="/api/assets/abcdefghijklmnop"');
  });
});
