/**
 * Which web pages may talk to the server: the check of the `Origin` header shared by the sockets
 * (Socket.IO's handshake and /yjs, where CORS does not apply, so the server must check it) and by
 * REST writes (server/security/cross-site.ts).
 *
 * - With PUBLIC_URL set, the Origin must be that origin or one of ALLOWED_ORIGINS. The Host header
 *   is not trusted then: a DNS name rebound to this server would otherwise pass as "same host".
 * - With only ALLOWED_ORIGINS set, the Origin must be one of them.
 * - With neither, the Origin's host must equal the Host the request was sent to (same origin).
 * - A request without Origin does not come from a browser page (a script, a native client) and
 *   cannot be a cross-site hijack, so it is allowed.
 */
import type { IncomingMessage } from 'node:http';
import { clip } from '../log';

export type OriginCheck = (request: IncomingMessage) => { ok: true } | { ok: false; reason: string };

export interface OriginPolicy {
  /** PUBLIC_URL's origin, or null. */
  publicOrigin: string | null;
  /** ALLOWED_ORIGINS, or null. */
  allowedOrigins: readonly string[] | null;
}

export function createOriginCheck({ publicOrigin, allowedOrigins }: OriginPolicy): OriginCheck {
  const listed = [...(publicOrigin ? [publicOrigin] : []), ...(allowedOrigins ?? [])];
  const allowed = listed.length > 0 ? new Set(listed) : null;
  return (request) => {
    const origin = request.headers.origin;
    if (origin === undefined) return { ok: true };
    if (allowed) {
      return allowed.has(origin) ? { ok: true } : { ok: false, reason: `origin ${clip(origin, 100)} is not allowed` };
    }
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return { ok: false, reason: `origin ${clip(origin, 100)} is malformed` };
    }
    return host === request.headers.host
      ? { ok: true }
      : { ok: false, reason: `origin ${clip(origin, 100)} does not match host ${clip(request.headers.host ?? '(none)', 100)}` };
  };
}
