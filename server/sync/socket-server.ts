/**
 * The Socket.IO server: origin check at the handshake, board id check before the connection
 * exists, and the transport that rooms use to reach their sockets.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import {
  AWARENESS_EVENT,
  type ClientToServerEvents,
  CURSORS_EVENT,
  encodeBroadcast,
  encodeSyncUpdate,
  isValidBoardId,
  MAX_SYNC_STEP2_BYTES,
  type ServerToClientEvents,
  SYNC_EVENT,
} from '../../lib/protocol';
import type { Logger } from '../log';
import type { RoomTransport } from '../rooms/room';
import type { OriginCheck } from '../security/origin';
import { type BoardSocket, handleConnection } from './connection';
import type { RoomManager } from '../rooms/room-manager';

export type BoardServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { boardId: string }>;

/** Room for Engine.IO's own packet framing on top of the largest message. */
const FRAME_OVERHEAD_BYTES = 64 * 1024;

export function createSocketServer(httpServer: HttpServer, originCheck: OriginCheck, log: Logger): BoardServer {
  return new Server(httpServer, {
    serveClient: false,
    // Frames above this are dropped by Engine.IO before any handler runs; smaller per-message
    // limits (lib/protocol/limits.ts) are enforced in the handlers, with a reason.
    maxHttpBufferSize: MAX_SYNC_STEP2_BYTES + FRAME_OVERHEAD_BYTES,
    allowRequest: (request, callback) => {
      const result = originCheck(request);
      if (!result.ok) log.warn({ origin: request.headers.origin, reason: result.reason }, 'refused a socket');
      callback(result.ok ? null : result.reason, result.ok);
    },
  });
}

export function createRoomTransport(io: BoardServer): RoomTransport {
  return {
    broadcastUpdate(boardId, update, exceptSocketId) {
      const target = exceptSocketId ? io.to(boardId).except(exceptSocketId) : io.to(boardId);
      target.emit(SYNC_EVENT, encodeBroadcast(encodeSyncUpdate(update)));
    },
    broadcastPresence(boardId, { full, cursors }) {
      if (full) io.to(boardId).emit(AWARENESS_EVENT, encodeBroadcast(full));
      if (cursors) io.to(boardId).volatile.emit(CURSORS_EVENT, encodeBroadcast(cursors));
    },
  };
}

export function attachBoardHandlers(io: BoardServer, rooms: RoomManager, log: Logger): void {
  io.use((socket, next) => {
    const boardId: unknown = (socket.handshake.auth as { boardId?: unknown } | undefined)?.boardId;
    if (!isValidBoardId(boardId)) {
      next(new Error('bad-board-id: a board id is 1-64 characters of A-Z, a-z, 0-9, _ and -'));
      return;
    }
    socket.data.boardId = boardId;
    next();
  });
  io.on('connection', (socket: BoardSocket) => handleConnection(socket, rooms, log));
}
