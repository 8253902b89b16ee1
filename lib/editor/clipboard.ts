/**
 * Copy and paste through the system clipboard, as Tabula JSON text (lib/board/tabula-json.ts), so
 * that shapes pasted into another board, another browser or a text file stay shapes.
 */
import { remapBindings } from '../board/connector-ids';
import { remapGroups } from '../board/group-ids';
import { compareZ, type NewShape } from '../board/doc';
import { MAX_TEXT_LENGTH, type Shape, shapeSchema } from '../board/schema';
import { TABULA_FORMAT, TABULA_FORMAT_VERSION } from '../board/tabula-json';
import { unionBoxes } from '../geometry/box';
import { shapeVisualBounds } from '../geometry/shape-bounds';
import { boxCenter } from '../geometry/transform';
import type { Point } from '../geometry/types';
import { MAX_UPDATE_BYTES } from '../protocol/limits';
import { type Message, msg } from '../i18n';

/** A paste adds at most this many shapes (the rest are dropped with a message). */
export const MAX_PASTE_SHAPES = 5_000;
/** ... and at most about this much data, so that it fits in one document update. */
const MAX_PASTE_BYTES = Math.floor(MAX_UPDATE_BYTES * 0.75);
/** Clipboard text longer than this is not even parsed. */
export const MAX_CLIPBOARD_CHARS = 64 * 1024 * 1024;

export function serializeShapes(shapes: readonly Shape[]): string {
  return JSON.stringify({ format: TABULA_FORMAT, version: TABULA_FORMAT_VERSION, shapes: [...shapes].sort(compareZ) });
}

export type PasteContent =
  | { kind: 'shapes'; shapes: Shape[]; skipped: number; dropped: number }
  | { kind: 'text'; text: string }
  | { kind: 'none'; reason?: Message };

/** A rough size of a shape in a Yjs update: its JSON with some overhead per property. */
function approximateBytes(shape: Shape): number {
  return JSON.stringify(shape).length + 16 * Object.keys(shape).length;
}

/**
 * Reads clipboard text: Tabula JSON gives shapes (each checked against the schema: a shape that
 * does not match is skipped with a console warning; beyond the caps the rest are dropped); other
 * text gives a text shape.
 */
export function parseClipboard(text: string): PasteContent {
  if (text.length > MAX_CLIPBOARD_CHARS) return { kind: 'none', reason: msg('paste.tooMuch') };
  const trimmed = text.trim();
  if (trimmed.length === 0) return { kind: 'none' };
  let value: unknown = null;
  if (trimmed.startsWith('{')) {
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = null;
    }
  }
  const file = value as { format?: unknown; shapes?: unknown } | null;
  if (!file || file.format !== TABULA_FORMAT || !Array.isArray(file.shapes)) {
    return { kind: 'text', text: text.slice(0, MAX_TEXT_LENGTH) };
  }
  const shapes: Shape[] = [];
  let skipped = 0;
  let bytes = 0;
  for (const raw of file.shapes as unknown[]) {
    const parsed = shapeSchema.safeParse(raw);
    if (!parsed.success) {
      skipped++;
      console.warn('Tabula: skipped a pasted shape that does not match the shape schema', parsed.error.issues[0]);
      continue;
    }
    const size = approximateBytes(parsed.data);
    if (shapes.length >= MAX_PASTE_SHAPES || bytes + size > MAX_PASTE_BYTES) break;
    bytes += size;
    shapes.push(parsed.data);
  }
  const dropped = file.shapes.length - skipped - shapes.length;
  return { kind: 'shapes', shapes: shapes.sort(compareZ), skipped, dropped };
}

/** Copies of shapes with new ids, moved so that their bounds are centred on `at`. */
export function placeShapes(shapes: readonly Shape[], at: Point | null, newId: () => string): NewShape[] {
  if (shapes.length === 0) return [];
  const center = boxCenter(unionBoxes(shapes.map(shapeVisualBounds)));
  const dx = at ? at.x - center.x : 0;
  const dy = at ? at.y - center.y : 0;
  return offsetCopies(shapes, dx, dy, newId);
}

/** Copies of shapes with new ids, moved by (dx, dy), stacked in their order (z assigned on add). */
export function offsetCopies(shapes: readonly Shape[], dx: number, dy: number, newId: () => string): NewShape[] {
  const newIdOf = new Map(shapes.map((shape) => [shape.id, newId()]));
  const copies = [...shapes].sort(compareZ).map((shape) => {
    const { z: _z, ...rest } = shape;
    return { ...rest, id: newIdOf.get(shape.id)!, x: shape.x + dx, y: shape.y + dy };
  });
  // A copied connector stays bound to the copies of its shapes, and to nothing else.
  // Copies of a group make a group of their own.
  return remapGroups(remapBindings(copies, newIdOf), newId) as NewShape[];
}

/** The user-facing message about a paste that was cut short, or null. */
export function pasteNotice(content: Extract<PasteContent, { kind: 'shapes' }>): Message | null {
  const total = content.shapes.length + content.dropped;
  const cut = content.dropped > 0 ? msg('paste.cut', { pasted: content.shapes.length, total, maxShapes: MAX_PASTE_SHAPES, maxMb: Math.round(MAX_PASTE_BYTES / 1e6) }) : null;
  const skipped = content.skipped > 0 ? msg('paste.skipped', { count: content.skipped }) : null;
  return cut && skipped ? msg('paste.cutAndSkipped', { cut, skipped }) : (cut ?? skipped);
}
