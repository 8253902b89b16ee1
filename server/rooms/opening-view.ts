/**
 * The opening view of a board: the shapes a page can show where it opens the board (the default
 * viewport's corner, DEFAULT_VIEWPORT, on a screen of up to OPENING_REGION), kept in the store at
 * each compaction made from a whole document. A page's first view (server/http/view-api.ts) of a
 * board nobody has open is drawn from it, without decoding the board: at 50,000 shapes the
 * decode takes about a second, reading the opening view a few milliseconds.
 */
import type * as Y from 'yjs';
import { shapeSchema, type Shape } from '../../lib/board/schema';
import { shapesInBox } from '../../lib/geometry/shapes-in-box';
import type { Box } from '../../lib/geometry/types';
import { DEFAULT_VIEWPORT } from '../../lib/geometry/viewport';

/**
 * The board area the opening view covers: a 4K screen (3840 x 2400 CSS pixels) at the default
 * viewport. A larger window's first view decodes the board.
 */
export const OPENING_REGION: Box = { x: DEFAULT_VIEWPORT.x, y: DEFAULT_VIEWPORT.y, w: 3840 / DEFAULT_VIEWPORT.zoom, h: 2400 / DEFAULT_VIEWPORT.zoom };

const openingViewSchema = shapeSchema.array();

/** The shapes of the opening region, in paint order, as stored bytes (JSON). */
export function encodeOpeningView(doc: Y.Doc): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(shapesInBox(doc, OPENING_REGION)));
}

/** The stored shapes, or null if the bytes are not an opening view (then the board is decoded). */
export function decodeOpeningView(bytes: Uint8Array): Shape[] | null {
  try {
    const parsed = openingViewSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a box lies inside the opening region, so that the opening view holds all it shows. */
export function withinOpeningRegion(box: Box): boolean {
  return box.x >= OPENING_REGION.x && box.y >= OPENING_REGION.y && box.x + box.w <= OPENING_REGION.x + OPENING_REGION.w && box.y + box.h <= OPENING_REGION.y + OPENING_REGION.h;
}
