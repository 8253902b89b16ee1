/** Board ids appear in URLs and storage keys: URL-safe characters only, bounded length. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidBoardId(value: unknown): value is string {
  return typeof value === 'string' && BOARD_ID_PATTERN.test(value);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A new, unguessable board id: 22 characters of a 64-letter alphabet, 132 random bits, from the
 * platform's cryptographic generator (Web Crypto exists in browsers and in Node 20).
 */
export function newBoardId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
