/**
 * What instances tell each other about a board, on the board's Redis channel. Binary (lib0):
 *
 *   varUint version, varString origin instance id, varUint kind, then by kind:
 *   update     varUint seq, float64 sentAt (ms since the epoch, for the relay-lag metric),
 *              varUint8Array update (V1, as stored)
 *   presence   varUint8Array full states (y-protocols awareness update; empty: none),
 *              varUint8Array cursor entries (lib/protocol/cursors.ts; empty: none)
 *   hello      (nothing) the origin opened the board or came back: answer with your presence
 *   resync     (nothing) the origin stored what others may have missed: catch up from the store
 *   compacted  varUint seq the stored log is folded up to
 *   deleted    (nothing) the board was deleted: close its sockets and drop it from memory
 *
 * Each message names its origin, so that an instance ignores its own and applies the others' once.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const VERSION = 1;

export type RelayMessage =
  | { kind: 'update'; origin: string; seq: number; sentAt: number; update: Uint8Array }
  | { kind: 'presence'; origin: string; full: Uint8Array | null; cursors: Uint8Array | null }
  | { kind: 'hello'; origin: string }
  | { kind: 'resync'; origin: string }
  | { kind: 'compacted'; origin: string; seq: number }
  | { kind: 'deleted'; origin: string };

const KINDS = ['update', 'presence', 'hello', 'resync', 'compacted', 'deleted'] as const;

export class RelayMessageError extends Error {
  override name = 'RelayMessageError';
}

export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, VERSION);
  encoding.writeVarString(encoder, message.origin);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq);
      encoding.writeFloat64(encoder, message.sentAt);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'presence':
      encoding.writeVarUint8Array(encoder, message.full ?? new Uint8Array());
      encoding.writeVarUint8Array(encoder, message.cursors ?? new Uint8Array());
      break;
    case 'compacted':
      encoding.writeVarUint(encoder, message.seq);
      break;
    case 'hello':
    case 'resync':
    case 'deleted':
      break;
  }
  return encoding.toUint8Array(encoder);
}

const orNull = (bytes: Uint8Array) => (bytes.byteLength > 0 ? bytes : null);

export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const version = decoding.readVarUint(decoder);
    if (version !== VERSION) throw new RelayMessageError(`relay message version ${version}, this instance speaks ${VERSION}`);
    const origin = decoding.readVarString(decoder);
    const kind = KINDS[decoding.readVarUint(decoder)];
    switch (kind) {
      case 'update':
        return { kind, origin, seq: decoding.readVarUint(decoder), sentAt: decoding.readFloat64(decoder), update: decoding.readVarUint8Array(decoder) };
      case 'presence':
        return { kind, origin, full: orNull(decoding.readVarUint8Array(decoder)), cursors: orNull(decoding.readVarUint8Array(decoder)) };
      case 'compacted':
        return { kind, origin, seq: decoding.readVarUint(decoder) };
      case 'hello':
      case 'resync':
      case 'deleted':
        return { kind, origin };
      default:
        throw new RelayMessageError('unknown relay message kind');
    }
  } catch (error) {
    if (error instanceof RelayMessageError) throw error;
    throw new RelayMessageError('truncated relay message');
  }
}
