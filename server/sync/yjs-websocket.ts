/**
 * The standard Yjs WebSocket protocol at `/yjs/<boardId>`, so that any Yjs client (y-websocket's
 * WebsocketProvider as it is) can read and edit a board next to the browsers. Same rooms, same
 * validation and limits as Socket.IO clients; the token comes in the `token` query parameter (what
 * y-websocket's `params` option sends). Only the framing differs:
 *
 *   [0, <y-protocols sync message>]       sync step 1, step 2, update
 *   [1, <varUint8Array awareness update>] awareness
 *   [3]                                   query awareness (answered with everyone's)
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  BOARD_ID_RULE,
  encodeSyncUpdate,
  encodeYjsAwarenessFrame,
  encodeYjsSyncFrame,
  isValidBoardId,
  MAX_SYNC_STEP2_BYTES,
  type ProtocolErrorCode,
  YJS_MESSAGE_AUTH,
  YJS_MESSAGE_AWARENESS,
  YJS_MESSAGE_QUERY_AWARENESS,
  YJS_MESSAGE_SYNC,
} from '../../lib/protocol';
import { type Role, roleAllows } from '../../lib/access/roles';
import { refusalCode } from '../access/access-control';
import type { Logger } from '../log';
import type { RoomTransport } from '../rooms/room';
import type { RoomManager } from '../rooms/room-manager';
import type { OriginCheck } from '../security/origin';
import { clientAddress } from '../security/client-address';
import type { ConnectionPlace } from '../security/connection-limits';
import { type ClientMessage, ClientSession } from './client-session';
import { DRAINING_REASON, type TransportOptions } from './transport-options';
import { closeReason } from './close-reason';
import { recordConnectionOpened, recordConnectionRefused, recordReceived, recordSent } from '../metrics/metrics';

export const YJS_PATH_PREFIX = '/yjs/';


/** Dead connections (no pong to a ping) are closed after one interval. */
const PING_INTERVAL_MS = 30_000;

/**
 * WebSocket close codes: 1008 policy violation, 1009 message too big, 1011 server error, 1012
 * service restart (the server shuts down: any Yjs client reconnects, through a proxy to another
 * instance), 1013 try again later; refusals of access mirror HTTP's statuses in the application
 * range, 4401 and 4403.
 */
const CLOSE_CODES: Partial<Record<ProtocolErrorCode, number>> = {
  'server-draining': 1012,
  'too-large': 1009,
  'server-error': 1011,
  'storage-failed': 1011,
  'rate-limited': 1013,
  unauthorized: 4401,
  'link-reset': 4401,
  forbidden: 4403,
};

interface YjsConnection {
  id: string;
  ws: WebSocket;
  /** The connection's TCP socket (the one ws writes to): corked while a tick's frames are written. */
  socket: Duplex;
  alive: boolean;
  session: ClientSession;
}

export interface YjsEndpoint {
  /** Takes over an upgrade request for /yjs/...; returns false for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  transport: RoomTransport;
  /** Tells every open connection that the server shuts down (close 1012), and closes it. */
  drain(): void;
  /** Drops every connection at once. */
  close(): void;
}

/** The client's frame as a typed message for its session; null for a frame to ignore. */
function decodeFrame(data: Buffer, isBinary: boolean): ClientMessage | null {
  if (!isBinary) return { type: 'malformed', bytes: data.byteLength, reason: 'expected a binary frame' };
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case YJS_MESSAGE_SYNC:
        return { type: 'sync', payload: bytes.subarray(decoder.pos) };
      case YJS_MESSAGE_AWARENESS:
        return { type: 'awareness', payload: decoding.readVarUint8Array(decoder) };
      case YJS_MESSAGE_QUERY_AWARENESS:
        return { type: 'query-awareness' };
      case YJS_MESSAGE_AUTH:
        return null;
      default:
        return { type: 'malformed', bytes: bytes.byteLength, reason: `unknown message type ${type}` };
    }
  } catch {
    return { type: 'malformed', bytes: bytes.byteLength, reason: 'truncated or malformed message' };
  }
}

function refuse(socket: Duplex, status: string, reason: string): void {
  socket.write(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}`);
  socket.destroy();
}

/** The board id of a /yjs/ path, or null if it is not one (bad percent-encoding included). */
function boardIdOf(path: string): string | null {
  try {
    const boardId = decodeURIComponent(path.slice(YJS_PATH_PREFIX.length));
    return isValidBoardId(boardId) ? boardId : null;
  } catch {
    return null;
  }
}

export function createYjsEndpoint(options: TransportOptions & { originCheck: OriginCheck; rooms: RoomManager; log: Logger }): YjsEndpoint {
  const { originCheck, rooms, accessControl, connections, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SYNC_STEP2_BYTES + 1024 });
  const byBoard = new Map<string, Set<YjsConnection>>();
  /** Every open connection, those still opening their board included. */
  const open = new Set<YjsConnection>();
  let nextId = 0;

  const pinger = setInterval(() => {
    for (const connections of byBoard.values()) {
      for (const connection of connections) {
        if (!connection.alive) connection.ws.terminate();
        connection.alive = false;
        connection.ws.ping();
      }
    }
  }, PING_INTERVAL_MS);
  pinger.unref();

  /**
   * Sends, unless too much already waits to be written: then the client is closed as too slow.
   * Returns whether it was sent (the caller counts it).
   */
  const write = (ws: WebSocket, session: ClientSession, message: Uint8Array): boolean => {
    if (ws.readyState !== ws.OPEN) return false;
    if (ws.bufferedAmount + message.byteLength > options.maxQueuedBytes) {
      session.refuse('too-slow', `more than ${options.maxQueuedBytes} bytes waited to be written to this connection`);
      return false;
    }
    ws.send(message);
    return true;
  };
  const send = (ws: WebSocket, session: ClientSession, message: Uint8Array) => {
    if (write(ws, session, message)) recordSent('yjs', message.byteLength);
  };

  /** Closes with a reason cut to what a close frame holds; a socket that cannot be closed so is dropped. */
  const close = (ws: WebSocket, code: ProtocolErrorCode, message: string) => {
    // A client that does not read would not read a close frame either: it is dropped at once.
    if (code === 'too-slow') {
      ws.terminate();
      return;
    }
    try {
      ws.close(CLOSE_CODES[code] ?? 1008, closeReason(code, message));
    } catch (error) {
      log.warn({ err: error }, 'could not close a yjs websocket cleanly');
      ws.terminate();
    }
  };

  function accept(ws: WebSocket, socket: Duplex, id: string, boardId: string, access: { role: Role; generation: number; viaLink: boolean }, place: ConnectionPlace): void {
    const closed = recordConnectionOpened('yjs');
    ws.binaryType = 'nodebuffer';
    const untrack = accessControl.track({ boardId, generation: access.generation, viaLink: access.viaLink, close: (code, message) => close(ws, code, message) });
    const session = new ClientSession(
      boardId,
      {
        id,
        transport: 'yjs',
        joinBroadcasts() {
          let connections = byBoard.get(boardId);
          if (!connections) byBoard.set(boardId, (connections = new Set()));
          connections.add(connection);
        },
        acceptsBoardState: false,
        canEdit: roleAllows(access.role, 'edit'),
        drained: () => Promise.resolve(),
        sendSync: (message) => send(ws, session, encodeYjsSyncFrame(message)),
        sendAwareness: (update) => send(ws, session, encodeYjsAwarenessFrame(update)),
        close: (code, message) => close(ws, code, message),
      },
      rooms,
      log,
    );
    const connection: YjsConnection = { id, ws, socket, alive: true, session };
    open.add(connection);
    ws.on('pong', () => (connection.alive = true));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      recordReceived('yjs', data.byteLength);
      const message = decodeFrame(data, isBinary);
      if (message) session.receive(message);
    });
    ws.on('error', (error) => log.debug({ err: error, boardId, connectionId: id }, 'yjs websocket error'));
    ws.on('close', (code) => {
      closed();
      open.delete(connection);
      untrack();
      byBoard.get(boardId)?.delete(connection);
      if (byBoard.get(boardId)?.size === 0) byBoard.delete(boardId);
      place.release();
      session.leave(`closed ${code}`);
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0] ?? '';
      if (!path.startsWith(YJS_PATH_PREFIX)) return false;
      const connectionId = `yjs-${++nextId}`;
      const boardId = boardIdOf(path);
      const refused = (status: string, reason: string, code?: ProtocolErrorCode) => {
        recordConnectionRefused('yjs');
        log.info({ boardId: boardId ?? undefined, connectionId, transport: 'yjs', status, code, reason }, 'refused a connection');
        refuse(socket, status, reason);
      };
      // 503 before anything else, so that a proxy may send the request to another instance.
      if (options.isDraining()) {
        refused('503 Service Unavailable', DRAINING_REASON, 'server-draining');
        return true;
      }
      if (boardId === null) {
        refused('400 Bad Request', BOARD_ID_RULE, 'bad-board-id');
        return true;
      }
      const origin = originCheck(request);
      if (!origin.ok) {
        log.warn({ origin: request.headers.origin, reason: origin.reason, boardId, connectionId, transport: 'yjs' }, 'refused a yjs websocket');
        recordConnectionRefused('yjs');
        refuse(socket, '403 Forbidden', origin.reason);
        return true;
      }
      const place = connections.take(clientAddress(request, options.trustProxy));
      if (!place) {
        refused('503 Service Unavailable', connections.reason, 'server-busy');
        return true;
      }
      place.releaseOnClose(socket);
      // The token comes as y-websocket's `params` send it: `?token=...`.
      const token = new URL(request.url ?? '', 'http://localhost').searchParams.get('token') || null;
      accessControl.decide(boardId, token).then(
        (decision) => {
          // The drain began while the access was decided.
          if (options.isDraining()) {
            refused('503 Service Unavailable', DRAINING_REASON, 'server-draining');
            return;
          }
          wss.handleUpgrade(request, socket, head, (ws) => {
            // A refusal is a close with the reason, which a WebSocket client can read (a refused
            // upgrade's HTTP status is hidden from browsers' WebSocket API).
            if (decision.ok) {
              accept(ws, socket, connectionId, boardId, decision, place);
              return;
            }
            const code = refusalCode(decision.status);
            recordConnectionRefused('yjs');
            log.info({ boardId, connectionId, transport: 'yjs', code, reason: decision.reason }, 'refused a connection');
            close(ws, code, decision.reason);
          });
        },
        (error: unknown) => {
          log.error({ err: error, boardId, connectionId }, 'could not decide the access of a yjs websocket');
          recordConnectionRefused('yjs');
          refuse(socket, '503 Service Unavailable', 'the server could not check the link');
        },
      );
      return true;
    },
    transport: {
      closeBoard(boardId, code, message) {
        for (const connection of byBoard.get(boardId) ?? []) connection.session.refuse(code, message);
      },
      // Each message is framed once for everyone. A connection's frames of one tick (the update,
      // then the presence) are written together, in one system call: on a board of 200 people,
      // one write per frame per connection was the largest part of the server's time.
      broadcastTick(boardId, { update, updateSender, presence }) {
        const connections = byBoard.get(boardId);
        if (!connections) return;
        const updateMessage = update ? encodeYjsSyncFrame(encodeSyncUpdate(update)) : null;
        const presenceMessages = presence ? presence.standard().map(encodeYjsAwarenessFrame) : [];
        let messages = 0;
        let bytes = 0;
        const sendOne = (connection: YjsConnection, message: Uint8Array) => {
          if (!write(connection.ws, connection.session, message)) return;
          messages++;
          bytes += message.byteLength;
        };
        for (const connection of connections) {
          connection.socket.cork();
          if (updateMessage && connection.id !== updateSender) sendOne(connection, updateMessage);
          for (const message of presenceMessages) sendOne(connection, message);
          connection.socket.uncork();
        }
        if (messages > 0) recordSent('yjs', bytes, messages);
      },
    },
    drain() {
      for (const connection of open) connection.session.refuse('server-draining', DRAINING_REASON);
    },
    close() {
      clearInterval(pinger);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
