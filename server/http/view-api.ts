/**
 * GET /api/boards/:id/view.svg?x=&y=&zoom=&width=&height=[&theme=dark]: what the board shows in
 * one viewport on a screen of width x height CSS pixels, as an SVG image that size (the first
 * view, lib/render/view-svg.ts). A page that is opening asks for it from a small inline script and
 * shows it until its canvas has painted the synced board, so that the board shows before the
 * page's own code has loaded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Shape } from '../../lib/board/schema';
import { paintsInto, shapesInBox } from '../../lib/geometry/shapes-in-box';
import type { Box } from '../../lib/geometry/types';
import { MAX_COORDINATE } from '../../lib/board/shape-limits';
import { MAX_ZOOM, MIN_ZOOM } from '../../lib/geometry/viewport';
import { MAX_VIEW_SIDE } from '../../lib/protocol/limits';
import { type ScreenView, viewBoardRect, viewSvg } from '../../lib/render/view-svg';
import { decodeOpeningView, withinOpeningRegion } from '../rooms/opening-view';
import { SVG_HEADERS } from '../security/headers';
import { type BoardAccess, openBoardDoc } from './board-docs';
import { HttpError } from './body';

/** A number written in the query: an empty parameter is not 0. */
const numeral = (rule: z.ZodNumber) => z.string().trim().min(1).transform(Number).pipe(rule);
const coordinate = numeral(z.number().finite().min(-MAX_COORDINATE).max(MAX_COORDINATE));
const side = numeral(z.number().int().min(1).max(MAX_VIEW_SIDE));

const viewQuery = z.object({
  x: coordinate,
  y: coordinate,
  zoom: numeral(z.number().min(MIN_ZOOM).max(MAX_ZOOM)),
  width: side,
  height: side,
  theme: z.enum(['light', 'dark']).default('light'),
});

const QUERY_RULE = `expected x and y (board units, within ±${MAX_COORDINATE}), zoom (${MIN_ZOOM} to ${MAX_ZOOM}), width and height (whole CSS pixels, 1 to ${MAX_VIEW_SIDE}) and optionally theme=light|dark`;

/** The view a query asks for, or a 400 that says what a query must hold. */
export function parseViewQuery(search: URLSearchParams): ScreenView {
  const parsed = viewQuery.safeParse(Object.fromEntries(search));
  if (!parsed.success) throw new HttpError(400, QUERY_RULE);
  const { theme, ...view } = parsed.data;
  return { ...view, dark: theme === 'dark' };
}

/**
 * The shapes in a board area: from the live board if it is open, else from its opening view when
 * that is current and holds the area (server/rooms/opening-view.ts), else from the board decoded;
 * none for a board never stored.
 */
async function shapesInView(boardId: string, rect: Box, context: BoardAccess): Promise<Shape[]> {
  if (!context.rooms.peek(boardId) && withinOpeningRegion(rect)) {
    const stored = await context.store.loadOpeningView(boardId);
    const opening = stored && decodeOpeningView(stored);
    if (opening) return opening.filter((shape) => paintsInto(shape, rect));
  }
  const doc = await openBoardDoc(boardId, context).catch((error: unknown) => {
    // An unused id opens as an empty board (the page's contract): its view is empty, not missing.
    if (error instanceof HttpError && error.status === 404) return null;
    throw error;
  });
  return doc ? shapesInBox(doc, rect) : [];
}

export async function viewImage(request: IncomingMessage, response: ServerResponse, boardId: string, context: BoardAccess): Promise<void> {
  if (request.method !== 'GET') throw new HttpError(405, 'use GET to draw a view of a board');
  const view = parseViewQuery(new URL(request.url ?? '/', 'http://localhost').searchParams);
  const shapes = await shapesInView(boardId, viewBoardRect(view), context);
  const svg = viewSvg(shapes, view);
  response.writeHead(200, {
    'content-type': 'image/svg+xml; charset=utf-8',
    'content-length': String(Buffer.byteLength(svg)),
    // The board changes: a view is drawn for the moment it is asked for.
    'cache-control': 'no-store',
    'x-shapes': String(shapes.length),
    ...SVG_HEADERS,
  });
  response.end(svg);
}
