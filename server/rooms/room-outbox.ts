/**
 * The room's one seam to other instances (server/relay/ implements it; a lone instance has none).
 * A room hands over what its own sockets changed once it is settled: updates once stored, presence
 * once per tick. What comes back from other instances enters through the room's `applyRemote…`
 * methods, marked with their origin so that it is neither stored nor handed over again.
 */
export interface RoomOutbox {
  /** An update this instance accepted and stored, with its sequence number in the store. */
  updateStored(update: Uint8Array, seq: number): void;
  /** This instance's people whose presence changed during a tick: full states and cursor entries. */
  presenceChanged(full: Uint8Array | null, cursors: Uint8Array | null): void;
  /** This instance folded the stored log up to `upToSeq`. */
  compacted(upToSeq: number): void;
}

/** The origin of a change that came from elsewhere: another instance's id, or 'store'. */
export interface RemoteOrigin {
  remote: string;
}

/**
 * The room keeps the people of another instance as if on one socket of its own, with an id no
 * real socket has (Socket.IO's ids are base64url, `/yjs` ones are `yjs-<n>`).
 */
const REMOTE_SOCKET_PREFIX = 'instance:';

export function remoteSocketId(instanceId: string): string {
  return `${REMOTE_SOCKET_PREFIX}${instanceId}`;
}

export function isRemoteSocket(socketId: string): boolean {
  return socketId.startsWith(REMOTE_SOCKET_PREFIX);
}
