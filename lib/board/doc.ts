/**
 * Reading and writing shapes in a board's Y.Doc. Every change goes through here, in one
 * transaction with the caller's origin, so that undo and the sync provider see whole gestures.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import type { z } from 'zod';
import { randomId } from '../protocol/random-id';
import { readShape } from './read-shape';
import { POINTS_KEY, storedPoints } from './packed-points';
import { BOX_KEY, boxIndex, type Geometry, readGeometry, toStoredBox, writeGeometry } from './stored-box';
import { TEXT_KEY, writeShapeText } from './text';
import { type DistributiveOmit, MAX_TITLE_LENGTH, type Shape, type ShapeInput, type ShapePropName, type SHAPE_PROP_SCHEMAS, shapeSchema } from './schema';

export const SHAPES_KEY = 'shapes';
export const META_KEY = 'meta';
export const CHAT_KEY = 'chat';
export const DEFAULT_TITLE = 'Untitled board';

/** The origin of edits made by this client's own user; undo tracks exactly this origin. */
export const LOCAL_ORIGIN = Symbol('tabula.local');

export type ShapeMap = Y.Map<unknown>;

export function getShapesMap(doc: Y.Doc): Y.Map<ShapeMap> {
  return doc.getMap<ShapeMap>(SHAPES_KEY);
}

/** 96 random bits: unique among the shapes anyone will ever draw on a board. */
export function newShapeId(): string {
  return randomId(16);
}

export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_KEY);
}

export function readTitle(doc: Y.Doc): string {
  const title = getMetaMap(doc).get('title');
  return typeof title === 'string' && title.length > 0 ? title : DEFAULT_TITLE;
}

/** The title as stored, '' when none was set: what the field that edits it shows. */
export function storedTitle(doc: Y.Doc): string {
  const title = getMetaMap(doc).get('title');
  return typeof title === 'string' ? title : '';
}

/** Calls `onChange` whenever the title changes, by anyone; returns the unsubscribe. */
export function observeTitle(doc: Y.Doc, onChange: () => void): () => void {
  const meta = getMetaMap(doc);
  const observer = (event: Y.YMapEvent<unknown>) => {
    if (event.keysChanged.has('title')) onChange();
  };
  meta.observe(observer);
  return () => meta.unobserve(observer);
}

export function setTitle(doc: Y.Doc, title: string, origin: unknown = LOCAL_ORIGIN): void {
  doc.transact(() => getMetaMap(doc).set('title', title.slice(0, MAX_TITLE_LENGTH)), origin);
}

export interface ReadResult {
  shapes: Shape[];
  /** Ids of stored shapes that do not match the schema (skipped, never rendered). */
  invalid: string[];
}

/** All valid shapes in paint order (ascending z, then id, so every peer paints alike). */
export function readShapes(doc: Y.Doc): ReadResult {
  const shapes: Shape[] = [];
  const invalid: string[] = [];
  getShapesMap(doc).forEach((map, id) => {
    const shape = map instanceof Y.Map ? readShape(id, map) : null;
    if (shape) shapes.push(shape);
    else invalid.push(id);
  });
  shapes.sort(compareZ);
  return { shapes, invalid };
}

export function compareZ(a: Pick<Shape, 'z' | 'id'>, b: Pick<Shape, 'z' | 'id'>): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A z index above every shape on the board. */
export function topZ(doc: Y.Doc): string {
  let max: string | null = null;
  getShapesMap(doc).forEach((map) => {
    const z = map instanceof Y.Map ? map.get('z') : undefined;
    if (typeof z === 'string' && (max === null || z > max)) max = z;
  });
  try {
    return generateKeyBetween(max, null);
  } catch {
    // A peer stored a z that is not a valid fractional index: start above it lexically.
    return `${max ?? ''}V`;
  }
}

/** A shape to add: its id, and its properties as the schema takes them (defaults may be left out; z is given on top). */
export type NewShape = DistributiveOmit<ShapeInput, 'z'> & { z?: string };

/**
 * Property values that are not written when a shape is added: reading fills them in (the schema's
 * defaults), and every item left out makes a large board smaller to store, send and load.
 */
export const UNSTORED_DEFAULTS: Readonly<Record<string, unknown>> = { rotation: 0, opacity: 1, strokeStyle: 'solid', fill: 'none' };

/**
 * A property's value as the document stores it: a text as a Y.Text (text.ts), points packed when
 * they can be (packed-points.ts), anything else as it is.
 */
export function storedValue(key: string, value: unknown, type: unknown): unknown {
  if (key === TEXT_KEY) return new Y.Text(value as string);
  if (key === POINTS_KEY && Array.isArray(value)) return storedPoints(value as number[], type);
  return value;
}

/** Adds a shape (validated first: an invalid shape throws and changes nothing). */
export function addShape(doc: Y.Doc, input: NewShape, origin: unknown = LOCAL_ORIGIN): Shape {
  return addShapes(doc, [input], origin)[0]!;
}

/**
 * Adds shapes in one transaction, stacked above everything in the given order. All are validated
 * before any is written: one invalid shape throws and changes nothing.
 */
export function addShapes(doc: Y.Doc, inputs: readonly NewShape[], origin: unknown = LOCAL_ORIGIN): Shape[] {
  let below: string | null = null;
  const shapes = inputs.map((input) => {
    const z = input.z ?? (below = below === null ? topZ(doc) : generateKeyBetween(below, null));
    return shapeSchema.parse({ ...input, z });
  });
  writeShapes(doc, shapes, origin);
  return shapes;
}

/**
 * A shape's properties as the document stores them (no id): x, y, w, h as one `box`
 * (stored-box.ts), defaults left out, and values unconverted (see `storedValue`).
 */
export function storedProps(shape: Shape): Record<string, unknown> {
  const props: Record<string, unknown> = { [BOX_KEY]: toStoredBox(shape) };
  for (const [key, value] of Object.entries(shape)) {
    if (key === 'id' || boxIndex(key) >= 0 || value === undefined || UNSTORED_DEFAULTS[key] === value) continue;
    props[key] = value;
  }
  return props;
}

/**
 * Writes shapes that already passed the schema (z included), in one transaction: for callers that
 * validated them on their own terms, such as a file read shape by shape.
 */
export function writeShapes(doc: Y.Doc, shapes: readonly Shape[], origin: unknown = LOCAL_ORIGIN): void {
  const shapesMap = getShapesMap(doc);
  doc.transact(() => {
    for (const shape of shapes) {
      const map = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(storedProps(shape))) map.set(key, storedValue(key, value, shape.type));
      shapesMap.set(shape.id, map);
    }
  }, origin);
}

/** New values for some properties of a shape (any type's properties; the type never changes). */
export type ShapePatch = { [K in Exclude<ShapePropName, 'type' | 'points' | 'box'>]?: z.infer<(typeof SHAPE_PROP_SCHEMAS)[K]> } & { points?: number[] };

/**
 * Sets some properties of existing shapes; unknown ids are ignored (someone deleted them). A text
 * is changed by one splice of its Y.Text, so that what others typed meanwhile stays; x, y, w and h
 * are written together as the shape's box (stored-box.ts).
 */
export function updateShapes(doc: Y.Doc, patches: ReadonlyMap<string, ShapePatch>, origin: unknown = LOCAL_ORIGIN): void {
  const shapes = getShapesMap(doc);
  doc.transact(() => {
    for (const [id, patch] of patches) {
      const map = shapes.get(id);
      if (!(map instanceof Y.Map)) continue;
      const geometry: Partial<Geometry> = {};
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        if (boxIndex(key) >= 0) geometry[key as keyof Geometry] = value as number;
        else if (key === TEXT_KEY) writeShapeText(map, value as string);
        else if (map.get(key) !== value) map.set(key, storedValue(key, value, map.get('type')));
      }
      if (Object.keys(geometry).length > 0) writeGeometry(map, geometry);
    }
  }, origin);
}

/** Moves shapes by (dx, dy) in one transaction. */
export function moveShapes(doc: Y.Doc, ids: Iterable<string>, dx: number, dy: number, origin: unknown = LOCAL_ORIGIN): void {
  const shapes = getShapesMap(doc);
  const patches = new Map<string, ShapePatch>();
  for (const id of ids) {
    const map = shapes.get(id);
    const geometry = map instanceof Y.Map ? readGeometry(map) : null;
    if (geometry) patches.set(id, { x: geometry.x + dx, y: geometry.y + dy });
  }
  updateShapes(doc, patches, origin);
}

export function deleteShapes(doc: Y.Doc, ids: Iterable<string>, origin: unknown = LOCAL_ORIGIN): void {
  const shapes = getShapesMap(doc);
  doc.transact(() => {
    for (const id of ids) shapes.delete(id);
  }, origin);
}
