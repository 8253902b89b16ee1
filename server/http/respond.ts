/** How routes answer: JSON (or bytes/text with their own type), with the API's security headers. */
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { API_HEADERS } from '../security/headers';

/** How a route answers: a status, a JSON body (or a string/bytes with a content type), headers. */
export type Respond = (status: number, body: unknown, headers?: Record<string, string>) => void;

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    response.writeHead(204, { ...API_HEADERS, ...headers });
    response.end();
    return;
  }
  const payload = body instanceof Uint8Array ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.byteLength),
    'cache-control': 'no-store',
    ...API_HEADERS,
    ...headers,
  });
  response.end(payload);
}

/** The bytes of each streamed answer (what the rate limit charges; a JSON answer has its length). */
const bytesStreamed = new WeakMap<ServerResponse, number>();

export const streamedBytes = (response: ServerResponse): number => bytesStreamed.get(response) ?? 0;

/**
 * Answers 200 with text made part by part: each part is written as it is made, waiting while the
 * client is behind (so the answer is never held whole), and the process turns to other work
 * between parts. A client that goes away stops the writing.
 */
/** Resolves once the response drains or closes, and leaves no listener behind (a part per drain). */
async function drainedOrClosed(response: ServerResponse): Promise<void> {
  const waiting = new AbortController();
  try {
    await Promise.race([once(response, 'drain', { signal: waiting.signal }), once(response, 'close', { signal: waiting.signal })]);
  } finally {
    waiting.abort();
  }
}

export async function sendStream(response: ServerResponse, parts: Iterable<string>, headers: Record<string, string>): Promise<void> {
  response.writeHead(200, { 'cache-control': 'no-store', ...API_HEADERS, ...headers });
  let bytes = 0;
  for (const part of parts) {
    if (response.destroyed) return;
    bytes += Buffer.byteLength(part);
    bytesStreamed.set(response, bytes);
    if (!response.write(part)) await drainedOrClosed(response);
    else await new Promise((resolve) => setImmediate(resolve));
  }
  response.end();
}
