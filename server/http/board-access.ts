/**
 * The one place where a request's right to a board is decided, for every route under
 * /api/boards/<id>. Today a board is open to whoever has its id, unless it was deleted (410 Gone:
 * the id stays taken for good, see server/store/doc-store.ts). Access tokens, when they come, are
 * checked here too.
 */
import type { IncomingMessage } from 'node:http';
import type { BoardAccess } from './board-docs';
import { HttpError } from './body';

export const BOARD_DELETED_REASON = 'this board was deleted';

export async function authorizeBoardRequest(_request: IncomingMessage, boardId: string, access: BoardAccess): Promise<void> {
  if (await access.store.isDeleted(boardId)) throw new HttpError(410, BOARD_DELETED_REASON);
}
