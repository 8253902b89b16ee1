/**
 * The origins a room gives its changes (Yjs transactions and awareness updates carry them), so
 * that its listeners tell who made a change: a socket of this instance, a batch of sockets'
 * updates, or another instance (room-outbox.ts).
 */
import type { RemoteOrigin } from './room-outbox';

/** Who changed the presence: a socket. */
export interface AwarenessOrigin {
  socketId: string;
}

/** The origin of a presence change that moved cursors and nothing else. */
export interface CursorsOrigin extends AwarenessOrigin {
  cursorsOnly: true;
}

/** The origin of the transaction that applies a batch of updates: the sockets that sent them. */
export interface UpdateBatch {
  senders: Set<string>;
}

export function isUpdateBatch(origin: unknown): origin is UpdateBatch {
  return typeof origin === 'object' && origin !== null && (origin as Partial<UpdateBatch>).senders instanceof Set;
}

export function isAwarenessOrigin(origin: unknown): origin is AwarenessOrigin {
  return typeof origin === 'object' && origin !== null && typeof (origin as Partial<AwarenessOrigin>).socketId === 'string';
}

export function isRemoteOrigin(origin: unknown): origin is RemoteOrigin {
  return typeof origin === 'object' && origin !== null && typeof (origin as Partial<RemoteOrigin>).remote === 'string';
}

export function isCursorsOrigin(origin: unknown): origin is CursorsOrigin {
  return typeof origin === 'object' && origin !== null && (origin as Partial<CursorsOrigin>).cursorsOnly === true;
}
