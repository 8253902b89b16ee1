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
import { roleAllows } from '../../lib/access/roles';
import type { Logger } from '../log';
import type { RoomManager } from '../rooms/room-manager';
import { startClientSession } from './client-session';
import type { SocketData } from './socket-server';

export type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function handleConnection(socket: BoardSocket, rooms: RoomManager, log: Logger): void {
  const boardId = socket.data.boardId;
  const session = startClientSession(
    boardId,
    {
      id: socket.id,
      joinBroadcasts: () => void socket.join(boardId),
      acceptsBoardState: true,
      canEdit: roleAllows(socket.data.role, 'edit'),
      sendSync: (message) => socket.emit(SYNC_EVENT, message),
      whenSent: () => whenWritten(socket),
      sendAwareness: (update) => socket.emit(AWARENESS_EVENT, update),
      close(code, message) {
        socket.emit(ERROR_EVENT, { code, message });
        socket.disconnect(true);
      },
    },
    rooms,
    log,
  );
  socket.on(SYNC_EVENT, (frame: unknown, ack?: UpdateAck) => session.receiveSync(frame, typeof ack === 'function' ? ack : undefined));
  socket.on(AWARENESS_EVENT, (frame: unknown) => session.receiveAwareness(frame));
  socket.on(CURSORS_EVENT, (frame: unknown) => session.receiveCursors(frame));
  socket.on('disconnect', (reason) => session.leave(reason));
}

/**
 * Resolves once everything emitted on the socket has been handed to the operating system: the
 * engine's buffer is empty and its transport is writable again (it is not while a write is under
 * way), or the connection is gone.
 */
function whenWritten(socket: BoardSocket): Promise<void> {
  const conn = socket.conn;
  // The write buffer is not in engine.io's typings; it is a plain array on the socket.
  const written = () => conn.readyState !== 'open' || (conn.transport.writable && (conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length === 0);
  if (written()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!written()) return;
      conn.transport.off('ready', check);
      conn.off('close', check);
      resolve();
    };
    // 'ready' follows each completed write (and the flush of anything buffered meanwhile).
    conn.transport.on('ready', check);
    conn.once('close', check);
  });
}
