/** Socket.IO clients (Tabula's own provider): one socket per board, updates acknowledged. */
import type { Socket } from 'socket.io';
import {
  AWARENESS_EVENT,
  type ClientToServerEvents,
  CURSORS_EVENT,
  ERROR_EVENT,
  type ServerToClientEvents,
  SYNC_EVENT,
  type UpdateAck,
} from '../../lib/protocol';
import { type Role, roleAllows } from '../../lib/access/roles';
import type { Logger } from '../log';
import type { RoomManager } from '../rooms/room-manager';
import { type ClientChannel, ClientSession } from './client-session';
import { SocketOutbox } from './socket-io-outbox';

/**
 * What the handshake settled (socket-server.ts): the board, what the token grants there, the
 * board's link generation then, and whether the role came from an edit or view link.
 */
export interface BoardSocketData {
  boardId: string;
  role: Role;
  generation: number;
  viaLink: boolean;
  /** Gives back the connection's place in the count per address. */
  release(): void;
}

export type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, BoardSocketData>;

export function handleConnection(socket: BoardSocket, rooms: RoomManager, maxQueuedBytes: number, log: Logger): ClientSession {
  const boardId = socket.data.boardId;
  const outbox = new SocketOutbox(socket.conn, maxQueuedBytes, () => session.refuse('too-slow', `more than ${maxQueuedBytes} bytes waited to be written to this connection`));
  const channel: ClientChannel = {
    id: socket.id,
    transport: 'socket.io',
    joinBroadcasts: () => void socket.join(boardId),
    acceptsBoardState: true,
    canEdit: roleAllows(socket.data.role, 'edit'),
    sendSync: (message) => socket.emit(SYNC_EVENT, message),
    drained: () => outbox.drained(),
    sendAwareness: (update) => socket.emit(AWARENESS_EVENT, update),
    close(code, message) {
      socket.emit(ERROR_EVENT, { code, message });
      socket.disconnect(true);
      // A client that does not read would hold the connection (and what waits for it) until the
      // close handshake times out: its transport is dropped at once.
      if (code === 'too-slow') socket.conn.close(true);
    },
  };
  const session = new ClientSession(boardId, channel, rooms, log);
  socket.on(SYNC_EVENT, (payload: unknown, ack?: UpdateAck) => session.receive({ type: 'sync', payload, ack: typeof ack === 'function' ? ack : undefined }));
  socket.on(AWARENESS_EVENT, (payload: unknown) => session.receive({ type: 'awareness', payload }));
  socket.on(CURSORS_EVENT, (payload: unknown) => session.receive({ type: 'cursors', payload }));
  socket.on('disconnect', (reason) => session.leave(reason));
  return session;
}
