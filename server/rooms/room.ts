/**
 * One open board: its Y.Doc, its Awareness and the sockets on it.
 *
 * Updates are appended to the store before they are acknowledged or relayed, so nobody ever sees
 * an edit that a crash could still lose. Both stored updates and awareness changes are gathered
 * per tick and sent as one message to everyone, instead of one message per change per peer.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { getShapesMap } from '../../lib/board/doc';
import { throttle } from '../../lib/collab/throttle';
import { type AwarenessEntry, fanOutTickMs, type BoardState, encodeAwarenessEntries } from '../../lib/protocol';
import { parsePresenceState } from '../../lib/presence/schema';
import type { DocStore, StoredBoard } from '../store/doc-store';
import { validateUpdate } from '../security/update-validator';
import { UpdateRelay } from './update-relay';

/** How a room reaches its sockets; the sync layer provides it. */
export interface RoomTransport {
  /** Sends a document update to every socket of the board except `exceptSocketId`. */
  broadcastUpdate(boardId: string, update: Uint8Array, exceptSocketId: string | null): void;
  /**
   * Sends an awareness update to every socket of the board. Volatile unless `reliable`: a lost
   * cursor position is superseded by the next one, but a departure must arrive.
   */
  broadcastAwareness(boardId: string, update: Uint8Array, reliable: boolean): void;
}

/** Who applied a change: a socket id, or the server itself (loading, restoring). */
export interface UpdateOrigin {
  socketId: string;
}

/**
 * The kept state is sent as it is until edits have doubled its size (and passed MIN_FOLD_BYTES);
 * then it is folded into a fresh snapshot first, so that clients are not sent a long history of
 * moves. Past DROP_GROWTH times its size plus DROP_EXTRA_BYTES it is dropped (rebuilt on demand).
 */
const FOLD_GROWTH = 2;
const MIN_FOLD_BYTES = 256 * 1024;
const DROP_GROWTH = 4;
const DROP_EXTRA_BYTES = 8 * 1024 * 1024;

interface KeptState extends BoardState {
  /** Bytes of the snapshot and updates together. */
  bytes: number;
  /** `bytes` when the state was last built from the store or folded. */
  keptBytes: number;
}

function keptState(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): KeptState {
  const bytes = updates.reduce((sum, update) => sum + update.byteLength, snapshot?.byteLength ?? 0);
  return { snapshot, updates: [...updates], bytes, keptBytes: bytes };
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
  private readonly socketByClient = new Map<number, string>();
  private readonly changedClients = new Set<number>();
  /** Whether a client in `changedClients` left (its removal must not be sent volatile). */
  private departures = false;
  private readonly sendAwarenessSoon = throttle(
    () => this.flushAwareness(),
    () => fanOutTickMs(this.sockets.size),
  );
  private readonly relay: UpdateRelay;
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
    private readonly transport: RoomTransport,
    stored: StoredBoard | null,
  ) {
    getShapesMap(this.doc);
    this.relay = new UpdateRelay(
      (update, exceptSocketId) => transport.broadcastUpdate(boardId, update, exceptSocketId),
      () => fanOutTickMs(this.sockets.size),
    );
    this.state = keptState(stored?.snapshot ?? null, stored?.updates ?? []);
    this.lastSeq = stored?.lastSeq ?? 0;
    this.snapshotSeq = stored ? stored.lastSeq - stored.updates.length : 0;
    if (stored) {
      this.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdateV2(this.doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(this.doc, update);
      });
    }
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Validates and applies an update from a socket. Resolves once the resulting change is stored
   * (and relayed); rejects with InvalidUpdateError, leaving the document untouched, if it breaks
   * the board model.
   */
  applyUpdate(update: Uint8Array, origin: UpdateOrigin): Promise<unknown> {
    validateUpdate(this.doc, update);
    this.currentAppend = null;
    Y.applyUpdate(this.doc, update, origin);
    const appended = this.currentAppend ?? Promise.resolve();
    this.currentAppend = null;
    return appended;
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
   * Applies awareness entries sent by a socket. A state that does not match the presence schema is
   * dropped (the others never see it); the rest is cleaned (names clamped) and applied. The
   * socket becomes the owner of those clients, so their presence goes when it goes. A client that
   * reconnects may claim its id before the server has noticed its old socket drop: the newest
   * socket wins.
   */
  applyAwareness(entries: readonly AwarenessEntry[], socketId: string): { dropped: number } {
    const accepted: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (entry.state === null) {
        accepted.push(entry);
        continue;
      }
      const state = parsePresenceState(entry.state);
      if (state) accepted.push({ ...entry, state });
    }
    for (const { clientID } of accepted) this.own(socketId, clientID);
    if (accepted.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), { socketId });
    }
    return { dropped: entries.length - accepted.length };
  }

  /** The full awareness of the board, for a socket that just joined (null if nobody is there). */
  encodeFullAwareness(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()];
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** Removes a socket and its presence (seen by the others within one awareness tick). */
  removeSocket(socketId: string): void {
    this.sockets.delete(socketId);
    const clients = this.clientsBySocket.get(socketId);
    this.clientsBySocket.delete(socketId);
    if (!clients) return;
    for (const clientID of clients) this.socketByClient.delete(clientID);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], { socketId });
  }

  /** Folds the stored log into a snapshot once everything applied so far is stored. */
  async compact(): Promise<void> {
    await this.lastAppend;
    const upToSeq = await this.store.compact(this.boardId);
    if (upToSeq !== null) this.snapshotSeq = Math.max(this.snapshotSeq, upToSeq);
  }

  destroy(): void {
    this.sendAwarenessSoon.cancel();
    this.relay.destroy();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private own(socketId: string, clientID: number): void {
    const previous = this.socketByClient.get(clientID);
    if (previous !== undefined && previous !== socketId) this.clientsBySocket.get(previous)?.delete(clientID);
    this.socketByClient.set(clientID, socketId);
    let clients = this.clientsBySocket.get(socketId);
    if (!clients) this.clientsBySocket.set(socketId, (clients = new Set()));
    clients.add(clientID);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const socketId = isUpdateOrigin(origin) ? origin.socketId : null;
    if (this.state) {
      this.state.updates.push(update);
      this.state.bytes += update.byteLength;
      // Memory stays bounded on a long session: past this, the state is rebuilt when next asked.
      if (this.state.bytes > DROP_GROWTH * this.state.keptBytes + DROP_EXTRA_BYTES) this.state = null;
    }
    const appended = this.store.append(this.boardId, update).then((seq) => {
      this.lastSeq = Math.max(this.lastSeq, seq);
      this.relay.add(update, socketId);
    });
    this.currentAppend = appended;
    this.lastAppend = this.lastAppend.then(() => appended).catch(() => undefined);
  };

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }): void => {
    for (const id of added) this.changedClients.add(id);
    for (const id of updated) this.changedClients.add(id);
    for (const id of removed) this.changedClients.add(id);
    if (removed.length > 0) this.departures = true;
    if (this.changedClients.size > 0) this.sendAwarenessSoon();
  };

  private flushAwareness(): void {
    const clients = [...this.changedClients];
    const reliable = this.departures;
    this.changedClients.clear();
    this.departures = false;
    if (clients.length === 0) return;
    this.transport.broadcastAwareness(this.boardId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients), reliable);
  }
}

function isUpdateOrigin(origin: unknown): origin is UpdateOrigin {
  return typeof origin === 'object' && origin !== null && typeof (origin as UpdateOrigin).socketId === 'string';
}
