/**
 * One open board: its Y.Doc, its Awareness and the sockets on it.
 *
 * Updates are appended to the store before they are acknowledged or relayed, so nobody ever sees
 * an edit that a crash could still lose. Stored updates and presence changes are gathered per
 * tick and sent as one message to each socket (fan-out.ts), instead of one message per change per
 * peer.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { getShapesMap } from '../../lib/board/doc';
import { type AwarenessEntry, type BoardState, type CursorEntry, type ProtocolErrorCode, fanOutTickMs, MERGE_WORK_PER_TRANSACTION } from '../../lib/protocol';
import type { DocStore, StoredBoard } from '../store/doc-store';
import { decodeStoredBoard } from '../store/stored-doc';
import { InvalidUpdateError, UPDATE_LIMITS, type ValidationLimits, validateUpdate } from '../security/update-validator';
import { foldWithDocument } from './open-compaction';
import { encodeOpeningView } from './opening-view';
import { FanOut, type Tick } from './fan-out';
import { recordStoreAppend, recordUpdateApply, secondsSince } from '../metrics/metrics';
import { DROP_EXTRA_BYTES, DROP_GROWTH, FOLD_GROWTH, type KeptState, keptState, MIN_FOLD_BYTES } from './kept-state';
import { isRemoteOrigin, isUpdateBatch, type UpdateBatch } from './origins';
import { type RemoteOrigin, remoteSocketId, type RoomOutbox } from './room-outbox';
import { RoomPresence } from './room-presence';

/** How a room reaches its sockets; the sync layer provides it. */
export interface RoomTransport {
  /** Sends one fan-out tick to every socket of the board. */
  broadcastTick(boardId: string, tick: Tick): void;
  /** Tells every socket of the board why, and closes it (both transports at once). */
  closeBoard(boardId: string, code: ProtocolErrorCode, message: string): void;
}

interface IncomingUpdate {
  update: Uint8Array;
  socketId: string;
  limits: ValidationLimits;
  /** Resolves with the promise of the batch's append. */
  applied(stored: Promise<unknown>): void;
  refused(error: unknown): void;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly sockets = new Set<string>();
  /** Sequence number of the last stored update. */
  lastSeq: number;
  /** Sequence number the last snapshot covers. */
  snapshotSeq: number;
  /** Set while the room waits to be unloaded after its last socket left. */
  idleTimer: ReturnType<typeof setTimeout> | null = null;

  /** Who is on the board, and what of it changed this tick. */
  private readonly presence: RoomPresence;
  private readonly fanOut: FanOut;
  private storageFailed = false;
  private destroyed = false;
  /** Updates received this turn of the event loop, applied together at its end. */
  private incoming: IncomingUpdate[] = [];
  private lastAppend: Promise<unknown> = Promise.resolve();
  /** The append promise of the update being applied right now (set by the doc's update listener). */
  private currentAppend: Promise<unknown> | null = null;
  /**
   * The board in its stored form (a V2 snapshot and the V1 updates applied since), kept so that a
   * client with nothing is sent the board without encoding the document; null once the log has
   * grown too long to be worth keeping (then it is rebuilt on demand).
   */
  private state: KeptState | null;

  constructor(
    readonly boardId: string,
    private readonly store: DocStore,
    transport: RoomTransport,
    stored: StoredBoard | null,
    /** Called once if an append fails: the document then holds a change that is not stored. */
    private readonly onStorageFailed: (error: unknown) => void = () => {},
    /** Where this instance's accepted changes go besides its own sockets (other instances), if anywhere. */
    private readonly outbox: RoomOutbox | null = null,
  ) {
    getShapesMap(this.doc);
    this.fanOut = new FanOut(
      (tick) => transport.broadcastTick(boardId, tick),
      () => this.presence.take(),
      () => fanOutTickMs(this.sockets.size),
    );
    this.state = keptState(stored?.snapshot ?? null, stored?.updates ?? []);
    this.lastSeq = stored?.lastSeq ?? 0;
    this.snapshotSeq = stored ? stored.lastSeq - stored.updates.length : 0;
    if (stored) decodeStoredBoard(stored, this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.presence = new RoomPresence(this.awareness, outbox, () => this.fanOut.presenceChanged());
    this.doc.on('update', this.onDocUpdate);
  }

  /**
   * Validates and applies an update from a socket. Resolves once the resulting change is stored
   * (and relayed); rejects with InvalidUpdateError, leaving the document untouched, if it breaks
   * the board model.
   *
   * The updates received during one turn of the event loop are applied in one transaction, stored
   * as one update and relayed as one. A Yjs transaction costs time in proportion to the number of
   * clients that ever edited the board (it takes the state vector before and after), and that
   * number only grows, so batching pays more the busier the board is (the larger its batches).
   */
  applyUpdate(update: Uint8Array, socketId: string, limits: ValidationLimits = UPDATE_LIMITS): Promise<unknown> {
    return new Promise((applied, refused) => {
      this.incoming.push({ update, socketId, limits, applied, refused });
      if (this.incoming.length === 1) setImmediate(this.applyIncoming);
    });
  }

  /**
   * The whole board for a client that has nothing. Usually the stored form as it stands; when
   * the updates since the snapshot outweigh it, they are folded into a new snapshot first.
   */
  boardState(): BoardState {
    if (!this.state || this.state.bytes > Math.max(FOLD_GROWTH * this.state.keptBytes, MIN_FOLD_BYTES)) {
      this.state = keptState(Y.encodeStateAsUpdateV2(this.doc), []);
    }
    return { snapshot: this.state.snapshot, updates: [...this.state.updates] };
  }

  /** Resolves when everything applied so far is stored. */
  flushed(): Promise<unknown> {
    return this.lastAppend;
  }

  /** Number of updates stored since the last snapshot. */
  get updatesSinceSnapshot(): number {
    return this.lastSeq - this.snapshotSeq;
  }

  /** Applies awareness entries sent by a socket: only its own clients, in the presence schema (room-presence.ts). */
  applyAwareness(entries: readonly AwarenessEntry[], socketId: string): { dropped: number } {
    return this.presence.apply(entries, socketId);
  }

  /** Applies cursor moves sent by a socket, of its own clients only. */
  applyCursors(entries: readonly CursorEntry[], socketId: string): { dropped: number } {
    return this.presence.applyCursors(entries, socketId);
  }

  /** The full awareness of the board, for a socket that just joined (no message if nobody is there). */
  encodeFullAwareness(): Uint8Array[] {
    return this.presence.encodeFull();
  }

  /** Removes a socket and its presence (seen by the others within one awareness tick). */
  removeSocket(socketId: string): void {
    this.sockets.delete(socketId);
    if (this.destroyed) return;
    this.presence.removeSocket(socketId);
  }

  /** Folds the stored log into a snapshot once everything applied so far is stored (false: another instance is). */
  async compact(): Promise<boolean> {
    await this.lastAppend;
    const upToSeq = await this.store.compact(this.boardId, foldWithDocument(this.doc, this.outbox !== null, () => !this.storageFailed && !this.destroyed));
    if (upToSeq === null) return false;
    this.snapshotSeq = Math.max(this.snapshotSeq, upToSeq);
    this.outbox?.compacted(upToSeq);
    return true;
  }

  /**
   * The opening view of the board as this room holds it, with the sequence number it is current
   * at; null when the board is not stored, or when the room may lack something stored (another
   * instance writes the board too, or an append failed).
   */
  openingView(): { seq: number; view: Uint8Array } | null {
    if (this.lastSeq === 0 || this.outbox !== null || this.storageFailed || this.destroyed) return null;
    return { seq: this.lastSeq, view: encodeOpeningView(this.doc) };
  }

  /** Another instance folded the stored log up to `upToSeq`: this one need not fold it again. */
  noteCompacted(upToSeq: number): void {
    this.snapshotSeq = Math.max(this.snapshotSeq, upToSeq);
    this.lastSeq = Math.max(this.lastSeq, upToSeq);
  }

  /**
   * Applies an update another instance accepted and stored (it is not stored again, and not sent
   * back). Returns false if it builds on something this room lacks (a relay message was lost):
   * the caller then catches up from the store, which holds everything any instance accepted.
   */
  applyRemoteUpdate(update: Uint8Array, seq: number, instanceId: string): boolean {
    if (this.destroyed) return true;
    this.lastSeq = Math.max(this.lastSeq, seq);
    try {
      Y.applyUpdate(this.doc, update, { remote: instanceId } satisfies RemoteOrigin);
    } catch {
      return false;
    }
    return this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null;
  }

  /** Applies what the store has that this room lacks (after a relay gap, an outage, an instance gone). */
  catchUp(stored: StoredBoard): void {
    if (this.destroyed) return;
    const storedDoc = decodeStoredBoard(stored);
    const missing = Y.encodeStateAsUpdate(storedDoc, Y.encodeStateVector(this.doc));
    storedDoc.destroy();
    Y.applyUpdate(this.doc, missing, { remote: 'store' } satisfies RemoteOrigin);
    this.lastSeq = Math.max(this.lastSeq, stored.lastSeq);
    this.snapshotSeq = Math.max(this.snapshotSeq, stored.lastSeq - stored.updates.length);
  }

  /** Applies the presence of people on another instance (room-presence.ts says whose ids win). */
  applyRemotePresence(instanceId: string, full: readonly AwarenessEntry[], cursors: readonly CursorEntry[]): void {
    if (this.destroyed) return;
    this.presence.applyRemote(instanceId, full, cursors);
  }

  /** Another instance is gone (or out of reach): its people leave this board. */
  dropInstance(instanceId: string): void {
    this.removeSocket(remoteSocketId(instanceId));
  }

  /** The full presence of this instance's own people, for an instance that asks (null if none). */
  localPresence(): Uint8Array | null {
    return this.presence.local();
  }

  destroy(): void {
    this.destroyed = true;
    for (const entry of this.incoming.splice(0)) entry.refused(new Error('the board was closed'));
    this.fanOut.destroy();
    this.presence.destroy();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly applyIncoming = (): void => {
    const origin: UpdateBatch = { senders: new Set() };
    const applied: IncomingUpdate[] = [];
    this.currentAppend = null;
    const started = performance.now();
    let work = 0;
    let taken = 0;
    this.doc.transact(() => {
      // Up to a transaction's worth of merge work: Yjs merges what the batch deleted when it
      // ends, at a cost that grows faster than the batch (MERGE_WORK_PER_TRANSACTION).
      while (taken < this.incoming.length && work < MERGE_WORK_PER_TRANSACTION) {
        const entry = this.incoming[taken++]!;
        try {
          work += validateUpdate(this.doc, entry.update, { limits: entry.limits }).work;
          Y.applyUpdate(this.doc, entry.update);
        } catch (error) {
          entry.refused(error instanceof InvalidUpdateError ? error : new InvalidUpdateError('the update could not be applied'));
          continue;
        }
        origin.senders.add(entry.socketId);
        applied.push(entry);
      }
    }, origin);
    this.incoming.splice(0, taken);
    recordUpdateApply(secondsSince(started));
    const stored = this.currentAppend ?? Promise.resolve();
    this.currentAppend = null;
    for (const entry of applied) entry.applied(stored);
    // The rest in a later turn, after what else waits (`applyUpdate` schedules only a first one).
    if (this.incoming.length > 0) setImmediate(this.applyIncoming);
  };

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const senders = isUpdateBatch(origin) ? origin.senders : new Set<string>();
    if (this.state) {
      this.state.updates.push(update);
      this.state.bytes += update.byteLength;
      // Memory stays bounded on a long session: past this, the state is rebuilt when next asked.
      if (this.state.bytes > DROP_GROWTH * this.state.keptBytes + DROP_EXTRA_BYTES) this.state = null;
    }
    // Stored already, by the instance that accepted it: only this instance's sockets need it.
    if (isRemoteOrigin(origin)) {
      this.fanOut.addUpdate(update, senders);
      return;
    }
    const appendStarted = performance.now();
    const appended = this.store.append(this.boardId, update).then(
      (seq) => {
        recordStoreAppend(secondsSince(appendStarted));
        this.lastSeq = Math.max(this.lastSeq, seq);
        this.fanOut.addUpdate(update, senders);
        // Stored before it is published: an instance that loads the board meanwhile misses nothing.
        this.outbox?.updateStored(update, seq);
      },
      (error: unknown) => {
        if (!this.storageFailed) {
          this.storageFailed = true;
          this.onStorageFailed(error);
        }
        throw error;
      },
    );
    this.currentAppend = appended;
    this.lastAppend = this.lastAppend.then(() => appended).catch(() => undefined);
  };
}
