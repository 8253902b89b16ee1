import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readShapes } from '../board/doc';
import { alignPatches, distributePatches } from './align';
import { Editor } from './editor';
import { at, shape } from './test/support';

const QUARTER = Math.PI / 2;
const a = shape({ id: 'a', type: 'rectangle', x: 0, y: 0, w: 100, h: 50 });
const b = shape({ id: 'b', type: 'rectangle', x: 300, y: 200, w: 50, h: 100 });
// Turned a quarter: it covers x 40..60, y -40..60 on the board.
const turned = shape({ id: 't', type: 'rectangle', x: 0, y: 0, w: 100, h: 20, rotation: QUARTER });

const moves = (patches: Map<string, unknown>) => Object.fromEntries(patches);

describe('alignPatches', () => {
  it('lines the shapes up on each side and centre line of the box around them', () => {
    expect(moves(alignPatches([a, b], 'left'))).toEqual({ b: { x: 0, y: 200 } });
    expect(moves(alignPatches([a, b], 'right'))).toEqual({ a: { x: 250, y: 0 } });
    expect(moves(alignPatches([a, b], 'centre'))).toEqual({ a: { x: 125, y: 0 }, b: { x: 150, y: 200 } });
    expect(moves(alignPatches([a, b], 'top'))).toEqual({ b: { x: 300, y: 0 } });
    expect(moves(alignPatches([a, b], 'bottom'))).toEqual({ a: { x: 0, y: 250 } });
    expect(moves(alignPatches([a, b], 'middle'))).toEqual({ a: { x: 0, y: 125 }, b: { x: 300, y: 100 } });
  });

  it('counts a rotated shape by its bounding box', () => {
    // The turned shape's left edge is at 40 on the board: b's left edge goes there, the turned one stays.
    expect(moves(alignPatches([turned, b], 'left'))).toEqual({ b: { x: 40, y: 200 } });
    // Its top is at -40: moving it to b's bottom (300) moves its stored box by 340.
    expect(moves(alignPatches([turned, b], 'bottom'))).toEqual({ t: { x: 0, y: 240 } });
  });

  it('does nothing for fewer than two shapes', () => {
    expect(alignPatches([a], 'left').size).toBe(0);
  });
});

describe('distributePatches', () => {
  const c = shape({ id: 'c', type: 'rectangle', x: 100, y: 0, w: 20, h: 20 });
  const d = shape({ id: 'd', type: 'rectangle', x: 500, y: 0, w: 100, h: 20 });

  it('leaves equal gaps between the shapes, the outer two staying put', () => {
    // a covers 0..100, d 500..600, c is 20 wide: gaps of (600 - 220) / 2 = 190.
    expect(moves(distributePatches([d, c, a], 'horizontal'))).toEqual({ c: { x: 290, y: 0 } });
    const top = shape({ id: 'top', type: 'ellipse', x: 0, y: 0, w: 10, h: 10 });
    const mid = shape({ id: 'mid', type: 'ellipse', x: 50, y: 15, w: 10, h: 10 });
    const bottom = shape({ id: 'bot', type: 'ellipse', x: 0, y: 100, w: 10, h: 10 });
    expect(moves(distributePatches([top, mid, bottom], 'vertical'))).toEqual({ mid: { x: 50, y: 50 } });
  });

  it('counts a rotated shape by its bounding box', () => {
    const left = shape({ id: 'l', type: 'rectangle', x: -100, y: 0, w: 40, h: 10 });
    const right = shape({ id: 'r', type: 'rectangle', x: 200, y: 0, w: 40, h: 10 });
    // -100..240 holds 40 + 20 + 40: gaps of 120, so the turned one moves from 40..60 to 60..80.
    expect(moves(distributePatches([left, turned, right], 'horizontal'))).toEqual({ t: { x: 20, y: 0 } });
  });

  it('does nothing for fewer than three shapes', () => {
    expect(distributePatches([a, b], 'vertical').size).toBe(0);
  });
});

describe('Editor: align and distribute', () => {
  it('aligns the selection in one undo step, and a bound arrow follows', () => {
    const doc = new Y.Doc();
    const editor = new Editor({ doc, userId: 'me' });
    for (const [x, y] of [[0, 0], [300, 200]] as const) {
      editor.setTool('rectangle');
      editor.pointerDown(at(x, y));
      editor.pointerMove(at(x + 50, y + 50));
      editor.pointerUp(at(x + 100, y + 100));
    }
    const [left, right] = readShapes(doc).shapes;
    editor.setTool('arrow');
    editor.pointerDown(at(50, 50));
    editor.pointerMove(at(200, 150));
    editor.pointerUp(at(350, 250));
    const arrow = readShapes(doc).shapes[2]!;
    expect(arrow).toMatchObject({ startBinding: left!.id, endBinding: right!.id });
    const arrowBefore = { x: arrow.x, y: arrow.y, h: arrow.h };

    editor.select([left!.id, right!.id]);
    editor.align('top');
    const after = readShapes(doc).shapes;
    expect(after.find((s) => s.id === right!.id)).toMatchObject({ x: 300, y: 0 });
    const followed = after.find((s) => s.id === arrow.id)!;
    expect(followed).toMatchObject({ startBinding: left!.id, endBinding: right!.id });
    expect({ x: followed.x, y: followed.y, h: followed.h }).not.toEqual(arrowBefore);
    expect(followed.h).toBeCloseTo(0, 6);

    editor.undo();
    expect(readShapes(doc).shapes.find((s) => s.id === right!.id)).toMatchObject({ x: 300, y: 200 });
    expect(readShapes(doc).shapes.find((s) => s.id === arrow.id)).toMatchObject(arrowBefore);
  });
});
