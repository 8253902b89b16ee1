import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MAX_UPDATE_BYTES } from '../protocol/limits';
import { addShapes, getShapesMap, readShapes, updateShapes } from './doc';
import { packPoints, POINTS_KEY, unpackPoints } from './packed-points';
import { migratePoints } from './points-migration';
import { MAX_POINT_VALUES, SHAPE_PROP_SCHEMAS } from './schema';
import { MIGRATION_ORIGIN } from './text';

const stroke = [0, 0, 0.5, 3.125, -4, 0.25, 1000.5, 20_000, 1, -1e7, 1e7, 0];
const line = [0, 0, 100, 50.375, -3, 7];

describe('packed points', () => {
  it('round-trip exactly, in fewer bytes than Yjs takes for the list', () => {
    for (const [points, stride] of [[stroke, 3], [line, 2]] as const) {
      const packed = packPoints(points, stride)!;
      expect(unpackPoints(packed)).toEqual(points);
    }
    const handDrawn = Array.from({ length: 50 }, (_, i) => [i * 4, Math.round(Math.sin(i / 5) * 40), 0.5]).flat();
    const asList = new Y.Doc();
    asList.getMap('m').set('p', handDrawn);
    const asBytes = new Y.Doc();
    asBytes.getMap('m').set('p', packPoints(handDrawn, 3));
    expect(typeof packPoints(handDrawn, 3)).toBe('string');
    expect(Y.encodeStateAsUpdateV2(asBytes).byteLength).toBeLessThan(Y.encodeStateAsUpdateV2(asList).byteLength / 2);
  });

  it('are not made of points off the grid: those stay a list', () => {
    expect(packPoints([0.1, 0, 0.5], 3)).toBeNull();
    expect(packPoints([0, 0, 0.3], 3)).toBeNull();
    expect(packPoints([0, 0, 2], 3)).toBeNull();
    expect(packPoints([0, 0, 1], 3)).not.toBeNull();
    expect(packPoints([0, 0, 1], 2)).toBeNull();
  });

  it('read as null when the bytes are not a packed list (a bad write never passes as points)', () => {
    const good = packPoints(stroke, 3)!;
    const goodBytes = fromBase64(good);
    for (const bad of [
      'not base64!',
      'A'.repeat(300_000),
      new Uint8Array([]),
      new Uint8Array([9, 3]),
      new Uint8Array([1, 4, 0, 0]),
      goodBytes.slice(0, goodBytes.length - 1),
      new Uint8Array([1, 3, 0, 0, 65]),
      new Uint8Array([1, 2, 255, 255, 255, 255, 255, 255, 0]),
      Uint8Array.from([1, 2, ...Array.from({ length: MAX_POINT_VALUES + 2 }, () => 0)]),
    ].map((bad) => (typeof bad === 'string' ? bad : toBase64(bad)))) {
      expect(unpackPoints(bad)).toBeNull();
      expect(SHAPE_PROP_SCHEMAS.points.safeParse(bad).success).toBe(false);
    }
    expect(SHAPE_PROP_SCHEMAS.points.safeParse(good).success).toBe(true);
  });

  it('are what the board stores for a stroke on the grid, and what it reads back as the list', () => {
    const doc = new Y.Doc();
    addShapes(doc, [
      { id: 'p', type: 'pen', x: 0, y: 0, w: 10, h: 10, points: stroke },
      { id: 'l', type: 'line', x: 0, y: 0, w: 10, h: 10, points: [0, 0, 0.1, 0.2] },
    ]);
    const map = getShapesMap(doc);
    expect(map.get('p')!.get(POINTS_KEY)).toBeTypeOf('string');
    expect(map.get('l')!.get(POINTS_KEY)).toEqual([0, 0, 0.1, 0.2]);
    expect(readShapes(doc).shapes.map((shape) => 'points' in shape && shape.points)).toEqual([stroke, [0, 0, 0.1, 0.2]]);
    updateShapes(doc, new Map([['l', { points: [0, 0, 8, 8] }]]));
    expect(map.get('l')!.get(POINTS_KEY)).toBeTypeOf('string');
  });
});

describe('migratePoints: boards stored with points as lists', () => {
  /** A board as stored before: points written as plain lists. */
  function oldBoard(strokes: number): Y.Doc {
    const doc = new Y.Doc();
    const shapes = getShapesMap(doc);
    doc.transact(() => {
      for (let i = 0; i < strokes; i++) {
        const shape = new Y.Map<unknown>();
        shapes.set(`s${i}`, shape);
        for (const [key, value] of Object.entries({ type: 'pen', x: i, y: 0, w: 10, h: 10, z: `a${i}`, points: Array.from({ length: 3_000 }, (_, k) => (k % 3 === 2 ? 0.5 : k)) })) shape.set(key, value);
      }
      const off = new Y.Map<unknown>();
      shapes.set('off', off);
      for (const [key, value] of Object.entries({ type: 'line', x: 0, y: 0, w: 1, h: 1, z: 'b', points: [0, 0, 0.1, 0.1] })) off.set(key, value);
    });
    return doc;
  }

  it('opens as it was, then packs every list it can, in parts each one update within the limit', { timeout: 60_000 }, () => {
    const doc = oldBoard(600);
    const before = readShapes(doc);
    expect(before.shapes).toHaveLength(601);
    const updates: number[] = [];
    const origins = new Set<unknown>();
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      updates.push(update.byteLength);
      origins.add(origin);
    });
    expect(migratePoints(getShapesMap(doc))).toBe(600);
    expect(readShapes(doc)).toEqual(before);
    expect(getShapesMap(doc).get('s0')!.get(POINTS_KEY)).toBeTypeOf('string');
    expect(getShapesMap(doc).get('off')!.get(POINTS_KEY)).toEqual([0, 0, 0.1, 0.1]);
    expect(updates.length).toBeGreaterThan(1);
    expect(Math.max(...updates)).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
    expect([...origins]).toEqual([MIGRATION_ORIGIN]);
    expect(migratePoints(getShapesMap(doc))).toBe(0);
  });

  it('two people migrating one board at once converge on the same shapes', () => {
    const a = oldBoard(5);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = readShapes(a);
    migratePoints(getShapesMap(a));
    migratePoints(getShapesMap(b));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readShapes(a)).toEqual(before);
    expect(readShapes(b)).toEqual(before);
  });
});
