import { describe, expect, it } from 'vitest';
import type { Shape } from '../board/schema';
import { penDraft, rectangleDraft } from '../board/test/drafts';
import { encodeAwarenessEntries } from '../protocol/messages';
import { MAX_AWARENESS_BYTES } from '../protocol/limits';
import { encodePreview, previewShapes, samePreview, simplifyPoints } from './preview';
import { MAX_PREVIEW_POINT_VALUES, MAX_PREVIEW_SHAPES } from './preview-schema';
import { parsePresenceState } from './schema';

const rect = (id: string, x: number, y: number): Shape => ({
  ...rectangleDraft({ x, y, w: 10, h: 20 }, 'u'),
  id,
  z: 'a0',
});

/** A long wiggly stroke: absolute [x, y, pressure, ...]. */
function wiggle(points: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < points; i++) values.push(i * 0.7, Math.sin(i / 9) * 40 + (i % 7) * 0.01, 0.5);
  return values;
}

describe('simplifyPoints', () => {
  it('keeps a short list as is, rounded', () => {
    expect(simplifyPoints([1.234, 2.345, 0.5012, 3, 4, 0.5], 3)).toEqual([1.2, 2.3, 0.5, 3, 4, 0.5]);
  });

  it('simplifies a long stroke under the cap, keeping both ends and the shape', () => {
    const values = wiggle(10_000);
    const out = simplifyPoints(values, 3);
    expect(out.length).toBeLessThanOrEqual(MAX_PREVIEW_POINT_VALUES);
    expect(out.length % 3).toBe(0);
    expect(out.slice(0, 2)).toEqual([0, 0]);
    expect(out.at(-3)).toBeCloseTo(values.at(-3)!, 1);
    // The sine's crests survive simplification.
    const ys = out.filter((_, i) => i % 3 === 1);
    expect(Math.max(...ys)).toBeGreaterThan(39);
    expect(Math.min(...ys)).toBeLessThan(-39);
  });

  it('handles two-value strides and degenerate input', () => {
    expect(simplifyPoints([], 2)).toEqual([]);
    expect(simplifyPoints([5, 5], 2)).toEqual([5, 5]);
    const line = Array.from({ length: 4000 }, (_, i) => i);
    expect(simplifyPoints(line, 2, 100)).toEqual([0, 1, 3998, 3999]);
  });
});

describe('encodePreview', () => {
  const shapes = new Map([
    ['a', rect('a', 0, 0)],
    ['b', rect('b', 100, 50)],
  ]);
  const lookup = (id: string) => shapes.get(id);

  it('publishes nothing without a gesture', () => {
    expect(encodePreview({ shape: null, move: null }, lookup)).toBeNull();
  });

  it('publishes a stroke in progress, bounded, that the server schema accepts', () => {
    const preview = encodePreview({ shape: penDraft(wiggle(10_000), 'u'), move: null }, lookup)!;
    expect(preview.kind).toBe('draw');
    const state = { user: { name: 'A', color: '#e03131' }, cursor: null, selection: [], preview };
    expect(parsePresenceState(state)).toEqual(state);
    const bytes = encodeAwarenessEntries([{ clientID: 1, clock: 1, state }]).byteLength;
    expect(bytes).toBeLessThan(MAX_AWARENESS_BYTES / 2);
  });

  it('publishes a drag as the new absolute positions', () => {
    const preview = encodePreview({ shape: null, move: { ids: ['a', 'b', 'gone'], dx: 5, dy: -5 } }, lookup);
    expect(preview).toEqual({ kind: 'edit', shapes: [{ id: 'a', x: 5, y: -5 }, { id: 'b', x: 105, y: 45 }] });
  });

  it('publishes other live edits (resize, typing) as bounded patches', () => {
    const preview = encodePreview(
      { shape: null, move: null, edits: [{ id: 'a', w: 30.04, h: 40, rotation: 0.5, text: 'x'.repeat(5000) }] },
      lookup,
    );
    expect(preview).toEqual({ kind: 'edit', shapes: [{ id: 'a', w: 30, h: 40, rotation: 0.5, text: 'x'.repeat(4000) }] });
    const paint = previewShapes(preview!, '1', lookup);
    expect(paint.hidden).toEqual(['a']);
    expect(paint.shapes[0]).toMatchObject({ id: 'a', x: 0, y: 0, w: 30, h: 40, rotation: 0.5 });
  });

  it('leaves out a drag of more shapes than a preview carries', () => {
    const ids = Array.from({ length: MAX_PREVIEW_SHAPES + 1 }, () => 'a');
    expect(encodePreview({ shape: null, move: { ids, dx: 1, dy: 1 } }, lookup)).toBeNull();
  });

  it('compares previews by content', () => {
    const a = encodePreview({ shape: rectangleDraft({ x: 0, y: 0, w: 5, h: 5 }, 'u'), move: null }, lookup);
    const b = encodePreview({ shape: rectangleDraft({ x: 0, y: 0, w: 5, h: 5 }, 'u'), move: null }, lookup);
    expect(samePreview(a, b)).toBe(true);
    expect(samePreview(a, null)).toBe(false);
    expect(samePreview(null, undefined)).toBe(true);
  });
});

describe('previewShapes', () => {
  const shapes = new Map([['a', rect('a', 0, 0)]]);
  const lookup = (id: string) => shapes.get(id);

  it('turns a peer drawing into a shape to paint', () => {
    const preview = encodePreview({ shape: rectangleDraft({ x: 1, y: 2, w: 30, h: 40 }, 'u'), move: null }, lookup)!;
    const paint = previewShapes(preview, '7', lookup);
    expect(paint.hidden).toEqual([]);
    expect(paint.shapes).toHaveLength(1);
    expect(paint.shapes[0]).toMatchObject({ type: 'rectangle', id: 'preview-7', x: 1, y: 2, w: 30, h: 40 });
  });

  it('moves the edited shapes and hides their committed copies', () => {
    const paint = previewShapes({ kind: 'edit', shapes: [{ id: 'a', x: 50, y: 60 }, { id: 'missing', x: 1 }] }, '7', lookup);
    expect(paint.hidden).toEqual(['a']);
    expect(paint.shapes).toEqual([{ ...rect('a', 50, 60) }]);
  });

  it('skips a drawing that would not make a valid shape', () => {
    const paint = previewShapes({ kind: 'draw', shape: { type: 'pen', x: 0, y: 0, w: 1, h: 1 } }, '7', lookup);
    expect(paint.shapes).toEqual([]);
    expect(previewShapes(undefined, '7', lookup)).toEqual({ shapes: [], hidden: [] });
  });
});

describe('presence schema', () => {
  it('drops a state whose preview breaks the bounds', () => {
    const points = Array.from({ length: MAX_PREVIEW_POINT_VALUES + 3 }, () => 1);
    const preview = { kind: 'draw', shape: { type: 'pen', x: 0, y: 0, w: 1, h: 1, points } };
    expect(parsePresenceState({ preview })).toBeNull();
    expect(parsePresenceState({ preview: { kind: 'edit', shapes: [] } })).toBeNull();
    expect(parsePresenceState({ idle: 'yes' })).toBeNull();
    expect(parsePresenceState({ view: { x: 0, y: 0, w: 0, h: 10, zoom: 1 } })).toBeNull();
    expect(parsePresenceState({ view: { x: 0, y: 0, w: 10, h: 10, zoom: -1 } })).toBeNull();
  });

  it('leaves optional fields out rather than adding them', () => {
    expect(parsePresenceState({})).toEqual({ cursor: null, selection: [] });
  });
});
