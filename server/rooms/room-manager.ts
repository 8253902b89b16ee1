/**
 * Keeps the open boards: loads each board once however many sockets join at once, and unloads it
 * (stored first, compacted when its log has grown) once its last socket has been gone a moment.
 * When a board's decoding may start is board-opening.ts's policy.
 */
import type { Logger } from '../log';
import { MAX_BOARDS_IN_MEMORY, MAX_SOCKETS_PER_BOARD } from '../../lib/protocol';
import { BoardDeletedError, type DocStore } from '../store/doc-store';
import { type AutoVersionPolicy, AutoVersioner } from './auto-versions';
import { BoardLoad, type BoardOpening, type BoardWhereabouts, openBoard } from './board-opening';
import { type OpenCompactionPolicy, OpenCompactor } from './open-compaction';
import { recordCompaction } from '../metrics/metrics';
import { Room, type RoomTransport } from './room';
import type { RoomOutbox } from './room-outbox';

/**
 * Other instances serving the same boards (server/relay/); none for an instance alone. A board
 * being loaded is opened on the feed first, and read from the store once the feed is `ready`, so
 * that nothing another instance stores meanwhile is missed: the feed holds what arrives until the
 * room is attached, then applies it.
 */
export interface BoardFeed {
  open(boardId: string): BoardFeedHandle;
  /** Whether this instance keeps the automatic version due now (several see the same edits). */
  claimVersion(boardId: string): Promise<boolean>;
}

export interface BoardFeedHandle extends RoomOutbox {
  /** Resolves once changes from other instances are being gathered (or the feed gave up for now). */
  ready: Promise<void>;
  /** The room is built from the store: apply what arrived meanwhile, and pass on what follows. */
  attach(room: Room): void;
  /** The board left memory. */
  close(): void;
}

/** Where one board is now (a class: one stays for each open connection, and methods are shared). */
class Whereabouts implements BoardWhereabouts {
  constructor(
    private readonly boardId: string,
    private readonly loadingBoards: ReadonlyMap<string, Loading>,
    private readonly loadedBoards: ReadonlyMap<string, Room>,
  ) {}

  loading(): BoardLoad | undefined {
    return this.loadingBoards.get(this.boardId)?.load;
  }

  loaded(): Room | undefined {
    return this.loadedBoards.get(this.boardId);
  }
}

/** A board being loaded: how far its load is, and the room once built. */
interface Loading {
  load: BoardLoad;
  room: Promise<Room>;
}

export interface RoomManagerOptions {
  store: DocStore;
  transport: RoomTransport;
  log: Logger;
  /** Grace period before an empty room is unloaded, so that a reload does not reload from disk. */
  idleUnloadMs: number;
  /** Compact an unloading board whose log has this many updates since its last snapshot. */
  compactAfterUpdates: number;
  /** When to compact a board that stays open. */
  openCompaction: OpenCompactionPolicy;
  autoVersions: AutoVersionPolicy;
  /** MAX_SOCKETS_PER_BOARD and MAX_BOARDS_IN_MEMORY, unless configured otherwise. */
  maxSocketsPerBoard?: number;
  maxBoardsInMemory?: number;
  /** Other instances serving the same boards, if any. */
  feed?: BoardFeed;
}

/** A cap is reached (sockets on the board, boards in memory): the client may try again later. */
export class ServerBusyError extends Error {
  override name = 'ServerBusyError';
}

export class RoomManager {
  private readonly loading = new Map<string, Loading>();
  private readonly loaded = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly versioners = new Map<Room, AutoVersioner>();
  private readonly feeds = new Map<Room, BoardFeedHandle>();
  private readonly compactors = new Map<Room, OpenCompactor>();
  /** When a socket last joined or left each room: the least recently used empty room unloads first. */
  private readonly lastUsed = new Map<Room, number>();

  constructor(private readonly options: RoomManagerOptions) {}

  /** Number of boards in memory. */
  get size(): number {
    return this.loaded.size;
  }

  /** Updates in the stored logs of the boards in memory since their last snapshot (for /metrics). */
  get storedLogUpdates(): number {
    let updates = 0;
    for (const room of this.loaded.values()) updates += room.updatesSinceSnapshot;
    return updates;
  }

  /** The room of a board if it is in memory now. */
  peek(boardId: string): Room | undefined {
    return this.loaded.get(boardId);
  }

  /**
   * Opens a board for a socket: the room, with the socket added, once the board is loaded. A
   * client that may be sent the board as stored (`holdsDecoding`) holds a load under way until it
   * is answered (board-opening.ts).
   */
  join(boardId: string, socketId: string, holdsDecoding = false): BoardOpening {
    return openBoard(
      new Whereabouts(boardId, this.loading, this.loaded),
      (onLoad) => this.addSocket(boardId, socketId, onLoad),
      holdsDecoding,
    );
  }

  private async addSocket(boardId: string, socketId: string, onLoad: (load: BoardLoad) => void): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(boardId);
      if (unloading) await unloading;
      let room = this.loaded.get(boardId);
      if (!room) {
        // Loading starts in this turn unless memory must be made first (a client with nothing
        // is then sent the board as stored as soon as it is read: board-opening.ts).
        if (!this.loading.has(boardId) && this.atBoardCap()) {
          await this.makeRoomFor(boardId);
          if (this.loaded.has(boardId)) continue;
        }
        const loading = this.loading.get(boardId) ?? this.load(boardId);
        onLoad(loading.load);
        room = await loading.room;
      }
      // The room may have been unloaded while this join waited; then load it again.
      if (this.loaded.get(boardId) !== room) continue;
      const maxSockets = this.options.maxSocketsPerBoard ?? MAX_SOCKETS_PER_BOARD;
      if (room.sockets.size >= maxSockets) throw new ServerBusyError(`this board has ${maxSockets} connections already`);
      if (room.idleTimer) {
        clearTimeout(room.idleTimer);
        room.idleTimer = null;
      }
      room.sockets.add(socketId);
      this.lastUsed.set(room, Date.now());
      return room;
    }
  }

  leave(room: Room, socketId: string): void {
    room.removeSocket(socketId);
    this.lastUsed.set(room, Date.now());
    if (room.sockets.size > 0 || room.idleTimer || this.loaded.get(room.boardId) !== room) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      if (room.sockets.size === 0) void this.unload(room);
    }, this.options.idleUnloadMs);
  }

  /** Unloads a board now if it is in memory (its sockets must have been told to go). */
  async evict(boardId: string): Promise<void> {
    const room = this.loaded.get(boardId);
    if (room) await this.unload(room);
    await this.unloading.get(boardId);
  }

  /** Unloads every room (server shutdown). */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.loading.values()].map((entry) => entry.room));
    await Promise.all([...this.loaded.values()].map((room) => this.unload(room)));
    await Promise.all(this.unloading.values());
  }

  /**
   * Makes room in memory for one more board: at the cap, the least recently used board nobody is
   * on is unloaded first; if everyone's boards are busy, the new one is refused.
   */
  private atBoardCap(): boolean {
    return this.loaded.size + this.loading.size >= (this.options.maxBoardsInMemory ?? MAX_BOARDS_IN_MEMORY);
  }

  private async makeRoomFor(boardId: string): Promise<void> {
    const max = this.options.maxBoardsInMemory ?? MAX_BOARDS_IN_MEMORY;
    while (this.atBoardCap() && !this.loading.has(boardId)) {
      let oldest: Room | null = null;
      for (const room of this.loaded.values()) {
        if (room.sockets.size > 0) continue;
        if (!oldest || (this.lastUsed.get(room) ?? 0) < (this.lastUsed.get(oldest) ?? 0)) oldest = room;
      }
      if (!oldest) throw new ServerBusyError(`the server has ${max} boards open, all in use`);
      await this.unload(oldest);
    }
  }

  private load(boardId: string): Loading {
    const { feed, store } = this.options;
    const handle = feed?.open(boardId) ?? null;
    const load = new BoardLoad(handle ? handle.ready.then(() => store.load(boardId)) : store.load(boardId));
    const room = (async () => {
      try {
        await load.decodingMayStart();
        const room = new Room(boardId, store, this.options.transport, await load.stored, (error) => this.discard(room, error), handle);
        this.loaded.set(boardId, room);
        const claim = feed ? () => feed.claimVersion(boardId) : null;
        this.versioners.set(room, new AutoVersioner(boardId, room.doc, store, this.options.autoVersions, this.options.log, claim));
        this.compactors.set(room, new OpenCompactor(room, this.options.openCompaction, this.options.log));
        if (handle) {
          this.feeds.set(room, handle);
          handle.attach(room);
        }
        return room;
      } catch (error) {
        handle?.close();
        throw error;
      } finally {
        this.loading.delete(boardId);
      }
    })();
    const entry = { load, room };
    this.loading.set(boardId, entry);
    return entry;
  }

  /**
   * A room whose append failed is no longer trusted: its document holds a change that is not
   * stored. Its sockets are told and closed, and it is dropped at once without compaction or a
   * last version; the next join loads the board from storage again, and the clients send again
   * what was not acknowledged (their step 2 carries it).
   */
  private discard(room: Room, error: unknown): void {
    const { boardId } = room;
    if (this.loaded.get(boardId) !== room) return;
    this.loaded.delete(boardId);
    const deleted = error instanceof BoardDeletedError;
    if (!deleted) this.options.log.error({ err: error, boardId }, 'an append failed: closing the board, to be loaded again from storage');
    this.options.transport.closeBoard(boardId, deleted ? 'board-deleted' : 'storage-failed', deleted ? 'this board was deleted' : 'the board could not be stored; it is loaded again on reconnecting');
    this.versioners.get(room)?.stop();
    this.versioners.delete(room);
    void this.compactors.get(room)?.stop();
    this.compactors.delete(room);
    this.closeFeed(room);
    this.lastUsed.delete(room);
    room.destroy();
  }

  private closeFeed(room: Room): void {
    this.feeds.get(room)?.close();
    this.feeds.delete(room);
  }

  /** Stores, compacts if due, and frees a room. */
  private async unload(room: Room): Promise<void> {
    const { boardId } = room;
    if (this.loaded.get(boardId) !== room) return;
    this.loaded.delete(boardId);
    if (room.idleTimer) clearTimeout(room.idleTimer);
    const done = (async () => {
      try {
        await room.flushed();
        await this.versioners.get(room)?.close();
        await this.compactors.get(room)?.stop();
        if (room.updatesSinceSnapshot >= this.options.compactAfterUpdates && (await room.compact())) recordCompaction('unload');
      } catch (error) {
        this.options.log.error({ err: error, boardId }, 'failed to compact a board while unloading it');
      }
      try {
        // What the next page to open the board shows first, without decoding it (opening-view.ts).
        const opening = room.openingView();
        if (opening) await this.options.store.saveOpeningView(boardId, opening.seq, opening.view);
      } catch (error) {
        if (!(error instanceof BoardDeletedError)) this.options.log.warn({ err: error, boardId }, 'failed to keep the opening view of a board; its next first view decodes it');
      } finally {
        this.versioners.delete(room);
        this.compactors.delete(room);
        this.closeFeed(room);
        this.lastUsed.delete(room);
        room.destroy();
        this.unloading.delete(boardId);
      }
    })();
    this.unloading.set(boardId, done);
    await done;
    this.options.log.debug({ boardId }, 'board unloaded');
  }
}
