/**
 * A shape's position and size are stored as one property, `box` = [x, y, w, h]. An overwritten
 * property stays in the document as a tombstone, and Yjs merges one client's tombstones only when
 * their clocks follow each other under the same key: a move that wrote x, y, w and h as four keys
 * left four tombstones that never merged (~850 B per edit in a long session's memory), one key
 * leaves one that merges with the next (bench/doc-growth.ts).
 *
 * Boards stored before, and outside clients (/yjs), keep the four keys x, y, w, h ("legacy"). The
 * rule for reading both, per coordinate: the legacy key when the shape has it, else the box's
 * value (when the box is valid). Tabula deletes a shape's legacy keys in the transaction that
 * writes its box, so a legacy key beside a box is always one written after that box or at the same
 * time unseen by its writer (an outside client's move): it wins, and no one's write is lost. The
 * next write of the shape's geometry folds it into the box.
 */
import type * as Y from 'yjs';
import { MAX_COORDINATE } from './shape-limits';

export const BOX_KEY = 'box';
export const GEOMETRY_KEYS = ['x', 'y', 'w', 'h'] as const;
export type GeometryKey = (typeof GEOMETRY_KEYS)[number];
export type Geometry = Record<GeometryKey, number>;
export type StoredBox = [x: number, y: number, w: number, h: number];

/** Which slot of the box each coordinate is, -1 for any other property. */
export function boxIndex(key: string): number {
  return (GEOMETRY_KEYS as readonly string[]).indexOf(key);
}

const isCoordinate = (value: unknown) => typeof value === 'number' && value >= -MAX_COORDINATE && value <= MAX_COORDINATE;
const isSize = (value: unknown) => typeof value === 'number' && value >= 0 && value <= MAX_COORDINATE;

/** What SHAPE_PROP_SCHEMAS.box accepts, without zod (the read path's check). */
export function isStoredBox(value: unknown): value is StoredBox {
  return Array.isArray(value) && value.length === 4 && isCoordinate(value[0]) && isCoordinate(value[1]) && isSize(value[2]) && isSize(value[3]);
}

/** The stored value of each coordinate by the rule above, unchecked (undefined: neither form has it). */
export function storedGeometry(map: Y.Map<unknown>): Record<GeometryKey, unknown> {
  const box = map.get(BOX_KEY);
  const valid = isStoredBox(box);
  const pick = (key: GeometryKey, index: number) => {
    const legacy = map.get(key);
    return legacy === undefined && valid ? box[index] : legacy;
  };
  return { x: pick('x', 0), y: pick('y', 1), w: pick('w', 2), h: pick('h', 3) };
}

/** The shape's geometry as numbers, or null if some coordinate is missing or not a number. */
export function readGeometry(map: Y.Map<unknown>): Geometry | null {
  const geometry = storedGeometry(map);
  return GEOMETRY_KEYS.every((key) => typeof geometry[key] === 'number') ? (geometry as Geometry) : null;
}

export function toStoredBox({ x, y, w, h }: Geometry): StoredBox {
  return [x, y, w, h];
}

/**
 * Writes some coordinates of a shape (in the caller's transaction): the box, merged with the
 * shape's current geometry, and the legacy keys removed (a shape migrates on its first change).
 * Nothing is written when the geometry stays as it is. A shape whose current geometry is unreadable (a peer's
 * bad write) gets the given coordinates under the legacy keys, as they were always written.
 */
export function writeGeometry(map: Y.Map<unknown>, patch: Partial<Geometry>): void {
  const current = readGeometry(map);
  if (!current) {
    for (const key of GEOMETRY_KEYS) if (patch[key] !== undefined) map.set(key, patch[key]);
    return;
  }
  const next = { ...current };
  for (const key of GEOMETRY_KEYS) if (patch[key] !== undefined) next[key] = patch[key];
  if (GEOMETRY_KEYS.every((key) => next[key] === current[key])) return;
  map.set(BOX_KEY, toStoredBox(next));
  for (const key of GEOMETRY_KEYS) if (map.has(key)) map.delete(key);
}
