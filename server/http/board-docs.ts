/** A board's document for the HTTP API: the live one if the board is open, else from the store. */
import type * as Y from 'yjs';
import type { RoomManager } from '../rooms/room-manager';
import type { DocStore } from '../store/doc-store';
import { decodeStoredBoard } from '../store/stored-doc';
import { HttpError } from './body';

export interface BoardAccess {
  store: DocStore;
  rooms: RoomManager;
}

export async function openBoardDoc(boardId: string, access: BoardAccess): Promise<Y.Doc> {
  const room = access.rooms.peek(boardId);
  if (room) return room.doc;
  // A deleted board rejects with BoardDeletedError: 410 (routes.ts).
  const stored = await access.store.load(boardId);
  if (!stored) throw new HttpError(404, 'board not found');
  return decodeStoredBoard(stored);
}

export async function boardExists(boardId: string, access: BoardAccess): Promise<boolean> {
  return access.rooms.peek(boardId) !== undefined || (await access.store.exists(boardId));
}
