/**
 * The REST API for boards:
 *
 *   POST   /api/boards                 201 {"id"}: a new board, empty or from a Tabula JSON body
 *   GET    /api/boards/:id             200 {"id", "title", "shapes"}; 404 if it never existed
 *   GET    /api/boards/:id/export.svg  the board as SVG
 *   DELETE /api/boards/:id             204; the board's sockets are told and disconnected
 */
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { addShapes, readShapes, readTitle, setTitle } from '../../lib/board/doc';
import { parseTabulaFile } from '../../lib/board/tabula-json';
import { isValidBoardId, newBoardId } from '../../lib/protocol';
import { shapesToSvg } from '../../lib/render/svg';
import type { RoomManager } from '../rooms/room-manager';
import type { DocStore } from '../store/doc-store';
import { HttpError, readJson } from './body';

/** A Tabula JSON import of 50,000 pen strokes is about 25 MB. */
export const MAX_IMPORT_BODY_BYTES = 32 * 1024 * 1024;

/** Where the API stores its edits: the same origin as the server's own loading and restoring. */
const API_ORIGIN = { socketId: 'api' };

export interface BoardsApiContext {
  store: DocStore;
  rooms: RoomManager;
  /** Tells a board's sockets it is gone and disconnects them. */
  disconnectBoard(boardId: string): void;
}

type Respond = (status: number, body: unknown, headers?: Record<string, string>) => void;

const ROUTE = /^\/api\/boards(?:\/([^/]+)(\/export\.svg)?)?\/?$/;

/** Handles /api/boards...; returns false for other paths. */
export async function handleBoardsApi(
  request: IncomingMessage,
  path: string,
  context: BoardsApiContext,
  respond: Respond,
): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (!match) return false;
  const [, rawId, svg] = match;
  const method = request.method ?? 'GET';

  if (rawId === undefined) {
    if (method !== 'POST') throw new HttpError(405, 'use POST to create a board');
    respond(201, { id: await createBoard(request, context) });
    return true;
  }

  const boardId = decodeURIComponent(rawId);
  if (!isValidBoardId(boardId)) throw new HttpError(400, 'a board id is 1-64 characters of A-Z, a-z, 0-9, _ and -');

  if (svg) {
    if (method !== 'GET') throw new HttpError(405, 'use GET to export a board');
    const doc = await openDoc(boardId, context);
    respond(200, shapesToSvg(readShapes(doc).shapes, { background: '#ffffff' }), { 'content-type': 'image/svg+xml; charset=utf-8' });
    return true;
  }

  switch (method) {
    case 'GET': {
      const doc = await openDoc(boardId, context);
      respond(200, { id: boardId, title: readTitle(doc), shapes: readShapes(doc).shapes });
      return true;
    }
    case 'DELETE': {
      if (!context.rooms.peek(boardId) && !(await context.store.exists(boardId))) throw new HttpError(404, 'board not found');
      context.disconnectBoard(boardId);
      await context.rooms.evict(boardId);
      await context.store.delete(boardId);
      respond(204, null);
      return true;
    }
    default:
      throw new HttpError(405, `${method} is not supported here`);
  }
}

async function createBoard(request: IncomingMessage, context: BoardsApiContext): Promise<string> {
  const body = await readJson(request, MAX_IMPORT_BODY_BYTES);
  const doc = new Y.Doc();
  if (body === undefined) {
    setTitle(doc, 'Untitled board', API_ORIGIN);
  } else {
    const parsed = parseTabulaFile(body);
    if (!parsed.ok) throw new HttpError(400, `not a valid Tabula file: ${parsed.error}`);
    doc.transact(() => {
      setTitle(doc, parsed.file.title ?? 'Untitled board', API_ORIGIN);
      addShapes(doc, parsed.file.shapes, API_ORIGIN);
    }, API_ORIGIN);
  }
  const boardId = newBoardId();
  await context.store.append(boardId, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  return boardId;
}

/** The live document if the board is open, else a copy loaded from the store. */
async function openDoc(boardId: string, context: BoardsApiContext): Promise<Y.Doc> {
  const room = context.rooms.peek(boardId);
  if (room) return room.doc;
  const stored = await context.store.load(boardId);
  if (!stored) throw new HttpError(404, 'board not found');
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdateV2(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc;
}
