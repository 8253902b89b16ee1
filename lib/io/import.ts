/**
 * Importing a file into an open board: recognise it (Tabula JSON or Excalidraw) from its content,
 * not its name; place its shapes around a point; add them with new ids on top of everything, in
 * parts small enough for one update each (a small file is one part: one edit for everyone). A
 * file that cannot be read changes nothing.
 */
import { generateKeyBetween } from 'fractional-indexing';
import type * as Y from 'yjs';
import { addShapes, compareZ, LOCAL_ORIGIN, type NewShape, newShapeId, topZ } from '../board/doc';
import { remapBindings } from '../board/connector-ids';
import { remapGroups } from '../board/group-ids';
import type { Shape } from '../board/schema';
import { parseTabulaFile, TABULA_FORMAT } from '../board/tabula-json';
import { TabulaFileError, TabulaFileStream } from '../board/tabula-stream';
import { unionBoxes } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import type { Point } from '../geometry/types';
import { IMPORT_PART_BYTES, IMPORT_PART_SHAPES, shapeUpdateBytesBound } from '../board/update-parts';
import { type EmbeddedImage, isPlaceholderAsset, looksLikeExcalidraw, parseExcalidraw } from './excalidraw';
import type { SkipCounts } from './import-result';
import { type Message, msg } from '../i18n';


export type FileKind = 'tabula' | 'excalidraw';

export type ParsedBoardFile =
  | {
      ok: true;
      kind: FileKind;
      title?: string;
      shapes: Shape[];
      skipped: SkipCounts;
      /** Files of image shapes that carry a placeholder asset id: upload, then `resolveImages`. */
      images: EmbeddedImage[];
    }
  | { ok: false; error: Message };

/** Parses the text of a `.tabula.json` or `.excalidraw` file; the error is a sentence for the user. */
export function parseBoardFile(text: string): ParsedBoardFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: msg('import.notJson') };
  }
  if (typeof value === 'object' && value !== null && (value as { format?: unknown }).format === TABULA_FORMAT) {
    const parsed = parseTabulaFile(value);
    if (!parsed.ok) return { ok: false, error: msg('import.badTabula', { reason: parsed.error }) };
    return { ok: true, kind: 'tabula', title: parsed.file.title, shapes: [...parsed.file.shapes].sort(compareZ), skipped: {}, images: [] };
  }
  if (looksLikeExcalidraw(value)) {
    const parsed = parseExcalidraw(value);
    if (!parsed.ok) return { ok: false, error: msg('import.badExcalidraw', { reason: parsed.error }) };
    return { ok: true, kind: 'excalidraw', shapes: parsed.shapes, skipped: parsed.skipped, images: parsed.images };
  }
  return { ok: false, error: msg('import.unknownFormat') };
}

/**
 * Reads a board file as it arrives: a Tabula file through the streaming reader (tabula-stream.ts),
 * so that a file of 100,000 shapes is never held as text and as its parse at once, only as the
 * shapes read. A file that turns out not to be one (an Excalidraw drawing, or no JSON at all) is
 * read again whole by `parseBoardFile`, which tells which it is. Throws if the file cannot be read.
 */
export async function readBoardFile(file: Blob): Promise<ParsedBoardFile> {
  const shapes: Shape[] = [];
  const stream = new TabulaFileStream((shape) => shapes.push(shape));
  const chunks = file.stream().getReader();
  try {
    for (let chunk = await chunks.read(); !chunk.done; chunk = await chunks.read()) stream.write(chunk.value);
    const { title } = stream.end();
    return { ok: true, kind: 'tabula', title, shapes: shapes.sort(compareZ), skipped: {}, images: [] };
  } catch (error) {
    if (!(error instanceof TabulaFileError)) throw error;
    if (stream.saysTabula) return { ok: false, error: msg('import.badTabula', { reason: error.message }) };
  } finally {
    // Stops reading a file given up on; nothing to stop after the last chunk.
    void chunks.cancel().catch(() => {});
  }
  shapes.length = 0;
  return parseBoardFile(await file.text());
}

/**
 * Puts the uploaded asset ids in place of the placeholders; image shapes whose upload failed
 * (absent from `uploaded`) are left out and counted.
 */
export function resolveImages(shapes: readonly Shape[], uploaded: ReadonlyMap<string, string>): { shapes: Shape[]; dropped: number } {
  let dropped = 0;
  const resolved = shapes.flatMap((shape): Shape[] => {
    if (shape.type !== 'image' || !isPlaceholderAsset(shape.assetId)) return [shape];
    const assetId = uploaded.get(shape.assetId);
    if (assetId) return [{ ...shape, assetId }];
    dropped++;
    return [];
  });
  return { shapes: resolved, dropped };
}

/** Moves shapes by (dx, dy); points are relative to (x, y), so only (x, y) change. */
export function translateShapes(shapes: readonly Shape[], dx: number, dy: number): Shape[] {
  return shapes.map((shape) => ({ ...shape, x: shape.x + dx, y: shape.y + dy }));
}

/** The shapes moved so that the centre of what they paint is at `center` (whole board units). */
export function centerShapesAt(shapes: readonly Shape[], center: Point): Shape[] {
  if (shapes.length === 0) return [];
  const box = unionBoxes(shapes.map(shapeVisualBounds));
  return translateShapes(shapes, Math.round(center.x - (box.x + box.w / 2)), Math.round(center.y - (box.y + box.h / 2)));
}

/** The shapes as new shapes: fresh ids, no z (the board stacks them on top in this order). */
export function asNewShapes(shapes: readonly Shape[], createdBy?: string): NewShape[] {
  const newIdOf = new Map(shapes.map((shape) => [shape.id, newShapeId()]));
  const copies = shapes.map(({ z: _z, ...shape }) => ({ ...shape, id: newIdOf.get(shape.id)!, ...(createdBy ? { createdBy } : {}) }));
  // Bindings name the shapes by their ids in the file: renamed with them.
  return remapGroups(remapBindings(copies, newIdOf), newShapeId) as NewShape[];
}


/**
 * The shapes as new shapes centred at `center`, stacked on top of the board in file order, in
 * parts that each make one update of at most IMPORT_PART_BYTES: a file of any size is added in as
 * many transactions as it needs, never one update the server would refuse.
 */
export function planImport(doc: Y.Doc, shapes: readonly Shape[], options: { center: Point; createdBy?: string }): NewShape[][] {
  const parts: NewShape[][] = [];
  let part: NewShape[] = [];
  let partBytes = 0;
  let z: string | null = null;
  for (const input of asNewShapes(centerShapesAt(shapes, options.center), options.createdBy)) {
    z = z === null ? topZ(doc) : generateKeyBetween(z, null);
    const shape = { ...input, z };
    const bytes = shapeUpdateBytesBound(shape);
    if (part.length > 0 && (partBytes + bytes > IMPORT_PART_BYTES || part.length >= IMPORT_PART_SHAPES)) {
      parts.push(part);
      part = [];
      partBytes = 0;
    }
    part.push(shape);
    partBytes += bytes;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

export type ImportOutcome = { ok: true; shapes: Shape[] } | { ok: false; error: Message };

/** Adds one part of an import (a transaction of its own); a part that cannot be added changes nothing. */
export function addImportPart(doc: Y.Doc, part: readonly NewShape[], origin: unknown = LOCAL_ORIGIN): ImportOutcome {
  try {
    return { ok: true, shapes: addShapes(doc, part, origin) };
  } catch (error) {
    return { ok: false, error: msg('import.addFailed', { reason: error instanceof Error ? error.message : String(error) }) };
  }
}

/**
 * Adds the shapes to the board centred at `center`, with new ids, above everything, one
 * transaction per part (planImport), all at once: for scripts and tests. The page adds the parts
 * one frame at a time through the editor (components/io/board-files.ts).
 */
export function importShapes(doc: Y.Doc, shapes: readonly Shape[], options: { center: Point; createdBy?: string; origin?: unknown }): ImportOutcome {
  const added: Shape[] = [];
  for (const part of planImport(doc, shapes, options)) {
    const outcome = addImportPart(doc, part, options.origin);
    if (!outcome.ok) return outcome;
    added.push(...outcome.shapes);
  }
  return { ok: true, shapes: added };
}
