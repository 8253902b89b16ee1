/**
 * Version history:
 *
 *   GET  /api/boards/:id/versions             200 [{id, name, createdAt, auto}], newest first
 *   POST /api/boards/:id/versions {name?}     201 {id, name, createdAt, auto: false}
 *   GET  /api/boards/:id/versions/:versionId  200 {id, name, createdAt, auto, title, shapes}
 *
 * Restoring is done by the client as an ordinary edit, so that everyone sees it and it can be
 * undone like any other.
 */
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import { z } from 'zod';
import { readShapes, readTitle } from '../../lib/board/doc';
import { newVersionId } from '../store/ids';
import { decodeStoredBoard } from '../store/stored-doc';
import { type BoardAccess, boardExists, openBoardDoc } from './board-docs';
import { HttpError, readJson } from './body';
import type { Respond } from './respond';

const MAX_VERSION_NAME = 100;
const saveRequest = z.object({ name: z.string().trim().max(MAX_VERSION_NAME).optional() }).strict();

export async function handleVersions(
  request: IncomingMessage,
  boardId: string,
  versionId: string | undefined,
  access: BoardAccess,
  respond: Respond,
): Promise<void> {
  const method = request.method ?? 'GET';
  if (versionId !== undefined) {
    if (method !== 'GET') throw new HttpError(405, 'use GET to read a version');
    const version = await access.store.loadVersion(boardId, versionId);
    if (!version) throw new HttpError(404, 'version not found');
    const doc = decodeStoredBoard({ snapshot: version.snapshot, updates: [] });
    respond(200, { ...version.info, title: readTitle(doc), shapes: readShapes(doc).shapes });
    doc.destroy();
    return;
  }
  if (!(await boardExists(boardId, access))) throw new HttpError(404, 'board not found');
  if (method === 'GET') {
    respond(200, await access.store.listVersions(boardId));
    return;
  }
  if (method !== 'POST') throw new HttpError(405, `${method} is not supported here`);
  const parsed = saveRequest.safeParse((await readJson(request, 64 * 1024)) ?? {});
  if (!parsed.success) throw new HttpError(400, `expected {"name"?: string of at most ${MAX_VERSION_NAME} characters}`);
  const doc = await openBoardDoc(boardId, access);
  await access.rooms.peek(boardId)?.flushed();
  const createdAt = Date.now();
  const info = { id: newVersionId(), name: parsed.data.name || `Version of ${new Date(createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`, auto: false, createdAt };
  await access.store.saveVersion(boardId, info, Y.encodeStateAsUpdateV2(doc));
  respond(201, info);
}
