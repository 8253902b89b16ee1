const URL_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * A random URL-safe id of `length` characters, 6 random bits each, from the platform's
 * cryptographic generator (Web Crypto exists in browsers and in Node 20).
 */
export function randomId(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += URL_SAFE_ALPHABET[byte & 63];
  return id;
}
