/**
 * Cross-site WebSocket hijacking defence. Browsers send `Origin` on every WebSocket handshake and
 * CORS does not apply to WebSockets, so the server must check it itself.
 *
 * - With ALLOWED_ORIGINS set, the Origin must be one of them.
 * - Without it, the Origin's host must equal the Host the request was sent to (same origin).
 * - A request without Origin does not come from a browser page (a script, a native client) and
 *   cannot be a cross-site hijack, so it is allowed.
 */
import type { IncomingMessage } from 'node:http';

export type OriginCheck = (request: IncomingMessage) => { ok: true } | { ok: false; reason: string };

export function createOriginCheck(allowedOrigins: readonly string[] | null): OriginCheck {
  const allowed = allowedOrigins ? new Set(allowedOrigins) : null;
  return (request) => {
    const origin = request.headers.origin;
    if (origin === undefined) return { ok: true };
    if (allowed) {
      return allowed.has(origin) ? { ok: true } : { ok: false, reason: `origin ${origin} is not allowed` };
    }
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return { ok: false, reason: `origin ${origin} is malformed` };
    }
    return host === request.headers.host ? { ok: true } : { ok: false, reason: `origin ${origin} does not match host ${request.headers.host ?? '(none)'}` };
  };
}
