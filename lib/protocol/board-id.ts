import { randomId } from './random-id';

/** Board ids appear in URLs and storage keys: URL-safe characters only, bounded length. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Why a board id was refused: the one text every path (REST, both sockets) answers with. */
export const BOARD_ID_RULE = 'a board id is 1-64 characters of A-Z, a-z, 0-9, _ and -';

export function isValidBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value);
}

/** A new, unguessable board id: 22 characters of a 64-letter alphabet, 132 random bits. */
export function newBoardId(): string {
  return randomId(22);
}
