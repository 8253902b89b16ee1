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
import * as encoding from 'lib0/encoding';
import { type WebSocket, WebSocketServer } from 'ws';
import { isValidBoardId, MAX_SYNC_STEP2_BYTES, type ProtocolErrorCode } from '../../lib/protocol';
import { type Role, roleAllows } from '../../lib/access/roles';
import { type AccessControl, refusalCode } from '../access/access-control';
import type { Logger } from '../log';
import type { RoomTransport } from '../rooms/room';
import type { RoomManager } from '../rooms/room-manager';
import type { OriginCheck } from '../security/origin';
import { type ClientSession, startClientSession } from './client-session';

export const YJS_PATH_PREFIX = '/yjs/';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

/** Dead connections (no pong to a ping) are closed after one interval. */
const PING_INTERVAL_MS = 30_000;

/** WebSocket close codes: 1008 policy violation, 1009 message too big, 1011 server error. */
/** Refusals of access mirror HTTP's statuses in the application range: 4401, 4403. */
const CLOSE_CODES: Partial<Record<ProtocolErrorCode, number>> = {
  'too-large': 1009,
  'server-error': 1011,
  'storage-failed': 1011,
  'rate-limited': 1013,
  unauthorized: 4401,
  'link-reset': 4401,
  forbidden: 4403,
};

/** A close frame's reason is at most 123 bytes. */
const closeReason = (code: ProtocolErrorCode, message: string) => `${code}: ${message}`.slice(0, 120);

interface YjsConnection {
  id: string;
  ws: WebSocket;
  alive: boolean;
}

export interface YjsEndpoint {
  /** Takes over an upgrade request for /yjs/...; returns false for other paths. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  transport: RoomTransport;
  close(): void;
}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function refuse(socket: Duplex, status: string, reason: string): void {
  socket.write(`HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${reason}`);
  socket.destroy();
}

export function createYjsEndpoint(options: { originCheck: OriginCheck; rooms: RoomManager; accessControl: AccessControl; log: Logger }): YjsEndpoint {
  const { originCheck, rooms, accessControl, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_SYNC_STEP2_BYTES + 1024 });
  const byBoard = new Map<string, Set<YjsConnection>>();
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

  const send = (connection: YjsConnection, message: Uint8Array) => {
    if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(message);
  };

  function accept(ws: WebSocket, boardId: string, access: { role: Role; generation: number; viaLink: boolean }): void {
    const connection: YjsConnection = { id: `yjs-${++nextId}`, ws, alive: true };
    const untrack = accessControl.track({
      boardId,
      generation: access.generation,
      viaLink: access.viaLink,
      close: (code, message) => ws.close(CLOSE_CODES[code] ?? 1008, closeReason(code, message)),
    });
    ws.binaryType = 'nodebuffer';
    ws.on('pong', () => (connection.alive = true));
    const session: ClientSession = startClientSession(
      boardId,
      {
        id: connection.id,
        joinBroadcasts() {
          let connections = byBoard.get(boardId);
          if (!connections) byBoard.set(boardId, (connections = new Set()));
          connections.add(connection);
        },
        acceptsBoardState: false,
        canEdit: roleAllows(access.role, 'edit'),
        whenSent: () => Promise.resolve(),
        sendSync: (message) => send(connection, frame(MESSAGE_SYNC, (encoder) => encoding.writeUint8Array(encoder, message))),
        sendAwareness: (update) => send(connection, frame(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update))),
        close: (code, message) => ws.close(CLOSE_CODES[code] ?? 1008, closeReason(code, message)),
      },
      rooms,
      log,
    );

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        session.receiveSync('text frame');
        return;
      }
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      let type: number;
      let decoder: decoding.Decoder;
      try {
        decoder = decoding.createDecoder(bytes);
        type = decoding.readVarUint(decoder);
      } catch {
        session.receiveSync(new Uint8Array());
        return;
      }
      switch (type) {
        case MESSAGE_SYNC:
          session.receiveSync(bytes.subarray(decoder.pos));
          break;
        case MESSAGE_AWARENESS: {
          let update: Uint8Array | null = null;
          try {
            update = decoding.readVarUint8Array(decoder);
          } catch {
            // Passed on as not binary below, so it is refused like any malformed frame.
          }
          session.receiveAwareness(update ?? 'malformed');
          break;
        }
        case MESSAGE_QUERY_AWARENESS: {
          const room = rooms.peek(boardId);
          const everyone = room?.encodeFullAwareness();
          if (everyone) send(connection, frame(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, everyone)));
          break;
        }
        case MESSAGE_AUTH:
          break;
        default:
          session.receiveSync(new Uint8Array([type]));
      }
    });
    ws.on('error', (error) => log.debug({ err: error, boardId }, 'yjs websocket error'));
    ws.on('close', (code) => {
      untrack();
      byBoard.get(boardId)?.delete(connection);
      if (byBoard.get(boardId)?.size === 0) byBoard.delete(boardId);
      session.leave(`closed ${code}`);
    });
  }

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0] ?? '';
      if (!path.startsWith(YJS_PATH_PREFIX)) return false;
      const boardId = decodeURIComponent(path.slice(YJS_PATH_PREFIX.length));
      if (!isValidBoardId(boardId)) {
        refuse(socket, '400 Bad Request', 'a board id is 1-64 characters of A-Z, a-z, 0-9, _ and -');
        return true;
      }
      const origin = originCheck(request);
      if (!origin.ok) {
        log.warn({ origin: request.headers.origin, reason: origin.reason }, 'refused a yjs websocket');
        refuse(socket, '403 Forbidden', origin.reason);
        return true;
      }
      // The token comes as y-websocket's `params` send it: `?token=...`.
      const token = new URL(request.url ?? '', 'http://localhost').searchParams.get('token') || null;
      accessControl.decide(boardId, token).then(
        (decision) =>
          wss.handleUpgrade(request, socket, head, (ws) => {
            // A refusal is a close with the reason, which a WebSocket client can read (a refused
            // upgrade's HTTP status is hidden from browsers' WebSocket API).
            if (decision.ok) accept(ws, boardId, decision);
            else ws.close(CLOSE_CODES[refusalCode(decision.status)], closeReason(refusalCode(decision.status), decision.reason));
          }),
        (error: unknown) => {
          log.error({ err: error, boardId }, 'could not decide the access of a yjs websocket');
          refuse(socket, '503 Service Unavailable', 'the server could not check the link');
        },
      );
      return true;
    },
    transport: {
      broadcastTick(boardId, { update, updateSender, presence }) {
        const connections = byBoard.get(boardId);
        if (!connections) return;
        if (update) {
          const message = frame(MESSAGE_SYNC, (encoder) => {
            encoding.writeVarUint(encoder, 2);
            encoding.writeVarUint8Array(encoder, update);
          });
          for (const connection of connections) if (connection.id !== updateSender) send(connection, message);
        }
        if (presence) {
          const message = frame(MESSAGE_AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, presence.standard()));
          for (const connection of connections) send(connection, message);
        }
      },
    },
    close() {
      clearInterval(pinger);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
