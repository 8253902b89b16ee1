/**
 * Encoding and decoding of the binary messages that travel in SYNC_EVENT and AWARENESS_EVENT.
 *
 * The sync messages are y-protocols' own (step 1: a state vector; step 2: the diff that answers
 * it; update: an incremental change), plus one of Tabula's: the board state, which answers the
 * step 1 of a client that has nothing with the board as stored (a V2 snapshot and the V1 updates
 * after it), so that the server sends a large board without first decoding and re-encoding it.
 * Decoding is separate from applying so that the server can check a message's size and content
 * before anything touches a document.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export type SyncMessage =
  | { type: 'step1'; stateVector: Uint8Array }
  | { type: 'step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | ({ type: 'state' } & BoardState);

/** A whole board in its stored form: applying `snapshot` (V2) then `updates` (V1) rebuilds it. */
export interface BoardState {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/** Tabula's sync message type for a BoardState; y-protocols uses 0 to 2. */
const MESSAGE_BOARD_STATE = 100;

/** Whether a step 1 comes from a client with nothing (an empty state vector). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  // A state vector starts with its number of entries (a varuint): 0 is the single byte 0.
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  /** The decoded JSON state; null means the client has left. */
  state: unknown;
}

/** A frame that could not be decoded. The message is safe to show to the sender. */
export class ProtocolDecodeError extends Error {
  override name = 'ProtocolDecodeError';
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Wraps an already encoded update as a step 2 (used when the server answers from storage). */
export function encodeSyncStep2FromUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeBoardState(state: BoardState): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_BOARD_STATE);
  encoding.writeVarUint8Array(encoder, state.snapshot ?? new Uint8Array(0));
  encoding.writeVarUint(encoder, state.updates.length);
  for (const update of state.updates) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * What the server broadcasts (relayed updates, presence) travels as base64 text. Socket.IO frames
 * a text message once for all its recipients, but a binary one again for each of them: on a board
 * of 200 people that per-recipient work was most of the server's cost. Messages to one client
 * (the sync exchange, the board state) stay binary.
 */
export function encodeBroadcast(message: Uint8Array): string {
  return toBase64(message);
}

/** A message from the server as bytes, whether it came as a binary frame or a broadcast. */
export function serverFrameBytes(frame: unknown): Uint8Array {
  if (typeof frame !== 'string') return binaryFrameBytes(frame);
  // Checked here: Node's decoder skips what is not base64 instead of failing.
  if (frame.length % 4 !== 0 || !BASE64.test(frame)) throw new ProtocolDecodeError('a text frame that is not base64');
  return fromBase64(frame);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A binary frame as bytes (Node delivers a Buffer, browsers an ArrayBuffer); anything else is refused. */
export function binaryFrameBytes(frame: unknown): Uint8Array {
  if (frame instanceof Uint8Array) return frame;
  if (frame instanceof ArrayBuffer) return new Uint8Array(frame);
  throw new ProtocolDecodeError('expected a binary frame');
}

export function decodeSyncMessage(frame: unknown): SyncMessage {
  const bytes = binaryFrameBytes(frame);
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === MESSAGE_BOARD_STATE) {
      const count = decoding.readVarUint(decoder);
      const updates: Uint8Array[] = [];
      for (let i = 0; i < count; i++) updates.push(decoding.readVarUint8Array(decoder));
      if (decoding.hasContent(decoder)) throw new ProtocolDecodeError('trailing bytes after the message');
      return { type: 'state', snapshot: payload.byteLength > 0 ? payload : null, updates };
    }
    if (decoding.hasContent(decoder)) throw new ProtocolDecodeError('trailing bytes after the message');
    switch (type) {
      case syncProtocol.messageYjsSyncStep1:
        return { type: 'step1', stateVector: payload };
      case syncProtocol.messageYjsSyncStep2:
        return { type: 'step2', update: payload };
      case syncProtocol.messageYjsUpdate:
        return { type: 'update', update: payload };
      default:
        throw new ProtocolDecodeError(`unknown sync message type ${type}`);
    }
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw error;
    throw new ProtocolDecodeError('truncated or malformed sync message');
  }
}

/** The wire format of y-protocols' awareness updates, decoded without applying anything. */
export function decodeAwarenessUpdate(frame: unknown): AwarenessEntry[] {
  const bytes = binaryFrameBytes(frame);
  try {
    const decoder = decoding.createDecoder(bytes);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientID, clock, state });
    }
    if (decoding.hasContent(decoder)) throw new ProtocolDecodeError('trailing bytes after the awareness update');
    return entries;
  } catch (error) {
    if (error instanceof ProtocolDecodeError) throw error;
    throw new ProtocolDecodeError('truncated or malformed awareness update');
  }
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientID);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
