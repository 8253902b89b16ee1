/**
 * Cursor moves in a compact form of Tabula's own, beside y-protocols' awareness updates.
 *
 * Most presence traffic is people moving their pointer: up to 30 changes a second each, which the
 * server fans out to everyone. As an awareness update every move carries the person's whole state
 * as JSON (name, colour, id, selection: about 120 bytes); as a cursor entry it carries the client
 * id, the awareness clock and the position (about 15 bytes), and needs no JSON on either side.
 * A cursor entry only ever updates a state its recipient already has from a full awareness update,
 * which is why full updates travel reliably and cursor entries may be dropped (volatile).
 *
 * Wire format: varuint count, then per entry: varuint clientID, varuint clock, varuint tag
 * (0: the pointer is off the canvas; 1: a position follows as two zigzag varints in
 * 1/CURSOR_PRECISION board units).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { binaryFrameBytes, ProtocolDecodeError } from './messages';

export interface CursorEntry {
  clientID: number;
  clock: number;
  /** Board coordinates of the pointer; null while it is off the canvas. */
  cursor: { x: number; y: number } | null;
}

/** Positions travel in hundredths of a board unit: far finer than a pixel at the highest zoom. */
export const CURSOR_PRECISION = 100;

/** Positions beyond this (in board units) are clamped: no board reaches so far, and varints stay short. */
const MAX_CURSOR_COORDINATE = 1e9;

const TAG_OFF_CANVAS = 0;
const TAG_POSITION = 1;

function toWire(value: number): number {
  const clamped = Math.max(-MAX_CURSOR_COORDINATE, Math.min(MAX_CURSOR_COORDINATE, value));
  return Math.round(clamped * CURSOR_PRECISION);
}

export function encodeCursorEntries(entries: readonly CursorEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientID, clock, cursor } of entries) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    if (cursor && Number.isFinite(cursor.x) && Number.isFinite(cursor.y)) {
      encoding.writeVarUint(encoder, TAG_POSITION);
      encoding.writeVarInt(encoder, toWire(cursor.x));
      encoding.writeVarInt(encoder, toWire(cursor.y));
    } else {
      encoding.writeVarUint(encoder, TAG_OFF_CANVAS);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a binary frame of cursor entries; throws ProtocolDecodeError if it is not one. */
export function decodeCursorEntries(frame: unknown): CursorEntry[] {
  const bytes = binaryFrameBytes(frame);
  try {
    const decoder = decoding.createDecoder(bytes);
    const count = decoding.readVarUint(decoder);
    const entries: CursorEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const tag = decoding.readVarUint(decoder);
      if (tag === TAG_OFF_CANVAS) {
        entries.push({ clientID, clock, cursor: null });
        continue;
      }
      if (tag !== TAG_POSITION) throw new ProtocolDecodeError(`unknown cursor tag ${tag}`);
      const x = decoding.readVarInt(decoder) / CURSOR_PRECISION;
      const y = decoding.readVarInt(decoder) / CURSOR_PRECISION;
      if (Math.abs(x) > MAX_CURSOR_COORDINATE || Math.abs(y) > MAX_CURSOR_COORDINATE) throw new ProtocolDecodeError('a cursor position out of range');
      entries.push({ clientID, clock, cursor: { x, y } });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolDecodeError('trailing bytes after the cursor entries');
    return entries;
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw error;
    throw new ProtocolDecodeError('truncated or malformed cursor entries');
  }
}
