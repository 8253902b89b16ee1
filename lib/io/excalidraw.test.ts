// The test reads its fixture from disk; it runs in Node only.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShapeOf } from '../board/schema';
import { dataUrlBytes, FREEDRAW_SIZE_FACTOR, parseExcalidraw } from './excalidraw';
import { asNewShapes } from './import';
import { describeImport } from './import-result';
import { english } from '../i18n/english';

/** Written by hand to Excalidraw's public file format (type "excalidraw", version 2). */
const fixture: unknown = JSON.parse(readFileSync(new URL('./fixtures/sample.excalidraw', import.meta.url), 'utf8'));

function parseFixture() {
  const result = parseExcalidraw(fixture);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe('Excalidraw import', () => {
  it('maps every element with a counterpart, in paint order, and counts the rest', () => {
    const { shapes, skipped } = parseFixture();
    expect(shapes.map((shape) => shape.type)).toEqual(['rectangle', 'ellipse', 'diamond', 'line', 'arrow', 'arrow', 'pen', 'text']);
    // The deleted rectangle is dropped silently; the image and the frame are skipped and counted.
    expect(skipped).toEqual({ image: 1, frame: 1 });
    expect(english(describeImport(shapes.length, skipped))).toBe(
      'Imported 8 shapes. Skipped 2 elements with no counterpart in Tabula (1 frame, 1 image).',
    );
  });

  it('keeps position, size, colours, stroke width and opacity', () => {
    const [rectangle, ellipse] = parseFixture().shapes;
    expect(rectangle).toMatchObject({ x: 100, y: 50, w: 200, h: 120, rotation: 0, stroke: '#1971c2', fill: '#a5d8ff', strokeWidth: 2, opacity: 1 });
    // "transparent" means no fill; opacity 0-100 becomes 0-1; the angle stays in radians.
    expect(ellipse).toMatchObject({ x: 400, y: 60, w: 150, h: 100, rotation: 0.5, stroke: '#e03131', fill: 'none', strokeWidth: 4, opacity: 0.5 });
  });

  it("keeps coordinates in eighths of a unit, without Excalidraw's floating-point noise", () => {
    const element = (type: string, extra: object) => ({ id: type, type, x: 100.1, y: -20.30000000000001, width: 52.230000000000004, height: 10.1, ...extra });
    const result = parseExcalidraw({
      type: 'excalidraw',
      version: 2,
      elements: [
        element('rectangle', {}),
        element('arrow', { points: [[0, 0], [52.230000000000004, 10.1], [26.115000000000002, -3.3000000000000003]] }),
        element('freedraw', { points: [[0, 0], [1.1, 2.2], [3.3000000000000003, 4.4]], pressures: [0.123456, 0.5, 0.987654], simulatePressure: false }),
      ],
    });
    if (!result.ok) throw new Error(result.error);
    const [rectangle, arrow, pen] = result.shapes as [ShapeOf<'rectangle'>, ShapeOf<'arrow'>, ShapeOf<'pen'>];
    expect(rectangle).toMatchObject({ x: 100.125, y: -20.25, w: 52.25, h: 10.125 });
    expect(arrow).toMatchObject({ x: 100.125, y: -23.5, w: 52.25, h: 13.375, points: [0, 3.25, 52.25, 13.375, 26.125, 0] });
    // Every stored number is a whole number of eighths, and pressures are in 64ths (lib/board/quantize.ts).
    for (const value of [...arrow.points, ...pen.points.filter((_, i) => i % 3 !== 2), pen.x, pen.y, pen.w, pen.h]) expect(value * 8).toBe(Math.round(value * 8));
    expect(pen.points.filter((_, i) => i % 3 === 2)).toEqual([0.125, 0.5, 0.984375]);
    // Coordinates print in at most three decimals; pressures in 64ths, exact in float32.
    expect(JSON.stringify(result.shapes.map((shape) => ({ ...shape, points: [] })))).not.toMatch(/\d\.\d{4,}/);
  });

  it('brings an angle beyond a full turn back into (-pi, pi]', () => {
    const diamond = parseFixture().shapes[2]!;
    expect(diamond.rotation).toBeCloseTo(7 - 2 * Math.PI, 10);
  });

  it('re-bases points on the bounding box of a line', () => {
    const line = parseFixture().shapes[3] as ShapeOf<'line'>;
    // Excalidraw: origin (300, 300), points (0,0) (100,-30) (-50,50); the box starts at (-50, -30).
    expect(line).toMatchObject({ x: 250, y: 270, w: 150, h: 80 });
    expect(line.points).toEqual([50, 30, 150, 0, 0, 80]);
  });

  it('draws the head of an arrow at its end, reversing one that points backwards', () => {
    const [, , , , forward, backward] = parseFixture().shapes as ShapeOf<'arrow'>[];
    expect(forward).toMatchObject({ type: 'arrow', x: 320, y: 120, w: 80, h: 0, points: [0, 0, 80, 0] });
    expect(backward).toMatchObject({ type: 'arrow', x: 600, y: 300, stroke: '#f08c00', strokeWidth: 1, points: [100, 40, 0, 0] });
  });

  it('turns free-draw into a pen stroke with its pressures and a matching width', () => {
    const pen = parseFixture().shapes[6] as ShapeOf<'pen'>;
    expect(pen).toMatchObject({ x: 50, y: 440, w: 60, h: 20, stroke: '#9c36b5', fill: 'none', strokeWidth: FREEDRAW_SIZE_FACTOR });
    // Pressures in 64ths (lib/board/quantize.ts): 0.2 is 13/64.
    expect(pen.points).toEqual([0, 10, 13 / 64, 20, 20, 26 / 64, 40, 0, 38 / 64, 60, 20, 51 / 64]);
  });

  it('keeps text, its size and its colour', () => {
    const text = parseFixture().shapes[7] as ShapeOf<'text'>;
    expect(text).toMatchObject({ type: 'text', x: 120, y: 95, text: 'Hello\nTabula', fontSize: 20, stroke: '#1e1e1e' });
  });

  it('simulates pressure when Excalidraw did, and an arrow without heads is a line', () => {
    const result = parseExcalidraw({
      type: 'excalidraw',
      version: 2,
      elements: [
        { type: 'freedraw', x: 0, y: 0, points: [[0, 0], [5, 5]], pressures: [], simulatePressure: true },
        { type: 'arrow', x: 0, y: 0, points: [[0, 0], [5, 5]], startArrowhead: null, endArrowhead: null },
      ],
    });
    expect(result.ok && result.shapes.map((shape) => [shape.type, 'points' in shape ? shape.points : null])).toEqual([
      ['pen', [0, 0, 0.5, 5, 5, 0.5]],
      ['line', [0, 0, 5, 5]],
    ]);
  });

  it('skips elements it cannot read and colours it does not know, without failing', () => {
    const result = parseExcalidraw({
      type: 'excalidraw',
      version: 2,
      elements: [
        { type: 'rectangle', x: 'left', y: 0 },
        { type: 'line', x: 0, y: 0, points: [[0, 0]] },
        { type: 'rectangle', x: 0, y: 0, width: 5, height: 5, strokeColor: 'rgb(1,2,3)', backgroundColor: 'red' },
        { type: 'embeddable', x: 0, y: 0 },
        { type: 'rectangle', x: 1e9, y: 0, width: 5, height: 5 },
        42,
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.shapes).toHaveLength(1);
    expect(result.shapes[0]).toMatchObject({ stroke: '#1e1e1e', fill: 'none' });
    expect(result.skipped).toEqual({ unreadable: 4, embeddable: 1 });
  });

  it('carries embedded PNG, JPEG, GIF and WebP images over, with a placeholder until uploaded', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const image = (fileId: string) => ({ type: 'image', x: 10, y: 20, width: 300, height: 200, angle: 0, opacity: 50, fileId, strokeColor: 'transparent' });
    const result = parseExcalidraw({
      type: 'excalidraw',
      version: 2,
      elements: [image('png'), image('svg'), image('missing')],
      files: {
        png: { id: 'png', mimeType: 'image/png', dataURL: `data:image/png;base64,${png.toString('base64')}` },
        svg: { id: 'svg', mimeType: 'image/svg+xml', dataURL: 'data:image/svg+xml,%3Csvg%2F%3E' },
      },
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.shapes).toEqual([
      expect.objectContaining({ type: 'image', x: 10, y: 20, w: 300, h: 200, opacity: 0.5, strokeWidth: 0, assetId: 'pendingimage000000' }),
    ]);
    expect(result.images).toEqual([{ placeholder: 'pendingimage000000', type: 'image/png', bytes: new Uint8Array(png) }]);
    expect(result.skipped).toEqual({ image: 2 });
  });

  it('reads data URLs in base64 and percent-encoded', () => {
    expect(dataUrlBytes('data:text/plain;base64,aGk=')).toEqual(new Uint8Array([104, 105]));
    expect(dataUrlBytes('data:,h%69')).toEqual(new Uint8Array([104, 105]));
    expect(dataUrlBytes('https://example.com/a.png')).toBeNull();
  });

  it('accepts what Excalidraw puts on the clipboard', () => {
    const result = parseExcalidraw({ type: 'excalidraw/clipboard', elements: [{ type: 'ellipse', x: 1, y: 2, width: 3, height: 4 }] });
    expect(result.ok && result.shapes[0]).toMatchObject({ type: 'ellipse', x: 1, y: 2, w: 3, h: 4 });
  });

  it('refuses what is not an Excalidraw drawing', () => {
    expect(parseExcalidraw({ type: 'excalidraw', elements: 'none' })).toEqual({ ok: false, error: 'the Excalidraw file has no list of elements' });
    expect(parseExcalidraw({ elements: [] })).toEqual({ ok: false, error: 'not an Excalidraw file' });
    expect(parseExcalidraw(null)).toMatchObject({ ok: false });
  });

  it('brings arrow bindings over to the imported shapes, renamed with them, and drops bindings to elements not imported', () => {
    const bound: unknown = JSON.parse(readFileSync(new URL('./fixtures/bound-arrow.excalidraw', import.meta.url), 'utf8'));
    const result = parseExcalidraw(bound);
    if (!result.ok) throw new Error(result.error);
    const [boxA, boxB, arrow, loose] = result.shapes;
    expect(arrow).toMatchObject({ type: 'arrow', startBinding: boxA!.id, endBinding: boxB!.id });
    expect(loose).not.toHaveProperty('startBinding');
    const [newA, newB, newArrow] = asNewShapes(result.shapes);
    expect(newArrow).toMatchObject({ startBinding: newA!.id, endBinding: newB!.id });
    expect(newA!.id).not.toBe(boxA!.id);
  });

  it('brings locks and outermost groups over; the imported group gets a new id', () => {
    const element = { type: 'rectangle', x: 0, y: 0, width: 10, height: 10 };
    const result = parseExcalidraw({
      type: 'excalidraw',
      elements: [
        { ...element, id: 'a', locked: true, groupIds: ['inner', 'outer id!'] },
        { ...element, id: 'b', groupIds: ['outer id!'] },
        { ...element, id: 'c', locked: false },
      ],
    });
    if (!result.ok) throw new Error(result.error);
    const [a, b, c] = result.shapes;
    expect(a).toMatchObject({ locked: true, groupId: 'g0' });
    expect(b).toMatchObject({ groupId: 'g0' });
    expect(b).not.toHaveProperty('locked');
    expect(c).not.toHaveProperty('groupId');
    const [newA, newB] = asNewShapes(result.shapes);
    expect(newA!.groupId).toBe(newB!.groupId);
    expect(newA!.groupId).not.toBe('g0');
  });

  it('makes a text bound to a container its label, with its font family and alignment', () => {
    const box = { id: 'box', type: 'diamond', x: 0, y: 0, width: 200, height: 100 };
    const arrow = { id: 'arr', type: 'arrow', x: 0, y: 200, width: 100, height: 0, points: [[0, 0], [100, 0]] };
    const text = (id: string, containerId: string | null, extra: Record<string, unknown>) => ({ id, type: 'text', x: 50, y: 40, text: id, fontSize: 28, ...extra, containerId });
    const result = parseExcalidraw({
      type: 'excalidraw',
      // The label of the box comes before it in the list; one text names a container not imported.
      elements: [text('Decide', 'box', { fontFamily: 5, textAlign: 'center' }), box, arrow, text('yes', 'arr', { fontFamily: 3, textAlign: 'left' }), text('lost', 'gone', {}), text('free', null, { fontFamily: 2, textAlign: 'right' })],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.shapes.map((shape) => shape.type)).toEqual(['diamond', 'arrow', 'text']);
    expect(result.shapes[0]).toMatchObject({ text: 'Decide', fontSize: 28, fontFamily: 'hand', textAlign: 'center' });
    expect(result.shapes[1]).toMatchObject({ text: 'yes', fontFamily: 'mono', textAlign: 'left' });
    expect(result.shapes[2]).toMatchObject({ text: 'free', fontFamily: 'sans', textAlign: 'right' });
    expect(result.skipped).toEqual({ unreadable: 1 });
  });
});
