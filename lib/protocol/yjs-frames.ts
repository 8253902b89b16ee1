/**
 * The standard Yjs WebSocket protocol (y-websocket's, spoken at /yjs): each message is its type
 * (a varint), then its payload: a sync message (y-protocols) as it is, an awareness update
 * length-prefixed. The one place its frames are written, for the server, its tests and benches.
 */
import * as encoding from 'lib0/encoding';

export const YJS_MESSAGE_SYNC = 0;
export const YJS_MESSAGE_AWARENESS = 1;
export const YJS_MESSAGE_AUTH = 2;
export const YJS_MESSAGE_QUERY_AWARENESS = 3;

const EMPTY = new Uint8Array(0);

/** A message of any type, its payload as it is (tests also frame malformed payloads with it). */
export function encodeYjsFrame(type: number, payload: Uint8Array = EMPTY): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** A sync message (step 1, step 2 or update), framed. */
export function encodeYjsSyncFrame(message: Uint8Array): Uint8Array {
  return encodeYjsFrame(YJS_MESSAGE_SYNC, message);
}

/** An awareness update, framed: length-prefixed, as y-websocket writes it. */
export function encodeYjsAwarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, YJS_MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
