/**
 * One client's life on a board, whatever the transport (Socket.IO or the standard Yjs
 * WebSocket). The transports decode their own framing and hand the session typed messages through
 * one entry point, `receive`; the session checks, decodes and applies them strictly in order.
 *
 *   opening  the board is being loaded (a client that has nothing may already be sent it as
 *            stored: board-opening.ts); messages wait in order
 *   syncing  the board is loaded, the server's step 1 is sent; the client's step 2 is awaited
 *   live     the client's step 2 has arrived
 *   closed   the client left or was refused; nothing more is handled
 *
 * Every refusal goes through `refuse`: a reason to the client and the log, then the connection
 * is closed. A bad message disconnects only its sender; the board and the others carry on.
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
  type SyncMessage,
  type UpdateAck,
} from '../../lib/protocol';
import type { Logger } from '../log';
import type { Transport } from '../metrics/metrics';
import type { BoardOpening } from '../rooms/board-opening';
import type { Room } from '../rooms/room';
import { type RoomManager, ServerBusyError } from '../rooms/room-manager';
import { SendBudget } from '../security/send-budget';
import { BoardDeletedError } from '../store/doc-store';
import { InvalidUpdateError } from '../security/update-validator';
import { PendingUpdates } from './pending-updates';
import { Refusal } from './refusal';

/** A state vector is a few bytes per client that ever edited the board. */
const MAX_STATE_VECTOR_BYTES = 1024 * 1024;

/** What a session needs from its transport. */
export interface ClientChannel {
  /** Unique among all clients of the server; also the origin of the client's updates. */
  id: string;
  transport: Transport;
  /** From now on the client receives the board's broadcasts (called again, it does nothing). */
  joinBroadcasts(): void;
  /**
   * Whether the client understands Tabula's board-state message (Tabula's own provider does; a
   * standard Yjs client does not, and is always answered with a sync step 2).
   */
  acceptsBoardState: boolean;
  /**
   * Whether the client may change the board (server/access decides it at the handshake). A client that may not has its
   * step 2 and updates refused, with the reason in the update's acknowledgement; it stays
   * connected, sees the board, and its presence goes through.
   */
  canEdit: boolean;
  sendSync(message: Uint8Array): void;
  /** Resolves once what was sent so far has left the process (handed to the operating system). */
  drained(): Promise<void>;
  sendAwareness(update: Uint8Array): void;
  /** Tells the client why and closes its connection (the transport makes the reason fit its wire). */
  close(code: ProtocolErrorCode, message: string): void;
}

/**
 * A message from a client, its transport framing decoded. Payloads are the bytes as received
 * (`unknown` where a transport may hand over something other than bytes); the session checks
 * their size against the budget before it decodes them.
 */
export type ClientMessage =
  /** A sync message (step 1, step 2 or update); `ack` hears when an update is stored. */
  | { type: 'sync'; payload: unknown; ack?: UpdateAck }
  | { type: 'awareness'; payload: unknown }
  /** Cursor entries (Tabula's provider sends them when only its cursor moved). */
  | { type: 'cursors'; payload: unknown }
  /** A standard Yjs client asks for everyone's presence. */
  | { type: 'query-awareness' }
  /** A frame the transport could not make sense of; `bytes` counts against the budget. */
  | { type: 'malformed'; bytes: number; reason: string };

export type SessionState = 'opening' | 'syncing' | 'live' | 'closed';

/** The size of a payload in bytes; 0 for anything else (which decoding then refuses). */
const payloadBytes = (payload: unknown): number => (payload instanceof Uint8Array || payload instanceof ArrayBuffer ? payload.byteLength : 0);

const messageBytes = (message: ClientMessage): number =>
  message.type === 'malformed' ? message.bytes : message.type === 'query-awareness' ? 1 : payloadBytes(message.payload);

function checkAwarenessSize(payload: unknown): void {
  const size = payloadBytes(payload);
  if (size > MAX_AWARENESS_BYTES) throw new Refusal('too-large', `awareness update of ${size} bytes exceeds ${MAX_AWARENESS_BYTES}`);
}

export const READ_ONLY_REASON = 'this link is view-only: the board cannot be changed with it';

export class ClientSession {
  private currentState: SessionState = 'opening';
  /** Made on the first line logged: most connections never log one, and each costs memory. */
  private childLog: Logger | null = null;
  private readonly opening: BoardOpening;
  /** The tail of the messages being handled, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** Checked as messages arrive, before they queue: a flood must not pile up in memory. */
  private readonly budget = new SendBudget();
  private readonly pending = new PendingUpdates();
  private firstMessage = true;
  /** Whether the client's sync step 2 is in: it is accepted once. */
  private step2Received = false;

  constructor(
    private readonly boardId: string,
    private readonly channel: ClientChannel,
    private readonly rooms: RoomManager,
    private readonly parentLog: Logger,
  ) {
    this.opening = rooms.join(boardId, channel.id, channel.acceptsBoardState);
    // Once the board is loaded: the server's step 1 (the client answers with what it has that the
    // board lacks) and everyone's presence. This goes ahead of the client's queued messages.
    this.opening.room.then(
      (room) => {
        if (this.currentState === 'closed') return;
        this.currentState = 'syncing';
        channel.joinBroadcasts();
        channel.sendSync(encodeSyncStep1(room.doc));
        for (const chunk of room.encodeFullAwareness()) channel.sendAwareness(chunk);
      },
      (error: unknown) => {
        if (error instanceof BoardDeletedError) this.refuse('board-deleted', 'this board was deleted');
        else if (error instanceof ServerBusyError) this.refuse('server-busy', error.message);
        else this.refuse('storage-failed', 'the board could not be loaded', error);
      },
    );
  }

  private get log(): Logger {
    this.childLog ??= this.parentLog.child({ boardId: this.boardId, connectionId: this.channel.id, transport: this.channel.transport });
    return this.childLog;
  }

  get state(): SessionState {
    return this.currentState;
  }

  /** The one entry point for what the client sends. */
  receive(message: ClientMessage): void {
    if (this.currentState === 'closed') return;
    const overBudget = this.budget.spend(messageBytes(message));
    if (overBudget) {
      this.refuse('rate-limited', `this connection sent ${overBudget}`);
      return;
    }
    // A client's first message is its step 1. From a client with nothing it is answered from
    // the store; anything else releases the board's decoding at once.
    const isFirst = this.firstMessage;
    this.firstMessage = false;
    if (isFirst && this.channel.acceptsBoardState && message.type === 'sync') {
      const step1 = this.peekEmptyStep1(message.payload);
      if (step1) {
        this.run(async () => this.answerFromStore(step1, message.ack));
        return;
      }
    }
    this.opening.release();
    switch (message.type) {
      case 'malformed':
        this.refuse('bad-frame', message.reason);
        return;
      case 'sync':
        this.whenLoaded((room) => this.handleSync(room, decodeSyncMessage(message.payload), message.ack));
        return;
      case 'awareness':
        this.whenLoaded((room) => {
          checkAwarenessSize(message.payload);
          const { dropped } = room.applyAwareness(decodeAwarenessUpdate(message.payload), this.channel.id);
          if (dropped > 0) this.log.debug({ dropped }, 'dropped awareness states that do not match the presence schema');
        });
        return;
      case 'cursors':
        this.whenLoaded((room) => {
          checkAwarenessSize(message.payload);
          const { dropped } = room.applyCursors(decodeCursorEntries(message.payload), this.channel.id);
          if (dropped > 0) this.log.debug({ dropped }, 'dropped cursor moves of clients the socket has not announced');
        });
        return;
      case 'query-awareness':
        this.whenLoaded((room) => {
          for (const chunk of room.encodeFullAwareness()) {
            this.budget.chargeAnswer(chunk.byteLength);
            this.channel.sendAwareness(chunk);
          }
        });
        return;
    }
  }

  /** The connection is gone. */
  leave(reason: string): void {
    const wasClosed = this.currentState === 'closed';
    this.currentState = 'closed';
    this.opening.release();
    if (!wasClosed) this.log.debug({ reason }, 'client left');
    this.opening.room.then(
      (room) => this.rooms.leave(room, this.channel.id),
      () => {}, // Refused with the reason when it happened.
    );
  }

  /** Tells the client why and closes its connection (once). */
  refuse(code: ProtocolErrorCode, message: string, error?: unknown): void {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.opening.release();
    // A shutdown closes every connection on purpose: one line each is noise at the default level.
    this.log[code === 'server-draining' ? 'debug' : 'warn']({ code, reason: message, err: error }, 'disconnecting a client');
    this.channel.close(code, message);
  }

  /** An empty step 1 (a client with nothing), or null; a frame that does not decode is handled in order. */
  private peekEmptyStep1(payload: unknown): Uint8Array | null {
    try {
      const message = decodeSyncMessage(payload);
      return message.type === 'step1' && isEmptyStateVector(message.stateVector) ? message.stateVector : null;
    } catch {
      return null;
    }
  }

  private async answerFromStore(stateVector: Uint8Array, ack?: UpdateAck): Promise<void> {
    const answered = await this.opening.answerFromStore((state) => {
      this.channel.joinBroadcasts();
      this.channel.sendSync(encodeBoardState(state));
      return this.channel.drained();
    });
    if (!answered) this.sendAnswer(encodeSyncStep2((await this.opening.room).doc, stateVector));
    ack?.({ ok: true });
  }

  private async handleSync(room: Room, message: SyncMessage, ack?: UpdateAck): Promise<void> {
    if (message.type === 'state') throw new Refusal('bad-frame', 'only the server sends the board state');
    if (message.type === 'step1') {
      if (message.stateVector.byteLength > MAX_STATE_VECTOR_BYTES) throw new Refusal('too-large', 'state vector too large');
      // Checked again here: step 1s admitted before the earlier answers were counted must not
      // be answered past the budget.
      const overdrawn = this.budget.overdrawn();
      if (overdrawn) throw new Refusal('rate-limited', `this connection asked for ${overdrawn}`);
      this.sendAnswer(encodeSyncStep2(room.doc, message.stateVector));
      ack?.({ ok: true });
      // Encoding an answer may take milliseconds on a large board: the process's other work
      // goes between two of them.
      await new Promise((resolve) => setImmediate(resolve));
      return;
    }
    const isStep2 = message.type === 'step2';
    if (isStep2) {
      // A step 2 may carry a whole board (MAX_SYNC_STEP2_BYTES): it answers the server's step 1,
      // once, at the start of the connection, and is not a way around the update limit.
      if (this.step2Received) throw new Refusal('bad-frame', 'a sync step 2 is accepted once per connection, at its start');
      this.step2Received = true;
      this.currentState = 'live';
    }
    const limit = isStep2 ? MAX_SYNC_STEP2_BYTES : MAX_UPDATE_BYTES;
    if (message.update.byteLength > limit) {
      ack?.({ ok: false, error: `update of ${message.update.byteLength} bytes exceeds ${limit}` });
      throw new Refusal('too-large', `update of ${message.update.byteLength} bytes exceeds the limit of ${limit}`);
    }
    if (!this.channel.canEdit) {
      ack?.({ ok: false, error: READ_ONLY_REASON });
      this.log.debug({ message: message.type }, 'refused a change from a read-only connection');
      return;
    }
    await this.pending.apply(room, { update: message.update, isStep2, ack }, this.channel.id);
  }

  /** Sends the answer to a step 1, its bytes counted against the client's budget. */
  private sendAnswer(message: Uint8Array): void {
    this.budget.chargeAnswer(message.byteLength);
    this.channel.sendSync(message);
  }

  /** Runs a task once the earlier ones are done; a failure refuses the client. */
  private run(task: () => Promise<void>): void {
    this.queue = this.queue
      .then(async () => {
        if (this.currentState !== 'closed') await task();
      })
      .catch((error: unknown) => {
        if (error instanceof Refusal) this.refuse(error.code, error.message);
        else if (error instanceof InvalidUpdateError) this.refuse('invalid-update', error.message);
        else if (error instanceof ProtocolDecodeError) this.refuse('bad-frame', error.message);
        else this.refuse('server-error', 'the server could not handle a message', error);
      });
  }

  /** Runs a task in order once the room is loaded. */
  private whenLoaded(task: (room: Room) => Promise<void> | void): void {
    this.run(async () => task(await this.opening.room));
  }
}
