/**
 * One client's life on a board, whatever the transport (Socket.IO or the standard Yjs
 * WebSocket): join once the board is loaded, the sync exchange, updates, awareness, leave.
 * Messages from one client are handled strictly in order.
 *
 * Every frame is size-checked and decoded inside try/catch. A bad frame disconnects only its
 * sender, with a reason sent to it and logged; the board and the other clients carry on.
 */
import {
  decodeAwarenessUpdate,
  decodeCursorEntries,
  decodeSyncMessage,
  encodeBoardState,
  encodeSyncStep1,
  encodeSyncStep2,
  isEmptyStateVector,
  MAX_AWARENESS_BYTES,
  MAX_SYNC_STEP2_BYTES,
  MAX_UPDATE_BYTES,
  ProtocolDecodeError,
  type ProtocolErrorCode,
  type UpdateAck,
} from '../../lib/protocol';
import type { Logger } from '../log';
import type { Room } from '../rooms/room';
import type { RoomManager } from '../rooms/room-manager';
import { SendBudget } from '../security/send-budget';
import { InvalidUpdateError, MissingDependencyError, SYNC_STEP2_LIMITS, UPDATE_LIMITS } from '../security/update-validator';

export const VIEW_ONLY_REASON = 'this link is view-only: the board cannot be changed with it';

/** A state vector is a few bytes per client that ever edited the board. */
const MAX_STATE_VECTOR_BYTES = 1024 * 1024;

/**
 * Updates that build on items the server has not received yet wait, up to these bounds, for the
 * message that carries those items (typically the client's sync step 2, overtaken by its edits).
 */
const MAX_WAITING_UPDATES = 100;
const MAX_WAITING_BYTES = MAX_UPDATE_BYTES;

interface WaitingUpdate {
  update: Uint8Array;
  /** A sync step 2 may bring a whole board (SYNC_STEP2_LIMITS). */
  isStep2?: boolean;
  ack?: UpdateAck;
}

/** What a session needs from its transport. */
export interface ClientChannel {
  /** Unique among all clients of the server; also the origin of the client's updates. */
  id: string;
  /** From now on the client receives the board's broadcasts (called again, it does nothing). */
  joinBroadcasts(): void;
  /**
   * Whether the client understands Tabula's board-state message (Tabula's own provider does; a
   * standard Yjs client does not, and is always answered with a sync step 2).
   */
  acceptsBoardState: boolean;
  /**
   * Whether the client may change the board (server/access decided at the handshake). From a
   * client that may not, sync step 2 and updates are refused (acknowledged with the reason) and
   * never applied or relayed; its step 1 and presence go through.
   */
  canEdit: boolean;
  sendSync(message: Uint8Array): void;
  /** Resolves once what was sent so far has left the process (handed to the operating system). */
  whenSent(): Promise<void>;
  sendAwareness(update: Uint8Array): void;
  /** Tells the client why and closes its connection. */
  close(code: ProtocolErrorCode, message: string): void;
}

class Rejection extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ClientSession {
  /** A sync message (step 1, step 2 or update); `ack` hears when an update is stored. */
  receiveSync(frame: unknown, ack?: UpdateAck): void;
  receiveAwareness(frame: unknown): void;
  /** Cursor entries (Tabula's provider sends them when only its cursor moved). */
  receiveCursors(frame: unknown): void;
  /** The connection is gone. */
  leave(reason: string): void;
}

/** The size of a binary frame; 0 for anything else (which decoding then refuses). */
const frameBytes = (frame: unknown): number => (frame instanceof Uint8Array || frame instanceof ArrayBuffer ? frame.byteLength : 0);

function checkAwarenessSize(frame: unknown): void {
  const size = frameBytes(frame);
  if (size > MAX_AWARENESS_BYTES) throw new Rejection('too-large', `awareness update of ${size} bytes exceeds ${MAX_AWARENESS_BYTES}`);
}

export function startClientSession(boardId: string, channel: ClientChannel, rooms: RoomManager, log: Logger): ClientSession {
  const clientLog = log.child({ boardId, client: channel.id });
  // Settled once the client's first message has been answered (with the board as stored, when it
  // has nothing): the board's decoding waits for that, so that the answer does not wait for it.
  let answeredFirst: (sent?: Promise<unknown>) => void = () => {};
  const firstAnswered = new Promise<unknown>((resolve) => (answeredFirst = resolve));
  const roomReady = rooms.join(boardId, channel.id, channel.acceptsBoardState ? firstAnswered : undefined);
  let queue: Promise<void> = Promise.resolve();
  let rejected = false;

  const reject = (code: ProtocolErrorCode, message: string, error?: unknown): void => {
    if (rejected) return;
    rejected = true;
    clientLog.warn({ code, reason: message, err: error instanceof Rejection ? undefined : error }, 'disconnecting a client');
    channel.close(code, message);
  };

  /** Runs tasks one after another; a failure rejects the client. */
  const run = (task: () => Promise<void>): void => {
    queue = queue
      .then(async () => {
        if (rejected) return;
        await task();
      })
      .catch((error: unknown) => {
        if (error instanceof Rejection) reject(error.code, error.message, error);
        else if (error instanceof InvalidUpdateError) reject('invalid-update', error.message);
        else if (error instanceof ProtocolDecodeError) reject('bad-frame', error.message);
        else reject('server-error', 'the server could not handle a message', error);
      });
  };

  /** Runs tasks one after another once the room is loaded. */
  const enqueue = (task: (room: Room) => Promise<void> | void): void => run(async () => task(await roomReady));

  // Checked as messages arrive, before they queue: a flood must not pile up in memory.
  const budget = new SendBudget();
  const admit = (frame: unknown): boolean => {
    if (rejected) return false;
    const overBudget = budget.spend(frameBytes(frame));
    if (overBudget) reject('rate-limited', `this connection sent ${overBudget}`);
    return overBudget === null;
  };

  roomReady.catch(() => reject('storage-failed', 'the board could not be loaded'));

  const waiting: WaitingUpdate[] = [];
  let waitingBytes = 0;

  /** Applies an update; true if applied, false if it waits for items it builds on. */
  const apply = async (room: Room, entry: WaitingUpdate, isRetry = false): Promise<boolean> => {
    try {
      await room.applyUpdate(entry.update, channel.id, entry.isStep2 ? SYNC_STEP2_LIMITS : UPDATE_LIMITS);
    } catch (error) {
      if (error instanceof MissingDependencyError) {
        if (isRetry) return false;
        if (waiting.length >= MAX_WAITING_UPDATES || waitingBytes + entry.update.byteLength > MAX_WAITING_BYTES) {
          throw new Rejection('invalid-update', 'too many updates refer to items the server has never seen');
        }
        waiting.push(entry);
        waitingBytes += entry.update.byteLength;
        return false;
      }
      entry.ack?.({ ok: false, error: error instanceof InvalidUpdateError ? error.message : 'the update could not be stored' });
      if (error instanceof InvalidUpdateError) throw error;
      throw new Rejection('storage-failed', 'the update could not be stored');
    }
    entry.ack?.({ ok: true });
    return true;
  };

  /** Retries the waiting updates, in order, for as long as one of them goes through. */
  const applyWaiting = async (room: Room): Promise<void> => {
    let progress = true;
    while (progress && waiting.length > 0) {
      progress = false;
      for (const entry of [...waiting]) {
        if (!(await apply(room, entry, true))) continue;
        waiting.splice(waiting.indexOf(entry), 1);
        waitingBytes -= entry.update.byteLength;
        progress = true;
      }
    }
  };

  // Once the board is loaded: the server's step 1 (the client answers with what it has that the
  // board lacks) and everyone's presence. This goes ahead of the client's queued messages.
  roomReady.then(
    (room) => {
      if (rejected) return;
      channel.joinBroadcasts();
      channel.sendSync(encodeSyncStep1(room.doc));
      const awareness = room.encodeFullAwareness();
      if (awareness) channel.sendAwareness(awareness);
    },
    () => {},
  );

  /**
   * A client with nothing gets the board as stored, without waiting for the server to decode it.
   * Joining the broadcasts in the same turn as taking the state means no change falls between
   * the two: earlier ones are in the state, later ones come as updates.
   */
  const sendBoardState = async (): Promise<boolean> => {
    const state = await rooms.boardState(boardId);
    if (!state || rejected) return false;
    channel.joinBroadcasts();
    channel.sendSync(encodeBoardState(state));
    answeredFirst(channel.whenSent());
    return true;
  };
  let first = true;

  return {
    receiveSync(frame, ack) {
      if (!admit(frame)) return;
      // A client's first message is its step 1. From an empty client, it is answered at once.
      if (first && channel.acceptsBoardState) {
        first = false;
        let message: ReturnType<typeof decodeSyncMessage> | null = null;
        try {
          message = decodeSyncMessage(frame);
        } catch {
          // Handled in order below, with the reason sent to the client.
        }
        if (message?.type === 'step1' && isEmptyStateVector(message.stateVector)) {
          const { stateVector } = message;
          run(async () => {
            if (!(await sendBoardState())) {
              answeredFirst();
              channel.sendSync(encodeSyncStep2(await roomReady.then((room) => room.doc), stateVector));
            }
            ack?.({ ok: true });
          });
          return;
        }
      }
      first = false;
      answeredFirst();
      enqueue(async (room) => {
        const message = decodeSyncMessage(frame);
        if (message.type === 'state') throw new Rejection('bad-frame', 'only the server sends the board state');
        if (message.type === 'step1') {
          if (message.stateVector.byteLength > MAX_STATE_VECTOR_BYTES) throw new Rejection('too-large', 'state vector too large');
          channel.sendSync(encodeSyncStep2(room.doc, message.stateVector));
          ack?.({ ok: true });
          return;
        }
        if (!channel.canEdit) {
          ack?.({ ok: false, error: VIEW_ONLY_REASON });
          return;
        }
        const limit = message.type === 'step2' ? MAX_SYNC_STEP2_BYTES : MAX_UPDATE_BYTES;
        if (message.update.byteLength > limit) {
          ack?.({ ok: false, error: `update of ${message.update.byteLength} bytes exceeds ${limit}` });
          throw new Rejection('too-large', `update of ${message.update.byteLength} bytes exceeds the limit of ${limit}`);
        }
        if (await apply(room, { update: message.update, isStep2: message.type === 'step2', ack })) await applyWaiting(room);
      });
    },

    receiveAwareness(frame) {
      if (!admit(frame)) return;
      answeredFirst();
      enqueue((room) => {
        checkAwarenessSize(frame);
        const { dropped } = room.applyAwareness(decodeAwarenessUpdate(frame), channel.id);
        if (dropped > 0) clientLog.debug({ dropped }, 'dropped awareness states that do not match the presence schema');
      });
    },

    receiveCursors(frame) {
      if (!admit(frame)) return;
      answeredFirst();
      enqueue((room) => {
        checkAwarenessSize(frame);
        const { dropped } = room.applyCursors(decodeCursorEntries(frame), channel.id);
        if (dropped > 0) clientLog.debug({ dropped }, 'dropped cursor moves of clients the socket has not announced');
      });
    },

    leave(reason) {
      answeredFirst();
      clientLog.debug({ reason }, 'client left');
      roomReady.then(
        (room) => rooms.leave(room, channel.id),
        (error: unknown) => clientLog.error({ err: error }, 'the board could not be loaded'),
      );
    },
  };
}
