/**
 * Cross-site request forgery defence for REST writes (POST, PUT, PATCH, DELETE).
 *
 * A web page on another site can make a visitor's browser send a form or a "simple" fetch to this
 * server: with a body typed text/plain, application/x-www-form-urlencoded or multipart/form-data
 * and no preflight. So a write must:
 * - declare its body's type: application/json, or for an upload an image type (or
 *   application/octet-stream, which a browser sends for a file it cannot type). None of these is
 *   a type a page can send to another site without a CORS preflight, which this server never
 *   grants. A write without a body (an empty POST /api/boards, a DELETE) may leave the type out:
 *   there is nothing to forge in it, and the origin check below still applies;
 * - when a browser sent it, come from the server's own origin: `Origin`, if present, passes the
 *   origin check shared with the sockets (PUBLIC_URL, ALLOWED_ORIGINS or the Host), and
 *   `Sec-Fetch-Site`, if present, is same-origin. A request with neither header comes from a
 *   script or a native client, not a page, and cannot be a forgery.
 */
import type { IncomingMessage } from 'node:http';
import { clip } from '../log';
import type { OriginCheck } from './origin';

export const JSON_BODY_TYPES = ['application/json'] as const;
/** Any image type (the bytes decide what the file is; a browser types a file by its name). */
export const UPLOAD_BODY_TYPES = ['image/*', 'application/octet-stream'] as const;

export type WriteRefusal = { status: 403 | 415; reason: string };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isWrite(request: IncomingMessage): boolean {
  return WRITE_METHODS.has(request.method ?? '');
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Why a write must be refused, or null if it may go on. */
export function refuseCrossSiteWrite(request: IncomingMessage, originCheck: OriginCheck, bodyTypes: readonly string[]): WriteRefusal | null {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') {
    return { status: 403, reason: `a ${clip(site, 40)} request cannot change boards: only pages of this server can` };
  }
  const origin = originCheck(request);
  if (!origin.ok) return { status: 403, reason: `${origin.reason}: only pages of this server can change boards` };
  const declared = request.headers['content-type'];
  const type = declared?.split(';')[0]?.trim().toLowerCase();
  if (type === undefined || type === '') {
    return hasBody(request) ? { status: 415, reason: `a request with a body needs a Content-Type: ${bodyTypes.join(', ')}` } : null;
  }
  const allowed = bodyTypes.some((allowedType) => (allowedType.endsWith('/*') ? type.startsWith(allowedType.slice(0, -1)) : type === allowedType));
  return allowed ? null : { status: 415, reason: `the Content-Type must be ${bodyTypes.join(', ')}, not ${clip(type, 60)}` };
}
