/** Socket.IO clients (Tabula's own provider): one socket per board, updates acknowledged. */
import type { Socket } from 'socket.io';
import {
  AWARENESS_EVENT,
  type ClientToServerEvents,
  CURSORS_EVENT,
  ERROR_EVENT,
  type ProtocolErrorCode,
  type ServerToClientEvents,
  SYNC_EVENT,
  type UpdateAck,
} from '../../lib/protocol';
import { type Role, roleAllows } from '../../lib/access/roles';
import type { Logger } from '../log';
import type { RoomManager } from '../rooms/room-manager';
import type { ConnectionPlace } from '../security/connection-limits';
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
  /** The connection's place in the count per address, given back when it closes. */
  place: ConnectionPlace;
}

export type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, BoardSocketData>;

/**
 * The session's side of a socket. A class rather than an object of arrow functions: one of these
 * stays for each open connection, and methods are shared where closures are made per connection.
 */
class SocketIoChannel implements ClientChannel {
  readonly transport = 'socket.io';
  readonly acceptsBoardState = true;
  readonly canEdit: boolean;
  session: ClientSession | null = null;
  private readonly outbox: SocketOutbox;

  constructor(
    private readonly socket: BoardSocket,
    maxQueuedBytes: number,
  ) {
    this.canEdit = roleAllows(socket.data.role, 'edit');
    this.outbox = new SocketOutbox(socket.conn, maxQueuedBytes, () => this.session?.refuse('too-slow', `more than ${maxQueuedBytes} bytes waited to be written to this connection`));
  }

  get id(): string {
    return this.socket.id;
  }

  joinBroadcasts(): void {
    void this.socket.join(this.socket.data.boardId);
  }

  sendSync(message: Uint8Array): void {
    this.socket.emit(SYNC_EVENT, message);
  }

  drained(): Promise<void> {
    return this.outbox.drained();
  }

  sendAwareness(update: Uint8Array): void {
    this.socket.emit(AWARENESS_EVENT, update);
  }

  close(code: ProtocolErrorCode, message: string): void {
    this.socket.emit(ERROR_EVENT, { code, message });
    this.socket.disconnect(true);
    // A client that does not read would hold the connection (and what waits for it) until the
    // close handshake times out: its transport is dropped at once.
    if (code === 'too-slow') this.socket.conn.close(true);
  }
}

export function handleConnection(socket: BoardSocket, rooms: RoomManager, maxQueuedBytes: number, log: Logger): ClientSession {
  const channel = new SocketIoChannel(socket, maxQueuedBytes);
  const session = new ClientSession(socket.data.boardId, channel, rooms, log);
  channel.session = session;
  socket.on(SYNC_EVENT, (payload: unknown, ack?: UpdateAck) => session.receive({ type: 'sync', payload, ack: typeof ack === 'function' ? ack : undefined }));
  socket.on(AWARENESS_EVENT, (payload: unknown) => session.receive({ type: 'awareness', payload }));
  socket.on(CURSORS_EVENT, (payload: unknown) => session.receive({ type: 'cursors', payload }));
  return session;
}
