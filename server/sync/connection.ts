/**
 * One socket's life on a board: join (after the board is loaded), the sync exchange, updates,
 * awareness, and leave. Messages from one socket are handled strictly in order.
 *
 * Every frame is size-checked and decoded inside try/catch. A bad frame disconnects only its
 * sender, with a reason sent to it and logged; the board and the other sockets carry on.
 */
import type { Socket } from 'socket.io';
import {
  AWARENESS_EVENT,
  type ClientToServerEvents,
  decodeAwarenessUpdate,
  decodeSyncMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  ERROR_EVENT,
  MAX_AWARENESS_BYTES,
  MAX_SYNC_STEP2_BYTES,
  MAX_UPDATE_BYTES,
  ProtocolDecodeError,
  type ProtocolErrorCode,
  type ServerToClientEvents,
  SYNC_EVENT,
  type UpdateAck,
} from '../../lib/protocol';
import type { Logger } from '../log';
import type { Room } from '../rooms/room';
import type { RoomManager } from '../rooms/room-manager';
import { InvalidUpdateError } from '../security/update-validator';

export type BoardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { boardId: string }>;

/** A state vector is a few bytes per client that ever edited the board. */
const MAX_STATE_VECTOR_BYTES = 1024 * 1024;

class Rejection extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function handleConnection(socket: BoardSocket, rooms: RoomManager, log: Logger): void {
  const boardId = socket.data.boardId;
  const socketLog = log.child({ boardId, socketId: socket.id });
  const roomReady = rooms.join(boardId, socket.id);
  let queue: Promise<void> = Promise.resolve();
  let rejected = false;

  const reject = (code: ProtocolErrorCode, message: string, error?: unknown): void => {
    if (rejected) return;
    rejected = true;
    socketLog.warn({ code, reason: message, err: error instanceof Rejection ? undefined : error }, 'disconnecting a socket');
    socket.emit(ERROR_EVENT, { code, message });
    socket.disconnect(true);
  };

  /** Runs tasks one after another once the room is loaded; a failure rejects the socket. */
  const enqueue = (task: (room: Room) => Promise<void> | void): void => {
    queue = queue
      .then(async () => {
        if (rejected) return;
        await task(await roomReady);
      })
      .catch((error: unknown) => {
        if (error instanceof Rejection) reject(error.code, error.message, error);
        else if (error instanceof InvalidUpdateError) reject('invalid-update', error.message);
        else if (error instanceof ProtocolDecodeError) reject('bad-frame', error.message);
        else reject('server-error', 'the server could not handle a message', error);
      });
  };

  // Join the broadcast room only once loaded, so the first thing a socket receives is the board.
  enqueue((room) => {
    void socket.join(boardId);
    socket.emit(SYNC_EVENT, encodeSyncStep1(room.doc));
    const awareness = room.encodeFullAwareness();
    if (awareness) socket.emit(AWARENESS_EVENT, awareness);
  });

  socket.on(SYNC_EVENT, (frame: unknown, ack?: UpdateAck) => {
    const respond = typeof ack === 'function' ? ack : undefined;
    enqueue(async (room) => {
      const message = decodeSyncMessage(frame);
      switch (message.type) {
        case 'step1':
          if (message.stateVector.byteLength > MAX_STATE_VECTOR_BYTES) throw new Rejection('too-large', 'state vector too large');
          socket.emit(SYNC_EVENT, encodeSyncStep2(room.doc, message.stateVector));
          respond?.({ ok: true });
          return;
        case 'step2':
        case 'update': {
          const limit = message.type === 'step2' ? MAX_SYNC_STEP2_BYTES : MAX_UPDATE_BYTES;
          if (message.update.byteLength > limit) {
            respond?.({ ok: false, error: `update of ${message.update.byteLength} bytes exceeds ${limit}` });
            throw new Rejection('too-large', `update of ${message.update.byteLength} bytes exceeds the limit of ${limit}`);
          }
          try {
            await room.applyUpdate(message.update, { socketId: socket.id });
          } catch (error) {
            respond?.({ ok: false, error: error instanceof InvalidUpdateError ? error.message : 'the update could not be stored' });
            if (error instanceof InvalidUpdateError) throw error;
            throw new Rejection('storage-failed', 'the update could not be stored');
          }
          respond?.({ ok: true });
          return;
        }
      }
    });
  });

  socket.on(AWARENESS_EVENT, (frame: unknown) => {
    enqueue((room) => {
      const size = frame instanceof Uint8Array || frame instanceof ArrayBuffer ? frame.byteLength : 0;
      if (size > MAX_AWARENESS_BYTES) throw new Rejection('too-large', `awareness update of ${size} bytes exceeds ${MAX_AWARENESS_BYTES}`);
      const { dropped } = room.applyAwareness(decodeAwarenessUpdate(frame), socket.id);
      if (dropped > 0) socketLog.debug({ dropped }, 'dropped awareness states that do not match the presence schema');
    });
  });

  socket.on('disconnect', (reason) => {
    socketLog.debug({ reason }, 'socket left');
    roomReady.then(
      (room) => rooms.leave(room, socket.id),
      (error: unknown) => socketLog.error({ err: error }, 'the board could not be loaded'),
    );
  });

  roomReady.catch(() => reject('storage-failed', 'the board could not be loaded'));
}
