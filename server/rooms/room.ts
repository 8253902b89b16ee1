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
import {
  type AwarenessEntry,
  type BoardState,
  type CursorEntry,
  type ProtocolErrorCode,
  encodeAwarenessEntries,
  encodeCursorEntries,
  fanOutTickMs,
  MAX_PRESENCE_CLIENTS_PER_CONNECTION,
  MERGE_WORK_PER_TRANSACTION,
} from '../../lib/protocol';
import { applyCursorEntries, cursorEntryOf } from '../../lib/presence/cursor-updates';
import { parsePresenceState } from '../../lib/presence/schema';
import type { DocStore, StoredBoard } from '../store/doc-store';
import { decodeStoredBoard } from '../store/stored-doc';
import { InvalidUpdateError, UPDATE_LIMITS, type ValidationLimits, validateUpdate } from '../security/update-validator';
import { awarenessMessages } from './awareness-messages';
import { foldWithDocument } from './open-compaction';
import { CursorSettling } from './cursor-settling';
import { FanOut, type PresenceBatch, type Tick } from './fan-out';
import { recordStoreAppend, recordUpdateApply, secondsSince } from '../metrics/metrics';
import { DROP_EXTRA_BYTES, DROP_GROWTH, FOLD_GROWTH, type KeptState, keptState, MIN_FOLD_BYTES } from './kept-state';
import { type AwarenessOrigin, type CursorsOrigin, isAwarenessOrigin, isCursorsOrigin, isRemoteOrigin, isUpdateBatch, type UpdateBatch } from './origins';
import { isRemoteSocket, type RemoteOrigin, remoteSocketId, type RoomOutbox } from './room-outbox';

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

  private readonly clientsBySocket = new Map<string, Set<number>>();
  /** Ids another socket owns, claimed by a socket (the last claim of each): see applyAwareness. */
  private readonly claims = new Map<number, { socketId: string; entry: AwarenessEntry }>();
  private readonly socketByClient = new Map<number, string>();
  /** Clients whose presence changed this tick beyond the cursor, and those who only moved. */
  private readonly changedStates = new Set<number>();
  private readonly movedCursors = new Set<number>();
  /** This instance's own people whose presence changed this tick (full, or the cursor alone), for the outbox. */
  private readonly relayStates = new Set<number>();
  private readonly relayCursors = new Set<number>();
  /** Positions sent only as droppable cursor entries, sent again reliably once people stop. */
  private readonly cursorSettling = new CursorSettling(() => this.fanOut.presenceChanged());
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
      () => this.takePresence(),
      () => fanOutTickMs(this.sockets.size),
    );
    this.state = keptState(stored?.snapshot ?? null, stored?.updates ?? []);
    this.lastSeq = stored?.lastSeq ?? 0;
    this.snapshotSeq = stored ? stored.lastSeq - stored.updates.length : 0;
    if (stored) decodeStoredBoard(stored, this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
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

  /**
   * Applies awareness entries sent by a socket. A connection may set and remove only the clients
   * it introduced, at most MAX_PRESENCE_CLIENTS_PER_CONNECTION of them; entries for any other
   * client are dropped, whatever their clock (a newer clock for someone else's client would
   * otherwise rename that person for everyone). A state that does not match the presence schema
   * is dropped too (the others never see it); the rest is cleaned (names clamped) and applied.
   * The clients' presence goes when the socket goes.
   *
   * Stock Yjs providers send back every state they receive: those entries are other sockets'
   * clients, so they are dropped. A browser that reconnects before the server noticed its old
   * socket drop claims its own id from a new socket: the last such claim is kept (one per id, and
   * within the new socket's count) and takes effect when the owner goes, never before.
   */
  applyAwareness(entries: readonly AwarenessEntry[], socketId: string): { dropped: number } {
    const owned = this.clientsBySocket.get(socketId)?.size ?? 0;
    const introduced = new Set<number>();
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      const owner = this.socketByClient.get(entry.clientID);
      if (owner !== undefined && owner !== socketId) {
        const claims = [...this.claims.values()].filter((claim) => claim.socketId === socketId && claim.entry.clientID !== entry.clientID).length;
        if (entry.state !== null && owned + claims < MAX_PRESENCE_CLIENTS_PER_CONNECTION) this.claims.set(entry.clientID, { socketId, entry });
        continue;
      }
      const isNew = owner === undefined;
      if (isNew && (entry.state === null || (!introduced.has(entry.clientID) && owned + introduced.size >= MAX_PRESENCE_CLIENTS_PER_CONNECTION))) continue;
      const state = entry.state === null ? null : parsePresenceState(entry.state);
      if (entry.state !== null && !state) continue;
      if (isNew) introduced.add(entry.clientID);
      accepted.push({ ...entry, state });
    }
    for (const clientID of introduced) this.own(socketId, clientID);
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), { socketId });
    }
    return { dropped: entries.length - accepted.length };
  }

  /**
   * Applies cursor moves sent by a socket. Only the socket's own clients move, and only those
   * whose full state the room has; other entries are dropped.
   */
  applyCursors(entries: readonly CursorEntry[], socketId: string): { dropped: number } {
    const owned = entries.filter((entry) => this.socketByClient.get(entry.clientID) === socketId);
    const origin: CursorsOrigin = { socketId, cursorsOnly: true };
    const applied = owned.length > 0 ? applyCursorEntries(this.awareness, owned, origin) : [];
    return { dropped: entries.length - applied.length };
  }

  /** The full awareness of the board, for a socket that just joined (no message if nobody is there). */
  encodeFullAwareness(): Uint8Array[] {
    return awarenessMessages(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** Removes a socket and its presence (seen by the others within one awareness tick). */
  removeSocket(socketId: string): void {
    this.sockets.delete(socketId);
    if (this.destroyed) return;
    const clients = this.clientsBySocket.get(socketId);
    this.clientsBySocket.delete(socketId);
    for (const [clientID, claim] of this.claims) if (claim.socketId === socketId) this.claims.delete(clientID);
    if (!clients) return;
    for (const clientID of clients) this.socketByClient.delete(clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], { socketId });
    // Ids claimed by another socket meanwhile (their browser reconnected) go to it now.
    for (const clientID of clients) {
      const claim = this.claims.get(clientID);
      if (!claim) continue;
      this.claims.delete(clientID);
      const clock = Math.max(claim.entry.clock, (this.awareness.meta.get(clientID)?.clock ?? 0) + 1);
      this.applyAwareness([{ ...claim.entry, clock }], claim.socketId);
    }
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

  /**
   * Applies the presence of people on another instance: full states (arrivals, changes, departures)
   * and cursor moves. That instance checked them; here it owns those client ids, unless a socket of
   * this instance owns one (a browser that moved here: its own socket wins). Clocks are taken past
   * this room's, since its sockets' clients judge by this room's clocks.
   */
  applyRemotePresence(instanceId: string, full: readonly AwarenessEntry[], cursors: readonly CursorEntry[]): void {
    if (this.destroyed) return;
    const owner = remoteSocketId(instanceId);
    const nextClock = (clientID: number, clock: number) => Math.max(clock, (this.awareness.meta.get(clientID)?.clock ?? 0) + 1);
    const accepted: AwarenessEntry[] = [];
    for (const entry of full) {
      const current = this.socketByClient.get(entry.clientID);
      if (current !== undefined && current !== owner && !isRemoteSocket(current)) continue;
      if (entry.state === null) {
        if (current !== owner) continue;
        this.disown(owner, entry.clientID);
      } else if (current !== owner) {
        if (current !== undefined) this.disown(current, entry.clientID);
        this.own(owner, entry.clientID);
      }
      accepted.push({ ...entry, clock: nextClock(entry.clientID, entry.clock) });
    }
    if (accepted.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), { socketId: owner } satisfies AwarenessOrigin);
    const moved = cursors.filter((entry) => this.socketByClient.get(entry.clientID) === owner).map((entry) => ({ ...entry, clock: nextClock(entry.clientID, entry.clock) }));
    if (moved.length > 0) applyCursorEntries(this.awareness, moved, { socketId: owner, cursorsOnly: true } satisfies CursorsOrigin);
  }

  /** Another instance is gone (or out of reach): its people leave this board. */
  dropInstance(instanceId: string): void {
    this.removeSocket(remoteSocketId(instanceId));
  }

  /** The full presence of this instance's own people, for an instance that asks (null if none). */
  localPresence(): Uint8Array | null {
    const local = [...this.socketByClient].filter(([clientID, socketId]) => !isRemoteSocket(socketId) && this.awareness.meta.has(clientID)).map(([clientID]) => clientID);
    return local.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, local) : null;
  }

  destroy(): void {
    this.destroyed = true;
    for (const entry of this.incoming.splice(0)) entry.refused(new Error('the board was closed'));
    this.fanOut.destroy();
    this.cursorSettling.destroy();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private disown(socketId: string, clientID: number): void {
    this.socketByClient.delete(clientID);
    this.clientsBySocket.get(socketId)?.delete(clientID);
  }

  private own(socketId: string, clientID: number): void {
    this.socketByClient.set(clientID, socketId);
    let clients = this.clientsBySocket.get(socketId);
    if (!clients) this.clientsBySocket.set(socketId, (clients = new Set()));
    clients.add(clientID);
  }

  private readonly applyIncoming = (): void => {
    const origin: UpdateBatch = { senders: new Set() };
    const applied: IncomingUpdate[] = [];
    this.currentAppend = null;
    const started = performance.now();
    let work = 0;
    this.doc.transact(() => {
      // Up to a transaction's worth of merge work: Yjs merges what the batch deleted when it
      // ends, at a cost that grows faster than the batch (MERGE_WORK_PER_TRANSACTION).
      while (this.incoming.length > 0 && work < MERGE_WORK_PER_TRANSACTION) {
        const entry = this.incoming.shift()!;
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

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    // What this instance's own sockets changed goes to the other instances too, once per tick.
    if (this.outbox && isAwarenessOrigin(origin) && !isRemoteSocket(origin.socketId)) {
      if (isCursorsOrigin(origin)) for (const id of updated) this.relayCursors.add(id);
      else for (const id of [...added, ...updated, ...removed]) this.relayStates.add(id);
    }
    if (isCursorsOrigin(origin)) {
      for (const id of updated) this.movedCursors.add(id);
      this.cursorSettling.moved(updated);
    } else {
      for (const id of [...added, ...updated, ...removed]) this.changedStates.add(id);
    }
    if (this.changedStates.size > 0 || this.movedCursors.size > 0) this.fanOut.presenceChanged();
  };

  /** Hands the tick's presence changes of this instance's own people to the outbox. */
  private relayPresence(): void {
    if (!this.outbox || (this.relayStates.size === 0 && this.relayCursors.size === 0)) return;
    const full = [...this.relayStates];
    const cursors = [...this.relayCursors].filter((id) => !this.relayStates.has(id)).flatMap((id) => cursorEntryOf(this.awareness, id) ?? []);
    this.relayStates.clear();
    this.relayCursors.clear();
    this.outbox.presenceChanged(full.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, full) : null, cursors.length > 0 ? encodeCursorEntries(cursors) : null);
  }

  private takePresence(): PresenceBatch | null {
    this.relayPresence();
    const full = [...this.changedStates];
    // A full state carries the cursor too, reliably.
    for (const id of full) this.cursorSettling.forget(id);
    const settledIds = this.cursorSettling.takeSettled();
    const settled = settledIds.length > 0;
    const moved = [...new Set([...this.movedCursors, ...settledIds])].filter((id) => !this.changedStates.has(id));
    this.changedStates.clear();
    this.movedCursors.clear();
    if (full.length === 0 && moved.length === 0) return null;
    const cursors = moved.flatMap((id) => cursorEntryOf(this.awareness, id) ?? []);
    let standard: Uint8Array[] | null = null;
    const clients = [...full, ...moved];
    return {
      full: full.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, full) : null,
      cursors: cursors.length > 0 ? encodeCursorEntries(cursors) : null,
      mayDrop: full.length === 0 && !settled,
      clients,
      standard: (alsoClients = []) =>
        alsoClients.length === 0 ? (standard ??= awarenessMessages(this.awareness, clients)) : awarenessMessages(this.awareness, [...new Set([...clients, ...alsoClients])]),
    };
  }
}
