/**
 * Shapes in the layout boards stored before `box` (and outside /yjs clients) have: x, y, w and h
 * as four keys of the shape's map (stored-box.ts); the other properties as Tabula stores them.
 */
import * as Y from 'yjs';
import { getShapesMap, LOCAL_ORIGIN, storedProps, storedValue } from '../doc';
import { BOX_KEY } from '../stored-box';
import { type ShapeInput, shapeSchema } from '../schema';

/** Adds a shape with the legacy keys instead of a box; returns its map. */
export function addLegacyShape(doc: Y.Doc, input: Omit<ShapeInput, 'z'> & { z?: string }, origin: unknown = LOCAL_ORIGIN): Y.Map<unknown> {
  const shape = shapeSchema.parse({ z: 'a0', ...input });
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [key, value] of Object.entries(storedProps(shape))) if (key !== BOX_KEY) map.set(key, storedValue(key, value, shape.type));
    map.set('x', shape.x);
    map.set('y', shape.y);
    map.set('w', shape.w);
    map.set('h', shape.h);
    getShapesMap(doc).set(shape.id, map);
  }, origin);
  return map;
}
