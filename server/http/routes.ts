/**
 * The server's own HTTP routes (everything else goes to the Next.js app). Answers are JSON;
 * errors are `{"error": "<reason>"}` with a fitting status, the reason cut to MAX_ECHOED_CHARS.
 *
 * Before a route runs: writes must pass the cross-site check (server/security/cross-site.ts);
 * the routes that decode or store whole boards spend from the client's rate limit (429 with
 * Retry-After past it); a route of one board asks board-access.ts whether the request's token
 * grants the right the route needs (rightFor).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Right } from '../../lib/access/roles';
import { BOARD_ID_RULE, isValidBoardId } from '../../lib/protocol';
import { MAX_ECHOED_CHARS } from '../../lib/protocol/limits';
import { clip, type Logger } from '../log';
import { clientAddress } from '../security/client-address';
import { isWrite, JSON_BODY_TYPES, refuseCrossSiteWrite, UPLOAD_BODY_TYPES } from '../security/cross-site';
import type { OriginCheck } from '../security/origin';
import type { RateLimiter } from '../security/rate-limit';
import { BoardDeletedError } from '../store/doc-store';
import { serveAsset, uploadAsset } from './assets-api';
import { authorizeBoardRequest, BOARD_DELETED_REASON } from './board-access';
import { type BoardsApiContext, createBoard, exportSvg, handleBoard, handleLinks } from './boards-api';
import { bodyBytesRead, HttpError } from './body';
import { sendJson, streamedBytes } from './respond';
import { handleVersions } from './versions-api';
import { viewImage } from './view-api';
import { serveMetrics } from './metrics-route';

export interface RouteContext extends BoardsApiContext {
  /** True while the server shuts down (SIGTERM): /readyz answers 503. */
  isDraining(): boolean;
  /** Redis, when instances sync through it (REDIS_URL): /readyz answers 503 while it is unreachable. */
  redis?: { ping(): Promise<void> };
}

/** What every API request passes before its route runs. */
export interface RouteGuard {
  originCheck: OriginCheck;
  rateLimiter: RateLimiter;
  /** TRUST_PROXY: proxies whose X-Forwarded-For entries are believed. */
  trustProxy: number;
  /** METRICS_TOKEN: /metrics takes it as a bearer token when set (null: open). */
  metricsToken: string | null;
  log: Logger;
}

function boardIdFrom(segment: string): string {
  const boardId = decodeURIComponent(segment);
  if (!isValidBoardId(boardId)) throw new HttpError(400, BOARD_ID_RULE);
  return boardId;
}

type Route =
  | { kind: 'create' }
  | { kind: 'asset'; assetId: string }
  | { kind: 'board' | 'export' | 'view' | 'versions' | 'upload' | 'links'; boardId: string; versionId?: string };

function routeOf(segments: readonly string[]): Route {
  const [, collection, id, sub, subId, ...rest] = segments;
  if (rest.length > 0) throw new HttpError(404, 'no such route');
  if (collection === 'assets' && id && !sub) return { kind: 'asset', assetId: decodeURIComponent(id) };
  if (collection !== 'boards') throw new HttpError(404, 'no such route');
  if (!id) return { kind: 'create' };
  const boardId = boardIdFrom(id);
  if (!sub) return { kind: 'board', boardId };
  if (sub === 'export.svg' && !subId) return { kind: 'export', boardId };
  if (sub === 'view.svg' && !subId) return { kind: 'view', boardId };
  if (sub === 'versions') return { kind: 'versions', boardId, versionId: subId === undefined ? undefined : decodeURIComponent(subId) };
  if (sub === 'assets' && !subId) return { kind: 'upload', boardId };
  if (sub === 'links' && !subId) return { kind: 'links', boardId };
  throw new HttpError(404, 'no such route');
}

/** The right a route of one board needs (lib/access/roles.ts). */
function rightFor(route: Route & { boardId: string }, method: string): Right {
  switch (route.kind) {
    case 'board':
      return method === 'DELETE' ? 'own' : 'read';
    case 'links':
      return method === 'POST' ? 'own' : 'read';
    case 'versions':
    case 'upload':
      return method === 'GET' ? 'read' : 'edit';
    default:
      return 'read';
  }
}

/** The body of an answer (sendJson sets its length; a streamed answer counts what it wrote). */
const responseBytes = (response: ServerResponse): number => Number(response.getHeader('content-length')) || streamedBytes(response);

/** Routes that decode or store a whole board: rate-limited per client (DELETE and GET of an asset are not). */
const isCostly = (route: Route, method: string) => route.kind !== 'asset' && !(route.kind === 'board' && method === 'DELETE');

/** Handles the request if it is one of the server's routes; returns false to pass it on. */
export async function handleServerRoute(request: IncomingMessage, response: ServerResponse, context: RouteContext, guard: RouteGuard): Promise<boolean> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  const respond = (status: number, body: unknown, headers?: Record<string, string>) => sendJson(response, status, body, headers);
  try {
    if (path === '/healthz') {
      respond(200, { status: 'ok' });
      return true;
    }
    if (path === '/metrics') {
      await serveMetrics(request, response, guard.metricsToken);
      return true;
    }
    if (path === '/readyz') {
      if (context.isDraining()) {
        respond(503, { error: 'draining: this instance is shutting down' });
        return true;
      }
      await context.store.ping().then(
        async () => {
          if (await context.redis?.ping().then(() => false, () => true)) {
            guard.log.warn('readiness check failed: redis is not reachable');
            respond(503, { error: 'redis is not reachable: this instance serves its own people, out of sync with the others' });
          } else {
            respond(200, { status: 'ready' });
          }
        },
        (error: unknown) => {
          // The detail (host names, driver messages) is for the operator, not for whoever asks.
          guard.log.warn({ err: error }, 'readiness check failed: storage is not reachable');
          respond(503, { error: 'storage is not reachable' });
        },
      );
      return true;
    }
    const segments = path.split('/').filter(Boolean);
    if (segments[0] !== 'api') return false;
    const route = routeOf(segments);
    const method = request.method ?? 'GET';
    if (isWrite(request)) {
      const refusal = refuseCrossSiteWrite(request, guard.originCheck, route.kind === 'upload' ? UPLOAD_BODY_TYPES : JSON_BODY_TYPES);
      if (refusal) throw new HttpError(refusal.status, refusal.reason);
    }
    if (isCostly(route, method)) {
      const client = clientAddress(request, guard.trustProxy);
      const retryAfter = guard.rateLimiter.take(client);
      if (retryAfter !== null) {
        request.resume();
        respond(429, { error: `too many requests: try again in ${retryAfter} s` }, { 'retry-after': String(retryAfter) });
        return true;
      }
      // What the request cost is known once it is served: the board or file it read or stored.
      response.once('finish', () => guard.rateLimiter.charge(client, bodyBytesRead(request) + responseBytes(response)));
    }
    switch (route.kind) {
      case 'create':
        await createBoard(request, context, respond);
        return true;
      case 'asset':
        await serveAsset(request, route.assetId, context, respond);
        return true;
    }
    const decision = await authorizeBoardRequest(request, route.boardId, context, rightFor(route, method));
    switch (route.kind) {
      case 'links':
        await handleLinks(request, route.boardId, decision, context, respond);
        break;
      case 'board':
        await handleBoard(request, route.boardId, context, respond);
        break;
      case 'export':
        await exportSvg(request, response, route.boardId, context);
        break;
      case 'view':
        await viewImage(request, response, route.boardId, context);
        break;
      case 'versions':
        await handleVersions(request, route.boardId, route.versionId, context, respond);
        break;
      case 'upload':
        await uploadAsset(request, route.boardId, context, respond);
        break;
    }
    return true;
  } catch (error) {
    if (response.headersSent) throw error;
    if (error instanceof BoardDeletedError) respond(410, { error: BOARD_DELETED_REASON });
    else if (error instanceof HttpError) respond(error.status, { error: clip(error.message, MAX_ECHOED_CHARS) });
    else throw error;
    return true;
  }
}
