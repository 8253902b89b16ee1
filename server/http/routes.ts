/**
 * The server's own HTTP routes (everything else goes to the Next.js app). Answers are JSON;
 * errors are `{"error": "<reason>"}` with a fitting status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidBoardId } from '../../lib/protocol';
import { serveAsset, uploadAsset } from './assets-api';
import { type BoardsApiContext, createBoard, exportSvg, handleBoard } from './boards-api';
import { HttpError } from './body';
import { handleVersions } from './versions-api';

export type RouteContext = BoardsApiContext;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    response.writeHead(204, headers);
    response.end();
    return;
  }
  const payload = body instanceof Uint8Array ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.byteLength),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(payload);
}

function boardIdFrom(segment: string): string {
  const boardId = decodeURIComponent(segment);
  if (!isValidBoardId(boardId)) throw new HttpError(400, 'a board id is 1-64 characters of A-Z, a-z, 0-9, _ and -');
  return boardId;
}

/** Handles the request if it is one of the server's routes; returns false to pass it on. */
export async function handleServerRoute(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<boolean> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const respond = (status: number, body: unknown, headers?: Record<string, string>) => sendJson(response, status, body, headers);
  try {
    if (path === '/healthz') {
      respond(200, { status: 'ok' });
      return true;
    }
    if (path === '/readyz') {
      await context.store.ping().then(
        () => respond(200, { status: 'ready' }),
        (error: unknown) => respond(503, { error: `storage is not reachable: ${error instanceof Error ? error.message : String(error)}` }),
      );
      return true;
    }
    const segments = path.split('/').filter(Boolean);
    if (segments[0] !== 'api') return false;
    const [, collection, id, sub, subId, ...rest] = segments;
    if (rest.length > 0) throw new HttpError(404, 'no such route');
    if (collection === 'assets' && id && !sub) {
      await serveAsset(request, id, context, respond);
      return true;
    }
    if (collection !== 'boards') throw new HttpError(404, 'no such route');
    if (!id) {
      await createBoard(request, context, respond);
      return true;
    }
    const boardId = boardIdFrom(id);
    if (!sub) await handleBoard(request, boardId, context, respond);
    else if (sub === 'export.svg' && !subId) await exportSvg(request, boardId, context, respond);
    else if (sub === 'versions') await handleVersions(request, boardId, subId, context, respond);
    else if (sub === 'assets' && !subId) await uploadAsset(request, boardId, context, respond);
    else throw new HttpError(404, 'no such route');
    return true;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    respond(error.status, { error: error.message });
    return true;
  }
}
