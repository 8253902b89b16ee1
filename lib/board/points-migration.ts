/**
 * Boards stored before points were packed (packed-points.ts) hold them as lists of numbers. Both
 * forms are read, so such a board opens as it is; once it is all here, an editing page packs the
 * lists that can be packed, so that the board gets smaller to store and to send. The conversion
 * is written in parts of bounded size (each one update the server takes), with the migration
 * origin: no one's undo step.
 */
import * as Y from 'yjs';
import { packPoints, POINTS_KEY } from './packed-points';
import { MIGRATION_ORIGIN } from './text';

/** The packed characters (ASCII: a byte each) written per transaction at most (a part's update stays well under 4 MB). */
export const MIGRATION_PART_BYTES = 1024 * 1024;
/** What a shape's rewrite costs in the update beyond its bytes (its key, ids and clocks). */
const PER_SHAPE_BYTES = 128;

/** Packs every list of points that can be packed; returns how many were converted. */
export function migratePoints(shapes: Y.Map<Y.Map<unknown>>, origin: unknown = MIGRATION_ORIGIN): number {
  const parts: Array<Array<[Y.Map<unknown>, string]>> = [[]];
  let partBytes = 0;
  shapes.forEach((shape) => {
    if (!(shape instanceof Y.Map)) return;
    const points = shape.get(POINTS_KEY);
    if (!Array.isArray(points)) return;
    const packed = packPoints(points as number[], shape.get('type') === 'pen' ? 3 : 2);
    if (!packed) return;
    if (partBytes + packed.length + PER_SHAPE_BYTES > MIGRATION_PART_BYTES && parts.at(-1)!.length > 0) {
      parts.push([]);
      partBytes = 0;
    }
    parts.at(-1)!.push([shape, packed]);
    partBytes += packed.length + PER_SHAPE_BYTES;
  });
  let converted = 0;
  for (const part of parts) {
    if (part.length === 0) continue;
    shapes.doc!.transact(() => {
      for (const [shape, packed] of part) shape.set(POINTS_KEY, packed);
    }, origin);
    converted += part.length;
  }
  return converted;
}
