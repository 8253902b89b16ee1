/**
 * Restoring a saved version is an ordinary edit: the shapes the version lacks are deleted, the
 * ones it has are added or brought back to their saved properties. Only what differs is written,
 * in one transaction with the caller's origin, so everyone sees it and the one who restored can
 * undo it in one step. Shapes keep their ids, so someone who was editing a shape the version also
 * has keeps editing the same shape.
 */
import * as Y from 'yjs';
import { getShapesMap, LOCAL_ORIGIN, type NewShape, storedProps, storedValue, UNSTORED_DEFAULTS } from '../board/doc';
import { IMPORT_PART_BYTES, IMPORT_PART_SHAPES, shapeUpdateBytesBound } from '../board/update-parts';
import { POINTS_KEY, pointsValue } from '../board/packed-points';
import type { Shape } from '../board/schema';

/** A shape's stored properties, as `Y.Map#toJSON` gives them (no id). */
export type StoredProps = Record<string, unknown>;

export interface RestorePlan {
  /** Shapes on the board that the version does not have. */
  remove: string[];
  /** Shapes of the version that are not on the board. */
  add: Shape[];
  /** Shapes on both whose properties differ: what to set and which properties to remove. */
  update: Map<string, { set: StoredProps; unset: string[] }>;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  return false;
}

/** What turns the board's shapes (`current`, id to stored properties) into the version's. */
export function planRestore(current: ReadonlyMap<string, StoredProps>, target: readonly Shape[]): RestorePlan {
  const wanted = new Map(target.map((shape) => [shape.id, shape]));
  const plan: RestorePlan = { remove: [], add: [], update: new Map() };
  for (const id of current.keys()) if (!wanted.has(id)) plan.remove.push(id);
  for (const shape of target) {
    const stored = current.get(shape.id);
    if (!stored) {
      plan.add.push(shape);
      continue;
    }
    // Compared as stored: a shape's geometry as its box, so that a shape still in the legacy
    // layout (stored-box.ts) is rewritten in the current one.
    const props = storedProps(shape);
    const set: StoredProps = {};
    // A property left unstored holds its default (see addShapes).
    for (const [key, value] of Object.entries(props)) if (!sameValue(stored[key] ?? UNSTORED_DEFAULTS[key], value)) set[key] = value;
    const unset = Object.keys(stored).filter((key) => !(key in props) && stored[key] !== UNSTORED_DEFAULTS[key]);
    if (Object.keys(set).length > 0 || unset.length > 0) plan.update.set(shape.id, { set, unset });
  }
  return plan;
}

export function isEmptyPlan(plan: RestorePlan): boolean {
  return plan.remove.length === 0 && plan.add.length === 0 && plan.update.size === 0;
}

/** The board's shapes as stored, whether or not they match the schema. */
export function storedShapes(doc: Y.Doc): Map<string, StoredProps> {
  const out = new Map<string, StoredProps>();
  getShapesMap(doc).forEach((map, id) => {
    const props = map instanceof Y.Map ? (map.toJSON() as StoredProps) : {};
    // Packed points compare as the list they are (packed-points.ts).
    if (POINTS_KEY in props) props[POINTS_KEY] = pointsValue(map.get(POINTS_KEY));
    out.set(id, props);
  });
  return out;
}

/** Points are stored packed where they can be; the other properties as the version has them. */
const restoredValue = (key: string, value: unknown, type: unknown): unknown => (key === POINTS_KEY ? storedValue(key, value, type) : value);

export function applyRestorePlan(doc: Y.Doc, plan: RestorePlan, origin: unknown = LOCAL_ORIGIN): void {
  if (isEmptyPlan(plan)) return;
  const shapes = getShapesMap(doc);
  doc.transact(() => {
    for (const id of plan.remove) shapes.delete(id);
    for (const shape of plan.add) {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(storedProps(shape))) map.set(key, restoredValue(key, value, shape.type));
      shapes.set(shape.id, map);
    }
    for (const [id, { set, unset }] of plan.update) {
      let map = shapes.get(id);
      if (!(map instanceof Y.Map)) {
        // Not a shape at all (a peer's bad write): stored as {}, so `set` holds every property.
        map = new Y.Map<unknown>();
        shapes.set(id, map);
      }
      for (const [key, value] of Object.entries(set)) map.set(key, restoredValue(key, value, map.get('type') ?? set.type));
      for (const key of unset) map.delete(key);
    }
  }, origin);
}

/**
 * The plan in parts whose updates each stay under the server's per-update limit (bounded as an
 * import's parts are, lib/io/import.ts): a version of a large board is restored in several
 * transactions. Deletions go in the first part: each costs a few bytes.
 */
export function splitRestorePlan(plan: RestorePlan): RestorePlan[] {
  const parts: RestorePlan[] = [];
  let part: RestorePlan = { remove: plan.remove, add: [], update: new Map() };
  let bytes = 0;
  let shapes = 0;
  const take = (cost: number) => {
    if (shapes > 0 && (bytes + cost > IMPORT_PART_BYTES || shapes >= IMPORT_PART_SHAPES)) {
      parts.push(part);
      part = { remove: [], add: [], update: new Map() };
      bytes = 0;
      shapes = 0;
    }
    bytes += cost;
    shapes++;
  };
  for (const shape of plan.add) {
    take(shapeUpdateBytesBound(shape));
    part.add.push(shape);
  }
  for (const [id, change] of plan.update) {
    take(shapeUpdateBytesBound(change.set as NewShape));
    part.update.set(id, change);
  }
  parts.push(part);
  return parts;
}

/** Makes the board's shapes those of the version, in one transaction; returns what it changed. */
export function restoreShapes(doc: Y.Doc, target: readonly Shape[], origin: unknown = LOCAL_ORIGIN): RestorePlan {
  const plan = planRestore(storedShapes(doc), target);
  applyRestorePlan(doc, plan, origin);
  return plan;
}
