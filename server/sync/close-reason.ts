import type { ProtocolErrorCode } from '../../lib/protocol';

/** A WebSocket close frame carries at most 123 bytes of reason (RFC 6455, 5.5: 125 less the code). */
export const MAX_CLOSE_REASON_BYTES = 123;

/**
 * `code: message` as a close reason: cut to MAX_CLOSE_REASON_BYTES of UTF-8, never inside a
 * character (ws throws on a longer reason, and would leave the socket open).
 */
export function closeReason(code: ProtocolErrorCode, message: string): string {
  const reason = `${code}: ${message}`;
  const bytes = Buffer.from(reason, 'utf8');
  if (bytes.byteLength <= MAX_CLOSE_REASON_BYTES) return reason;
  let end = MAX_CLOSE_REASON_BYTES;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that does not fit.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
