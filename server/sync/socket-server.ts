/**
 * The Socket.IO server: origin check at the handshake, board id and access (`auth.token`, decided
 * by server/access) before the connection exists, and the transport that rooms use to reach their
 * sockets.
 */
import type { Server as HttpServer } from 'node:http';
import { type BroadcastOperator, Server } from 'socket.io';
import {
  type ClientToServerEvents,
  ERROR_EVENT,
  type ProtocolErrorCode,
  encodeBroadcast,
  encodeTick,
  BOARD_ID_RULE,
  isValidBoardId,
  MAX_SYNC_STEP2_BYTES,
  type ServerToClientEvents,
  TICK_EVENT,
} from '../../lib/protocol';
import { refusalCode } from '../access/access-control';
import type { PresenceBatch } from '../rooms/fan-out';
import type { Logger } from '../log';
import type { RoomTransport } from '../rooms/room';
import type { OriginCheck } from '../security/origin';
import type { ClientSession } from './client-session';
import { type BoardSocket, type BoardSocketData, handleConnection } from './connection';
import { clientAddress } from '../security/client-address';
import { recordConnectionOpened, recordConnectionRefused } from '../metrics/metrics';
import { DRAINING_REASON, type TransportOptions } from './transport-options';
import { countSocketIoTraffic } from './socket-io-traffic';
import type { RoomManager } from '../rooms/room-manager';

export type BoardServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, BoardSocketData>;

/** Room for Engine.IO's own packet framing on top of the largest message. */
const FRAME_OVERHEAD_BYTES = 64 * 1024;

/** `isDraining`: while the server shuts down, new connections are refused before they open (see app.ts). */
export function createSocketServer(httpServer: HttpServer, originCheck: OriginCheck, isDraining: () => boolean, log: Logger): BoardServer {
  return new Server(httpServer, {
    serveClient: false,
    // Frames above this are dropped by Engine.IO before any handler runs; smaller per-message
    // limits (lib/protocol/limits.ts) are enforced in the handlers, with a reason.
    maxHttpBufferSize: MAX_SYNC_STEP2_BYTES + FRAME_OVERHEAD_BYTES,
    allowRequest: (request, callback) => {
      // Refused at Engine.IO's level (an HTTP error, as for a network failure), so that
      // socket.io-client's own reconnection retries, through a proxy to another instance.
      if (isDraining()) {
        recordConnectionRefused('socket.io');
        callback(`server-draining: ${DRAINING_REASON}`, false);
        return;
      }
      const result = originCheck(request);
      if (!result.ok) {
        recordConnectionRefused('socket.io');
        log.warn({ origin: request.headers.origin, reason: result.reason, transport: 'socket.io' }, 'refused a socket');
      }
      callback(result.ok ? null : result.reason, result.ok);
    },
  });
}

export function createRoomTransport(io: BoardServer): RoomTransport {
  return {
    closeBoard(boardId, code, message) {
      io.to(boardId).emit(ERROR_EVENT, { code, message });
      io.in(boardId).disconnectSockets(true);
    },
    broadcastTick(boardId, { update, updateSender, presence }) {
      const presenceOnly = () => encodeBroadcast(encodeTick({ update: null, awareness: presence?.full ?? null, cursors: presence?.cursors ?? null }));
      if (update) {
        const message = encodeBroadcast(encodeTick({ update, awareness: presence?.full ?? null, cursors: presence?.cursors ?? null }));
        (updateSender ? io.to(boardId).except(updateSender) : io.to(boardId)).emit(TICK_EVENT, message);
        if (updateSender && presence) sendPresence(io.to(updateSender), presence, presenceOnly());
      } else if (presence) {
        sendPresence(io.to(boardId), presence, presenceOnly());
      }
    },
  };
}

/** Full states and settled cursors must arrive; a tick of cursor moves alone may be dropped if the socket is busy. */
function sendPresence(target: BroadcastOperator<ServerToClientEvents, BoardSocketData>, presence: PresenceBatch, message: string): void {
  (presence.mayDrop ? target.volatile : target).emit(TICK_EVENT, message);
}

/** A handshake refusal: the message starts with the code; `data` carries it and the HTTP status. */
function refusal(code: ProtocolErrorCode, message: string, status?: number): Error {
  return Object.assign(new Error(`${code}: ${message}`), { data: { code, message, status } });
}

/** The Socket.IO side of the drain (app.ts). */
export interface SocketIoClients {
  /** Tells every client of this instance that it shuts down ('server-draining'), and disconnects it. */
  drain(): void;
}

export function attachBoardHandlers(io: BoardServer, rooms: RoomManager, options: TransportOptions, log: Logger): SocketIoClients {
  const sessions = new Set<ClientSession>();
  io.use((socket, next) => {
    const auth = socket.handshake.auth as { boardId?: unknown; token?: unknown } | undefined;
    const boardId = auth?.boardId;
    const refuse = (error: Error & { data?: { code: ProtocolErrorCode } }) => {
      recordConnectionRefused('socket.io');
      log.info({ boardId: isValidBoardId(boardId) ? boardId : undefined, connectionId: socket.id, transport: 'socket.io', code: error.data?.code, reason: error.message }, 'refused a connection');
      next(error);
    };
    if (!isValidBoardId(boardId)) {
      refuse(refusal('bad-board-id', BOARD_ID_RULE));
      return;
    }
    const place = options.connections.take(clientAddress(socket.request, options.trustProxy));
    if (!place) {
      refuse(new Error(options.connections.reason));
      return;
    }
    const token = typeof auth?.token === 'string' && auth.token !== '' ? auth.token : null;
    options.accessControl.decide(boardId, token).then(
      (decision) => {
        if (!decision.ok) {
          place.release();
          refuse(refusal(refusalCode(decision.status), decision.reason, decision.status));
          return;
        }
        // A handshake that passed Engine.IO's check before the drain began.
        if (options.isDraining()) {
          place.release();
          refuse(refusal('server-draining', DRAINING_REASON, 503));
          return;
        }
        socket.data.boardId = boardId;
        socket.data.role = decision.role;
        socket.data.generation = decision.generation;
        socket.data.viaLink = decision.viaLink;
        socket.data.place = place;
        next();
      },
      (error: unknown) => {
        place.release();
        log.error({ err: error, boardId, connectionId: socket.id }, 'could not decide the access of a socket');
        refuse(refusal('server-error', 'the server could not check the link'));
      },
    );
  });
  io.on('connection', (socket: BoardSocket) => {
    const closed = recordConnectionOpened('socket.io');
    countSocketIoTraffic(socket.conn);
    const untrack = options.accessControl.track({
      boardId: socket.data.boardId,
      generation: socket.data.generation,
      viaLink: socket.data.viaLink,
      close(code, message) {
        socket.emit(ERROR_EVENT, { code, message });
        socket.disconnect(true);
      },
    });
    const session = handleConnection(socket, rooms, options.maxQueuedBytes, log);
    sessions.add(session);
    // One listener for all that ends with the connection: each listener costs memory for as long as the connection lasts.
    socket.once('disconnect', (reason) => {
      session.leave(reason);
      sessions.delete(session);
      closed();
      untrack();
      socket.data.place.release();
    });
  });
  return {
    drain() {
      for (const session of sessions) session.refuse('server-draining', DRAINING_REASON);
    },
  };
}
