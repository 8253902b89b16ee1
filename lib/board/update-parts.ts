/**
 * Large changes (an import, a version restored) go in parts, each one transaction whose update the
 * server takes (MAX_UPDATE_BYTES); these bound a part without encoding it twice.
 */
import { MAX_UPDATE_BYTES } from '../protocol/limits';
import type { NewShape } from './doc';

/**
 * An upper bound on the bytes of the update that adding `shape` makes: a number costs Yjs at most
 * 9 bytes, a UTF-16 unit of a string at most 3 in UTF-8, and a shape's structure (its map, its
 * property keys, ids and clocks) well under 2 KB. Exact sizes would need the shapes encoded twice.
 */
export function shapeUpdateBytesBound(shape: NewShape): number {
  let bytes = 2048;
  for (const value of Object.values(shape)) {
    if (typeof value === 'string') bytes += value.length * 3;
    else if (Array.isArray(value)) bytes += value.length * 9;
  }
  return bytes;
}

/**
 * What one part of an import, a restore or a large transaction (lib/sync/struct-parts.ts) may add:
 * its update stays under the server's per-update limit.
 */
export const IMPORT_PART_BYTES = Math.floor(MAX_UPDATE_BYTES * 0.75);
/** Shapes in one part at most, so that each part is a short task for the page. */
export const IMPORT_PART_SHAPES = 2_000;
