/** How routes answer: JSON (or bytes/text with their own type), with the API's security headers. */
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
