import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CURSOR_PRECISION, decodeCursorEntries, encodeCursorEntries } from './cursors';
import { encodeAwarenessEntries, ProtocolDecodeError } from './messages';

describe('cursor entries', () => {
  it('round-trip positions to a hundredth of a board unit, and the pointer off the canvas', () => {
    const entries = [
      { clientID: 1, clock: 7, cursor: { x: 12.345, y: -3.001 } },
      { clientID: 4_294_967_295, clock: 123_456, cursor: null },
      { clientID: 9, clock: 1, cursor: { x: 250_000.5, y: 0 } },
    ];
    expect(decodeCursorEntries(encodeCursorEntries(entries))).toEqual([
      { clientID: 1, clock: 7, cursor: { x: 12.35, y: -3 } },
      { clientID: 4_294_967_295, clock: 123_456, cursor: null },
      { clientID: 9, clock: 1, cursor: { x: 250_000.5, y: 0 } },
    ]);
    expect(CURSOR_PRECISION).toBe(100);
  });

  it('are a tenth of the size of the same moves as awareness states', () => {
    const state = { user: { name: 'Person 12', color: '#1971c2', id: 'a-browser-id-of-21-chars' }, cursor: { x: 812.5, y: 403.25 }, selection: [] };
    const asAwareness = encodeAwarenessEntries([{ clientID: 2_000_000_000, clock: 500, state }]).byteLength;
    const asCursor = encodeCursorEntries([{ clientID: 2_000_000_000, clock: 500, cursor: state.cursor }]).byteLength;
    expect(asCursor).toBeLessThanOrEqual(16);
    expect(asCursor * 8).toBeLessThan(asAwareness);
  });

  it('send a position that is not a finite number as off the canvas, and clamp the far away', () => {
    const decoded = decodeCursorEntries(
      encodeCursorEntries([
        { clientID: 1, clock: 1, cursor: { x: Number.NaN, y: 0 } },
        { clientID: 2, clock: 1, cursor: { x: 1e300, y: -1e300 } },
      ]),
    );
    expect(decoded[0]!.cursor).toBeNull();
    expect(decoded[1]!.cursor).toEqual({ x: 1e9, y: -1e9 });
  });

  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    write(encoder);
    return encoding.toUint8Array(encoder);
  };

  it.each([
    ['an empty frame', new Uint8Array([])],
    ['a truncated entry', new Uint8Array([1, 5])],
    ['an unknown tag', new Uint8Array([1, 5, 1, 7])],
    ['trailing bytes', new Uint8Array([1, 5, 1, 0, 9])],
    [
      'a position out of range',
      frame((encoder) => {
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint(encoder, 5);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarInt(encoder, 1e12 * CURSOR_PRECISION);
        encoding.writeVarInt(encoder, 0);
      }),
    ],
  ])('refuse %s', (_name, bytes) => {
    expect(() => decodeCursorEntries(bytes)).toThrow(ProtocolDecodeError);
  });

  it('refuse a frame that is not binary', () => {
    expect(() => decodeCursorEntries('AQUBAA==')).toThrow('expected a binary frame');
  });
});
