/**
 * What the server sends a board's sockets once per fan-out tick: the document updates stored
 * during the tick (merged), the presence states that changed beyond the cursor (a y-protocols
 * awareness update) and the cursor moves (cursors.ts), as one message, so that each recipient gets
 * one frame per tick however many people edit and move.
 *
 * One message also keeps moves from being lost for no reason: Engine.IO drops a volatile packet
 * while the previous write to the socket is still under way, so a volatile message sent right
 * after another one to the same socket would nearly always be dropped. A tick is sent reliably
 * when it carries an update or a full state, and volatile when it only moves cursors.
 *
 * Wire format: three varUint8Arrays (update, awareness, cursors); an empty one is absent.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolDecodeError } from './messages';

export interface TickMessage {
  /** A Yjs (V1) update, merged from the tick's stored updates. */
  update: Uint8Array | null;
  /** A y-protocols awareness update of full states. */
  awareness: Uint8Array | null;
  /** Cursor entries (cursors.ts). */
  cursors: Uint8Array | null;
}

const EMPTY = new Uint8Array(0);

export function encodeTick(tick: TickMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of [tick.update, tick.awareness, tick.cursors]) encoding.writeVarUint8Array(encoder, part ?? EMPTY);
  return encoding.toUint8Array(encoder);
}

export function decodeTick(bytes: Uint8Array): TickMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const part = () => {
      const value = decoding.readVarUint8Array(decoder);
      return value.byteLength > 0 ? value : null;
    };
    const tick = { update: part(), awareness: part(), cursors: part() };
    if (decoding.hasContent(decoder)) throw new ProtocolDecodeError('trailing bytes after the tick');
    return tick;
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw error;
    throw new ProtocolDecodeError('truncated or malformed tick');
  }
}
