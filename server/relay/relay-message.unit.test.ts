import { describe, expect, it } from 'vitest';
import { decodeRelayMessage, encodeRelayMessage, type RelayMessage, RelayMessageError } from './relay-message';

describe('relay messages', () => {
  it('round-trip every kind, with the origin', () => {
    const messages: RelayMessage[] = [
      { kind: 'update', origin: 'a', seq: 42, sentAt: 1_765_000_000_123.5, update: new Uint8Array([1, 2, 3]) },
      { kind: 'presence', origin: 'b', full: new Uint8Array([4]), cursors: null },
      { kind: 'presence', origin: 'b', full: null, cursors: new Uint8Array([5, 6]) },
      { kind: 'hello', origin: 'c' },
      { kind: 'resync', origin: 'c' },
      { kind: 'compacted', origin: 'd', seq: 7 },
      { kind: 'deleted', origin: 'e' },
    ];
    for (const message of messages) expect(decodeRelayMessage(encodeRelayMessage(message))).toEqual(message);
  });

  it('refuse what is truncated, of another version or of an unknown kind', () => {
    const update = encodeRelayMessage({ kind: 'update', origin: 'a', seq: 1, sentAt: 0, update: new Uint8Array([1, 2, 3]) });
    expect(() => decodeRelayMessage(update.subarray(0, update.length - 2))).toThrow(RelayMessageError);
    expect(() => decodeRelayMessage(new Uint8Array([2, 1, 97, 0]))).toThrow(/version 2/);
    expect(() => decodeRelayMessage(new Uint8Array([1, 1, 97, 99]))).toThrow(/unknown relay message kind/);
  });
});
