/**
 * The one place where a request's right to a board is decided, for every route under
 * /api/boards/<id>: a deleted board is 410 Gone (the id stays taken for good, see
 * server/store/doc-store.ts); otherwise the token of `Authorization: Bearer <token>` must grant
 * the right the route needs (server/access/access-control.ts): 401 without a token that works on
 * the board, 403 with one that lacks the right.
 */
import type { IncomingMessage } from 'node:http';
import type { Right } from '../../lib/access/roles';
import type { AccessControl, AccessDecision } from '../access/access-control';
import type { BoardAccess } from './board-docs';
import { HttpError } from './body';

export const BOARD_DELETED_REASON = 'this board was deleted';

/** The token of `Authorization: Bearer <token>`, or null without one. */
export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // A malformed header is a token that works nowhere: refused with 401 like any wrong token.
  return match?.[1] ?? header;
}

export async function authorizeBoardRequest(
  request: IncomingMessage,
  boardId: string,
  context: BoardAccess & { accessControl: AccessControl },
  right: Right,
): Promise<AccessDecision & { ok: true }> {
  if (await context.store.isDeleted(boardId)) throw new HttpError(410, BOARD_DELETED_REASON);
  const decision = await context.accessControl.authorize(boardId, bearerToken(request), right);
  if (!decision.ok) throw new HttpError(decision.status, decision.reason);
  return decision;
}
