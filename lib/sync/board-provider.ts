/**
 * The client side of sync: binds a Y.Doc and an Awareness to one Socket.IO connection for one
 * board, and opens the board: it connects while the browser's copy, if one is kept, loads, and
 * answers the server only once the copy is in the doc (local-copy.ts). Framework-free: the
 * browser, integration tests and benchmarks all use it as is.
 *
 * - On every (re)connect it sends sync step 1 (its state vector); the server answers with step 2
 *   (what the client lacks) and its own step 1, which the client answers with what the server
 *   lacks, once its local copy has loaded and the server's step 2 is in. Edits made while
 *   disconnected therefore reach the server without a separate queue; a large deletion among them
 *   follows the step 2 in parts (outgoing-parts.ts), told apart by the server's step 2, which
 *   lists what the server has deleted.
 * - The provider is `synced` once it has applied the server's step 2 (or, when it started empty,
 *   the board state the server sends instead: the board as stored, applied in one transaction).
 * - It sends only its own awareness changes, throttled, never the remote ones it applies; a change
 *   of the cursor alone goes as a compact cursor entry (lib/protocol/cursors.ts).
 * - Others' edits, presence and cursor moves arrive together, once per server tick (tick.ts).
 */
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  AWARENESS_EVENT,
  type BoardState,
  type ClientToServerEvents,
  CURSORS_EVENT,
  encodeSyncStep1,
  encodeSyncStep2FromUpdate,
  ERROR_EVENT,
  type ProtocolError,
  type ServerToClientEvents,
  SYNC_EVENT,
  TICK_EVENT,
} from '../protocol';
import { openBoardSocket } from './board-socket';
import { CopyLoading, type LocalCopy } from './local-copy';
import { transactionParts } from './outgoing-parts';
import { OutgoingUpdates } from './outgoing-updates';
import { OwnAwarenessSender } from './own-awareness';
import { isFinalRefusal, ServerCloseRetry } from './server-close';
import { ServerStep1 } from './server-step1';
import { applyAwarenessFrame, applyBoardState, applyTickFrame, decodeSyncFrame, dropRemoteAwareness, type ServerFrame } from './server-frames';

/**
 * - `connecting`: trying to reach the server (first attempt or after a drop);
 * - `connected`: the socket is open, the first sync exchange is under way;
 * - `synced`: the server's state has been applied; local edits flow both ways;
 * - `offline`: not connected and not trying (stopped, or the network is reported down).
 */
export type ProviderStatus = 'connecting' | 'connected' | 'synced' | 'offline';

export interface BoardProviderOptions {
  /** The server's origin, e.g. `http://127.0.0.1:3000`; in a browser, `location.origin`. */
  url: string;
  boardId: string;
  /** The board's owner, edit or view token (lib/access); none for a bare link. */
  token?: string | null;
  doc: Y.Doc;
  awareness?: awarenessProtocol.Awareness;
  /** Connect at once (default true). */
  connect?: boolean;
  /** Extra Socket.IO options (tests pass `extraHeaders`, benchmarks `forceNew`). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
  /** The board's copy in this browser: loaded before the provider answers the server (see local-copy.ts). */
  localCopy?: LocalCopy;
}

type Listener<T> = (value: T) => void;

export class BoardProvider {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly boardId: string;
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  private currentStatus: ProviderStatus = 'offline';
  private networkOnline = true;
  private wantConnected = false;
  /**
   * Whether this connection has sent its sync step 2 (what the server lacked). Until then local
   * edits are not sent one by one: they would reach the server before the step 2 they build on,
   * and the step 2, computed when it is sent, carries them anyway.
   */
  private sentStep2 = false;
  private readonly ownAwareness: OwnAwarenessSender;
  private readonly outgoing: OutgoingUpdates;
  /** The reason the server gave before it closed the connection, if it did. */
  private refusal: ProtocolError | null = null;
  private readonly retry = new ServerCloseRetry();
  private readonly statusListeners = new Set<Listener<ProviderStatus>>();
  private readonly errorListeners = new Set<Listener<ProtocolError>>();
  private readonly syncedWaiters = new Set<() => void>();
  private readonly localCopy: LocalCopy | undefined;
  /** The local copy's load, while the answer to the server's step 1 waits for it. */
  private readonly copyLoading: CopyLoading | null;
  /** The server's step 1 on this connection, answered once the local copy and the server's step 2 are in. */
  private readonly serverStep1 = new ServerStep1();

  constructor(options: BoardProviderOptions) {
    this.doc = options.doc;
    this.localCopy = options.localCopy;
    this.boardId = options.boardId;
    this.awareness = options.awareness ?? new awarenessProtocol.Awareness(options.doc);
    this.socket = openBoardSocket(options.url, options.boardId, options.token, options.socketOptions);

    const socket = this.socket;
    this.outgoing = new OutgoingUpdates((message, answered) => socket.emit(SYNC_EVENT, message, (result) => answered(result?.ok === true)));
    this.ownAwareness = new OwnAwarenessSender(this.awareness, {
      get connected() {
        return socket.connected;
      },
      // Edits go first: presence that follows an edit (a preview cleared as its gesture is
      // committed) must not reach the others before it.
      sendAwareness: (update) => {
        this.sendUnsentUpdates();
        socket.emit(AWARENESS_EVENT, update);
      },
      sendCursors: (entries) => {
        this.sendUnsentUpdates();
        socket.emit(CURSORS_EVENT, entries);
      },
    });

    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on(SYNC_EVENT, this.onSyncMessage);
    this.socket.on(AWARENESS_EVENT, this.onAwarenessMessage);
    this.socket.on(TICK_EVENT, this.onTick);
    this.socket.on(ERROR_EVENT, this.onProtocolError);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);

    this.copyLoading = options.localCopy ? new CopyLoading(options.localCopy, this.answerServerStep1) : null;
    if (options.connect !== false) this.connect();
  }

  get status(): ProviderStatus {
    return this.currentStatus;
  }

  /** Whether the socket is open right now (false from the moment it drops). */
  get connected(): boolean {
    return this.socket.connected;
  }

  get synced(): boolean {
    return this.currentStatus === 'synced';
  }

  /** Local edits not yet acknowledged as stored by the server (0: every local edit is stored). */
  get pendingUpdates(): number {
    return this.outgoing.pending;
  }

  /** Connects and keeps reconnecting until `disconnect()`. */
  connect(): void {
    this.wantConnected = true;
    if (this.socket.connected) return;
    if (!this.networkOnline) {
      // Connects when the network is back (`setNetworkOnline(true)`).
      this.setStatus('offline');
      return;
    }
    this.setStatus('connecting');
    this.socket.connect();
  }

  /** Closes the connection and stops retrying; edits stay in the doc and sync on `connect()`. */
  disconnect(): void {
    this.wantConnected = false;
    this.retry.cancel();
    this.socket.disconnect();
    dropRemoteAwareness(this.awareness, this);
    this.setStatus('offline');
  }

  /**
   * Tells the provider what the browser knows of the network (`online`/`offline` events). Offline,
   * an open socket is closed at once rather than left to time out (a dead connection can take the
   * ping timeout, about 45 s, to notice) and no retry is made; edits keep collecting in the doc.
   * Online again, it reconnects at once rather than waiting out the current backoff.
   */
  setNetworkOnline(online: boolean): void {
    if (online === this.networkOnline) return;
    this.networkOnline = online;
    if (!online) {
      if (this.socket.active) this.socket.disconnect();
      this.setStatus('offline');
    } else if (this.wantConnected) {
      this.retry.cancel();
      this.setStatus('connecting');
      this.socket.disconnect();
      this.socket.connect();
    }
  }

  /** Sends the own awareness now if a throttled send is pending (a gesture ended, a page hides). */
  flushAwareness(): void {
    this.ownAwareness.schedule.flush();
  }

  onStatus(listener: Listener<ProviderStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onError(listener: Listener<ProtocolError>): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  /** Resolves when the provider is synced (at once if it is). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncedWaiters.add(resolve));
  }

  destroy(): void {
    this.wantConnected = false;
    this.copyLoading?.cancel();
    this.ownAwareness.schedule.cancel();
    this.retry.cancel();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.setStatus('offline');
    this.statusListeners.clear();
    this.errorListeners.clear();
  }

  private setStatus(status: ProviderStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const listener of this.statusListeners) listener(status);
    if (status === 'synced') {
      for (const resolve of this.syncedWaiters) resolve();
      this.syncedWaiters.clear();
    }
  }

  private readonly onConnect = (): void => {
    this.resetSync();
    this.ownAwareness.reset();
    this.setStatus('connected');
    this.socket.emit(SYNC_EVENT, encodeSyncStep1(this.doc));
    // Renewed, so that its clock is newer than any the server has: the server then hands this
    // client's presence to the new socket even if it has not noticed the old one drop yet.
    const state = this.awareness.getLocalState();
    if (state !== null) this.awareness.setLocalState(state);
  };

  private readonly onDisconnect = (reason: string): void => {
    this.outgoing.connectionLost();
    this.resetSync();
    dropRemoteAwareness(this.awareness, this);
    const refusal = this.refusal;
    this.refusal = null;
    if (this.wantConnected && reason === 'io server disconnect') {
      if (isFinalRefusal(refusal?.code)) this.wantConnected = false;
      else this.retry.schedule(this.reconnectAfterServerClose, refusal?.code);
    }
    if (!this.wantConnected) this.setStatus('offline');
    else this.setStatus(this.networkOnline ? 'connecting' : 'offline');
  };

  private readonly reconnectAfterServerClose = (): void => {
    if (this.wantConnected && this.networkOnline && !this.socket.active) this.socket.connect();
  };

  /** A refusal at the handshake (no access, a reset link) carries its reason in `data`. */
  private readonly onConnectError = (error: Error & { data?: Partial<ProtocolError> }): void => {
    const refusal = error.data;
    if (refusal?.code && isFinalRefusal(refusal.code)) {
      this.wantConnected = false;
      this.setStatus('offline');
      for (const listener of this.errorListeners) listener({ code: refusal.code, message: refusal.message ?? error.message });
      return;
    }
    if (!this.wantConnected) return;
    this.setStatus(this.networkOnline ? 'connecting' : 'offline');
    // A refusal at the handshake (the server is busy or shutting down), unlike a network
    // failure, ends socket.io-client's own retries: the provider retries after its backoff.
    if (!this.socket.active) this.retry.schedule(this.reconnectAfterServerClose, refusal?.code);
  };

  private readonly onSyncMessage = (frame: ServerFrame): void => {
    const message = decodeSyncFrame(frame);
    switch (message?.type) {
      case 'step1':
        this.serverStep1.received(message.stateVector);
        this.answerServerStep1();
        break;
      case 'step2':
        Y.applyUpdate(this.doc, message.update, this);
        this.serverStep1.answered(message.update);
        this.afterServerBoard();
        break;
      case 'state':
        this.applyWholeBoard(message);
        this.serverStep1.answered(null);
        this.afterServerBoard();
        break;
      case 'update':
        Y.applyUpdate(this.doc, message.update, this);
        break;
    }
  };

  private resetSync(): void {
    this.sentStep2 = false;
    this.serverStep1.reset();
  }

  /** The server's board is in: the local copy, if still loading, had its callbacks held back meanwhile. */
  private afterServerBoard(): void {
    this.copyLoading?.extend();
    this.retry.reset();
    this.setStatus('synced');
    this.answerServerStep1();
  }

  /**
   * Answers the server's step 1 with what it lacks, edits made offline and the local copy's
   * included, once the copy has loaded and both of the server's sync messages are in (server-step1.ts).
   */
  private readonly answerServerStep1 = (): void => {
    if (this.copyLoading?.waiting || !this.socket.connected) return;
    const answer = this.serverStep1.take(this.doc);
    if (!answer) return;
    this.sendUnsentUpdates();
    this.outgoing.sendStep2(encodeSyncStep2FromUpdate(answer.step2), answer.following);
    this.sentStep2 = true;
  };

  /** A whole board applied with nobody listening to the doc's updates (local-copy.ts). */
  private applyWholeBoard(state: BoardState): void {
    this.localCopy?.standAside();
    this.doc.off('update', this.onDocUpdate);
    try {
      applyBoardState(this.doc, state, this);
    } finally {
      this.doc.on('update', this.onDocUpdate);
      this.localCopy?.takeBoard();
    }
  }

  private readonly onAwarenessMessage = (frame: ServerFrame): void => applyAwarenessFrame(this.awareness, frame, this);

  private readonly onTick = (frame: ServerFrame): void => applyTickFrame(this.doc, this.awareness, frame, this);

  private readonly onProtocolError = (error: ProtocolError): void => {
    this.refusal = error;
    // Reconnecting to a deleted board would bring it back from this client's copy.
    if (error.code === 'board-deleted') this.disconnect();
    for (const listener of this.errorListeners) listener(error);
  };

  /** Whether local edits can go out one by one now (else the next step 2 carries them). */
  private get live(): boolean {
    return this.socket.connected && this.sentStep2;
  }

  /**
   * Remote updates were applied with `this` as origin; only local edits go out, those of one task
   * (a script's loop of small transactions) merged (outgoing-updates.ts), one that adds or deletes
   * too much for one update in parts of its own (outgoing-parts.ts). While disconnected nothing is
   * queued: the state-vector exchange on reconnect sends the difference.
   */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction): void => {
    if (origin === this) return;
    const parts = this.live ? transactionParts(update, transaction) : null;
    if (!parts) {
      if (this.outgoing.add(update, this.live)) queueMicrotask(this.sendUnsentUpdates);
      return;
    }
    let first = false;
    for (const part of parts) first = this.outgoing.add(part, true, true) || first;
    if (first) queueMicrotask(this.sendUnsentUpdates);
  };

  private readonly sendUnsentUpdates = (): void => this.outgoing.flush(this.live);

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin !== 'local') return;
    const own = this.awareness.clientID;
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    this.ownAwareness.schedule();
  };
}
