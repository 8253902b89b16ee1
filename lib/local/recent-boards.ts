/** The list of recently opened boards, kept in the browser's local storage. */
import { MAX_TITLE_LENGTH } from '../board/schema';
import { isValidBoardId } from '../protocol/board-id';
import type { StorageLike } from './storage';
import { type Message, type MessageParam, msg } from '../i18n';

export const RECENT_BOARDS_KEY = 'tabula:recent-boards';
export const MAX_RECENT_BOARDS = 20;

export interface RecentBoard {
  id: string;
  /** When it was last opened, in ms since the epoch. */
  openedAt: number;
  /** The board's title when it was last seen ('' or absent: none set). */
  title?: string;
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
  return value
    .filter(
      (entry): entry is RecentBoard =>
        typeof entry === 'object' &&
        entry !== null &&
        isValidBoardId((entry as RecentBoard).id) &&
        Number.isFinite((entry as RecentBoard).openedAt),
    )
    .map(({ id, openedAt, title }) => (typeof title === 'string' ? { id, openedAt, title: title.slice(0, MAX_TITLE_LENGTH) } : { id, openedAt }));
}

/** Moves (or adds) a board to the top of the list, newest first, at most MAX_RECENT_BOARDS. */
export function withRecentBoard(list: readonly RecentBoard[], id: string, openedAt: number): RecentBoard[] {
  const known = list.find((entry) => entry.id === id);
  const entry: RecentBoard = known?.title === undefined ? { id, openedAt } : { id, openedAt, title: known.title };
  return [entry, ...list.filter((other) => other.id !== id)].slice(0, MAX_RECENT_BOARDS);
}

/** The list with a board's title changed in place (a board not in the list is not added). */
export function withRecentTitle(list: readonly RecentBoard[], id: string, title: string): RecentBoard[] {
  return list.map((entry) => (entry.id === id ? { ...entry, title: title.slice(0, MAX_TITLE_LENGTH) } : entry));
}

export function recordRecentBoard(storage: StorageLike, id: string, openedAt: number): void {
  const list = parseRecentBoards(storage.getItem(RECENT_BOARDS_KEY));
  storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(withRecentBoard(list, id, openedAt)));
}

export function recordRecentTitle(storage: StorageLike, id: string, title: string): void {
  const list = parseRecentBoards(storage.getItem(RECENT_BOARDS_KEY));
  if (list.some((entry) => entry.id === id && entry.title !== title)) {
    storage.setItem(RECENT_BOARDS_KEY, JSON.stringify(withRecentTitle(list, id, title)));
  }
}

/** A name for a board that has no title yet, from the start of its id ("Board 1a2b3c4d"). */
export function untitledName(id: string): Message {
  return msg('home.untitledBoard', { id: id.slice(0, 8) });
}

/** What the list and the browser tab show for a board: its title, or a name from its id. */
export function boardTitle(id: string, title: string | undefined): MessageParam {
  return title?.trim() || untitledName(id);
}
