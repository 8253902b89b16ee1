/** Socket.IO clients (Tabula's own provider): one socket per board, updates acknowledged. */
import type { Socket } from 'socket.io';
import {
  AWARENESS_EVENT,
  type ClientToServerEvents,
  ERROR_EVENT,
  type ServerToClientEvents,
  SYNC_EVENT,
  type UpdateAck,
} from '../../lib/protocol';
import type { Logger } from '../log';
import type { RoomManager } from '../rooms/room-manager';
import { startClientSession } from './client-session';

export type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { boardId: string }>;

export function handleConnection(socket: BoardSocket, rooms: RoomManager, log: Logger): void {
  const boardId = socket.data.boardId;
  const session = startClientSession(
    boardId,
    {
      id: socket.id,
      joinBroadcasts: () => void socket.join(boardId),
      acceptsBoardState: true,
      sendSync: (message) => socket.emit(SYNC_EVENT, message),
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
  socket.on('disconnect', (reason) => session.leave(reason));
}
