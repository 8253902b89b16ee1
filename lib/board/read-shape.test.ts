import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { FAST_PROP_CHECKS, readShape, readShapeFast } from './read-shape';
import { MAX_POINT_VALUES, SHAPE_PROP_NAMES, SHAPE_PROP_SCHEMAS, SHAPE_TYPES, shapeSchema } from './schema';

/** Values on and around every bound the schema has, and values of every other kind. */
const NUMBER_PROBES = [
  -1e7 - 1, -1e7, -1001, -1000.5, -1000, -1, -0.5, -0, 0, 0.25, 0.5, 1, 1.5, 2, 3.99, 4, 20, 99.9, 100, 100.1, 101, 511, 512, 512.5,
  999, 1000, 1000.5, 1001, 1e7, 1e7 + 1, NaN, Infinity, -Infinity,
];
const STRING_PROBES = [
  '', 'a', 'a0', 'x'.repeat(15), 'x'.repeat(16), 'ab_C-9'.repeat(8), 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(128), 'x'.repeat(129),
  'x'.repeat(10_000), 'x'.repeat(10_001), '#fff', '#ffff', '#1e1e1e', '#1e1e1e80', '#1e1e1e800', '#ggg', '#ff', 'FFF', 'none',
  'transparent', 'red', ' none', 'none\n', 'solid', 'dashed', 'dotted', 'hand', 'mono', 'center', 'centre', 'right', 'Left', 'a b', 'é', 'a/b', ...SHAPE_TYPES, 'Rectangle', 'circle',
];
const OTHER_PROBES: unknown[] = [
  undefined, null, true, false, {}, [], [0, 0, 0.5], [1, '2'], [1, null], [1e7 + 1], [-1e7, 1e7], [NaN], [Infinity],
  new Array<number>(MAX_POINT_VALUES).fill(1), new Array<number>(MAX_POINT_VALUES + 1).fill(1), [1, , 3], new Uint8Array(3), 12n,
  // Boxes: [x, y, w, h], valid and not.
  [1, 2, 3, 4], [-1e7, 1e7, 0, 1e7], [1, 2, -3, 4], [1, 2, 3, -0.5], [1e7 + 1, 0, 1, 1], [1, 2, 3], [1, 2, 3, 4, 5], [1, '2', 3, 4], [1, , 3, 4], [0, 0, NaN, 1],
];
const PROBES: unknown[] = [...NUMBER_PROBES, ...STRING_PROBES, ...OTHER_PROBES];

function stored(props: Record<string, unknown>): Y.Map<unknown> {
  const doc = new Y.Doc();
  const map = doc.getMap<Y.Map<unknown>>('shapes');
  const shape = new Y.Map<unknown>();
  map.set('s', shape);
  for (const [key, value] of Object.entries(props)) shape.set(key, value);
  return shape;
}

/**
 * What the schema alone makes of a stored shape, its geometry by the documented rule: each of x, y,
 * w, h its legacy key if present, else the box's value if the box passes the schema.
 */
function schemaRead(id: string, map: Y.Map<unknown>) {
  const { box, ...json } = map.toJSON() as Record<string, unknown>;
  if (SHAPE_PROP_SCHEMAS.box.safeParse(box).success) {
    (['x', 'y', 'w', 'h'] as const).forEach((key, i) => {
      if (json[key] === undefined) json[key] = (box as number[])[i];
    });
  }
  const parsed = shapeSchema.safeParse({ ...json, id });
  return parsed.success ? parsed.data : null;
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const VALID_PROPS: Record<string, unknown> = {
  x: 10, y: -20.5, w: 30, h: 40, rotation: 0.3, z: 'a0', stroke: '#1e1e1e', fill: '#a5d8ff80', strokeWidth: 4, opacity: 0.8,
  strokeStyle: 'dashed', createdBy: 'user-1', points: [0, 0, 0.5, 3, 4, 0.5], text: 'hello\nworld', fontSize: 24,
  assetId: 'abcdefghijklmnop', locked: true, groupId: 'g1', fontFamily: 'mono', textAlign: 'right',
};

describe('the fast property checks', () => {
  it('cover every property of the schema', () => {
    expect(Object.keys(FAST_PROP_CHECKS).sort()).toEqual([...SHAPE_PROP_NAMES].sort());
  });

  it.each(SHAPE_PROP_NAMES)('accept exactly what the schema accepts for %s', (name) => {
    const disagreements = PROBES.filter((value) => FAST_PROP_CHECKS[name](value) !== SHAPE_PROP_SCHEMAS[name].safeParse(value).success);
    expect(disagreements).toEqual([]);
    // The probes reach both sides of each property's rules.
    expect(PROBES.some((value) => FAST_PROP_CHECKS[name](value))).toBe(true);
    expect(PROBES.some((value) => !FAST_PROP_CHECKS[name](value))).toBe(true);
  });
});

describe('reading a stored shape', () => {
  it.each(SHAPE_TYPES)('reads a %s as the schema does, defaults and property order included', (type) => {
    const minimal = stored({ type, x: 1, y: 2, w: 3, h: 4, z: 'a0', points: [0, 0, 1], text: 'hi', assetId: 'abcdefghijklmnop' });
    const full = stored({ ...VALID_PROPS, type, unknownProp: 'ignored' });
    for (const map of [minimal, full]) {
      const fast = readShapeFast('s1', map);
      expect(fast).not.toBeNull();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(schemaRead('s1', map)));
    }
  });

  it('reads the geometry from the box, from the legacy keys, and from both: a legacy key wins over its slot of the box', () => {
    const base = { type: 'rectangle', z: 'a0' };
    const boxed = stored({ ...base, box: [1, 2, 3, 4] });
    const legacy = stored({ ...base, x: 5, y: 6, w: 7, h: 8 });
    // An outside client wrote x and h after the shape got its box.
    const both = stored({ ...base, box: [1, 2, 3, 4], x: 50, h: 80 });
    // An invalid box counts as absent: the legacy keys must then be complete.
    const badBox = stored({ ...base, box: [1, 2, -3, 4], x: 5, y: 6, w: 7, h: 8 });
    const incomplete = stored({ ...base, box: [1, 2, 3], x: 5 });
    const geometry = (map: Y.Map<unknown>) => {
      const shape = readShape('s', map);
      return shape && [shape.x, shape.y, shape.w, shape.h];
    };
    expect(geometry(boxed)).toEqual([1, 2, 3, 4]);
    expect(geometry(legacy)).toEqual([5, 6, 7, 8]);
    expect(geometry(both)).toEqual([50, 2, 3, 80]);
    expect(geometry(badBox)).toEqual([5, 6, 7, 8]);
    expect(geometry(incomplete)).toBeNull();
    // The fast path takes them all, as the schema does (a shape never carries `box`).
    for (const map of [boxed, legacy, both, badBox]) {
      expect(readShapeFast('s', map)).not.toBeNull();
      expect(JSON.stringify(readShapeFast('s', map))).toBe(JSON.stringify(schemaRead('s', map)));
      expect(readShape('s', map)).not.toHaveProperty('box');
    }
  });

  it('keeps the stored points array itself (renderer caches are keyed on it)', () => {
    const points = [0, 0, 0.5, 10, 10, 0.5];
    const map = stored({ type: 'pen', x: 0, y: 0, w: 10, h: 10, z: 'a0', points });
    const shape = readShape('p', map);
    expect(shape?.type === 'pen' && shape.points).toBe(points);
  });

  // 3,000 shapes through zod: on a loaded machine this takes longer than the default timeout.
  it('agrees with the schema on thousands of seeded random shapes, valid or not', () => {
    const rand = random(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    const keys = [...SHAPE_PROP_NAMES, 'unknownProp'];
    let valid = 0;
    let fastTaken = 0;
    for (let i = 0; i < 3000; i++) {
      const props: Record<string, unknown> = { ...VALID_PROPS, type: pick(SHAPE_TYPES) };
      // Half in the current layout: the geometry as a box, some of the legacy keys beside it or not.
      if (rand() < 0.5) {
        props.box = [props.x, props.y, props.w, props.h];
        for (const key of ['x', 'y', 'w', 'h']) if (rand() < 0.8) delete props[key];
      }
      // Up to three properties removed or replaced by a probe (possibly of the wrong kind).
      for (let changes = Math.floor(rand() * 4); changes > 0; changes--) {
        const key = pick(keys);
        if (rand() < 0.3) delete props[key];
        else props[key] = pick(PROBES);
      }
      const id = rand() < 0.05 ? pick(['', 'a b', 'x'.repeat(65)]) : `s${i}`;
      const map = stored(props);
      const expected = schemaRead(id, map);
      const fast = readShapeFast(id, map);
      if (expected) valid++;
      if (fast) {
        fastTaken++;
        expect(JSON.stringify(fast)).toBe(JSON.stringify(expected));
      }
      expect(JSON.stringify(readShape(id, map))).toBe(JSON.stringify(expected));
    }
    // Both kinds were exercised, and the fast path took most valid shapes.
    expect(valid).toBeGreaterThan(500);
    expect(valid).toBeLessThan(2900);
    expect(fastTaken).toBeGreaterThan(valid * 0.8);
  }, 30_000);

  it('leaves a stored nested type to the schema', () => {
    const points = new Y.Array<number>();
    const map = stored({ type: 'line', x: 0, y: 0, w: 1, h: 1, z: 'a0', points });
    points.push([0, 0, 1, 1]);
    expect(readShapeFast('l', map)).toBeNull();
    expect(readShape('l', map)).toEqual(schemaRead('l', map));
  });
});
