/** The list of recently opened boards, kept in the browser's local storage. */
import { isValidBoardId } from '../protocol/board-id';
import type { StorageLike } from './storage';

export const RECENT_BOARDS_KEY = 'tabula:recent-boards';
export const MAX_RECENT_BOARDS = 20;

export interface RecentBoard {
  id: string;
  /** When it was last opened, in ms since the epoch. */
  openedAt: number;
}

/** Parses the stored list, dropping anything malformed (storage is shared with other code). */
export function parseRecentBoards(raw: string | null): RecentBoard[] {
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is RecentBoard =>
      typeof entry === 'object' &&
      entry !== null &&
      isValidBoardId((entry as RecentBoard).id) &&
      Number.isFinite((entry as RecentBoard).openedAt),
  );
}

/** Moves (or adds) a board to the top of the list, newest first, at most MAX_RECENT_BOARDS. */
export function withRecentBoard(list: readonly RecentBoard[], id: string, openedAt: number): RecentBoard[] {
  return [{ id, openedAt }, ...list.filter((entry) => entry.id !== id)].slice(0, MAX_RECENT_BOARDS);
}

export function recordRecentBoard(storage: StorageLike, id: string, openedAt: number): void {
  const list = parseRecentBoards(storage.getItem(RECENT_BOARDS_KEY));
  storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(withRecentBoard(list, id, openedAt)));
}

export function boardTitle(id: string): string {
  return `Board ${id.slice(0, 8)}`;
}
