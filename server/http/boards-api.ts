/**
 * The REST API for boards:
 *
 *   POST   /api/boards                 201 {"id", "ownerToken", "editLink", "viewLink"}: a new
 *                                       (invite) board, empty or from a Tabula JSON body (read as
 *                                       it arrives: board-import.ts)
 *   GET    /api/boards/:id             200 {"id", "title", "shapes"}; 404 if it never existed
 *   GET    /api/boards/:id/export.svg  the board as SVG
 *   GET    /api/boards/:id/view.svg    one view of the board, for a page that is opening (view-api.ts)
 *   DELETE /api/boards/:id             204 (owner); the board's sockets are told and disconnected
 *   GET    /api/boards/:id/links       200 {"editLink"?, "viewLink"}: the links the caller may share
 *   POST   /api/boards/:id/links       200 {"editLink", "viewLink"} (owner): new links, the old stop
 *                                       working and the connections opened with them are closed
 *
 * Which token may do what is decided in board-access.ts before these run.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { readShapes, readTitle } from '../../lib/board/doc';
import type { Role } from '../../lib/access/roles';
import { newBoardId } from '../../lib/protocol';
import { svgParts } from '../../lib/render/svg';
import type { AccessControl } from '../access/access-control';
import { encodeOpeningView } from '../rooms/opening-view';
import { SVG_HEADERS } from '../security/headers';
import { type BoardAccess, boardExists, openBoardDoc } from './board-docs';
import { readBoardBody } from './board-import';
import { HttpError } from './body';
import { type Respond, sendStream } from './respond';

/** The origin of edits the API makes (like a socket id, for the room's bookkeeping). */
const API_ORIGIN = { socketId: 'api' };

export interface BoardsApiContext extends BoardAccess {
  accessControl: AccessControl;
  /** Tells a board's sockets it is gone and disconnects them. */
  disconnectBoard(boardId: string): void;
}

export async function createBoard(request: IncomingMessage, context: BoardsApiContext, respond: Respond): Promise<void> {
  if (request.method !== 'POST') throw new HttpError(405, 'use POST to create a board');
  const doc = await readBoardBody(request, API_ORIGIN);
  const boardId = newBoardId();
  try {
    // Access first: the board is never stored without its record, not even for a moment.
    const access = await context.accessControl.createInvite(boardId);
    await context.store.append(boardId, Y.encodeStateAsUpdate(doc));
    // A board made whole is kept as a snapshot (V2) from the start, not as one large log entry,
    // with the view a page opening it shows first (server/rooms/opening-view.ts).
    const seq = await context.store.compact(boardId);
    if (seq !== null) await context.store.saveOpeningView(boardId, seq, encodeOpeningView(doc));
    respond(201, { id: boardId, ...access });
  } finally {
    doc.destroy();
  }
}

export async function handleBoard(request: IncomingMessage, boardId: string, context: BoardsApiContext, respond: Respond): Promise<void> {
  switch (request.method) {
    case 'GET': {
      const doc = await openBoardDoc(boardId, context);
      respond(200, { id: boardId, title: readTitle(doc), shapes: readShapes(doc).shapes });
      return;
    }
    case 'DELETE': {
      if (!(await boardExists(boardId, context))) throw new HttpError(404, 'board not found');
      context.disconnectBoard(boardId);
      await context.rooms.evict(boardId);
      await context.store.delete(boardId);
      respond(204, null);
      return;
    }
    default:
      throw new HttpError(405, `${request.method ?? 'this method'} is not supported here`);
  }
}

export async function handleLinks(
  request: IncomingMessage,
  boardId: string,
  decision: { role: Role; generation: number },
  context: BoardsApiContext,
  respond: Respond,
): Promise<void> {
  if (request.method === 'GET') respond(200, context.accessControl.linksFor(boardId, decision));
  else if (request.method === 'POST') respond(200, await context.accessControl.resetLinks(boardId));
  else throw new HttpError(405, 'use GET to read the links or POST to reset them');
}

/** The SVG of a board, written out a thousand shapes at a time (lib/render/svg.ts). */
export async function exportSvg(request: IncomingMessage, response: ServerResponse, boardId: string, context: BoardAccess): Promise<void> {
  if (request.method !== 'GET') throw new HttpError(405, 'use GET to export a board');
  const doc = await openBoardDoc(boardId, context);
  const { shapes } = readShapes(doc);
  await sendStream(response, svgParts(shapes, { background: '#ffffff' }), { 'content-type': 'image/svg+xml; charset=utf-8', ...SVG_HEADERS });
}
