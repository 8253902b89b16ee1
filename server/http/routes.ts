/**
 * The server's own HTTP routes (everything else goes to the Next.js app). Answers are JSON;
 * errors are `{"error": "<reason>"}` with a fitting status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BoardsApiContext, handleBoardsApi } from './boards-api';
import { HttpError } from './body';

export type RouteContext = BoardsApiContext;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    response.writeHead(204, headers);
    response.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
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
    return await handleBoardsApi(request, path, context, respond);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    respond(error.status, { error: error.message });
    return true;
  }
}
