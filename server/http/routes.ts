/**
 * The server's own HTTP routes (everything else goes to the Next.js app). Answers are JSON;
 * errors are `{"error": "<reason>"}` with a fitting status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DocStore } from '../store/doc-store';

export interface RouteContext {
  store: DocStore;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Handles the request if it is one of the server's routes; returns false to pass it on. */
export async function handleServerRoute(request: IncomingMessage, response: ServerResponse, context: RouteContext): Promise<boolean> {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    sendJson(response, 200, { status: 'ok' });
    return true;
  }
  if (path === '/readyz') {
    try {
      await context.store.ping();
      sendJson(response, 200, { status: 'ready' });
    } catch (error) {
      sendJson(response, 503, { error: `storage is not reachable: ${error instanceof Error ? error.message : String(error)}` });
    }
    return true;
  }
  return false;
}
