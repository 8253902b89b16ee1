/**
 * Keeps the open boards: loads each board once however many sockets join at once, and unloads it
 * (stored first, compacted when its log has grown) once its last socket has been gone a moment.
 * While a board loads, the clients that have nothing are sent it as stored, before the server
 * has decoded it (which takes a while on a large board).
 */
import type { BoardState } from '../../lib/protocol';
import type { Logger } from '../log';
import type { DocStore, StoredBoard } from '../store/doc-store';
import { type AutoVersionPolicy, AutoVersioner } from './auto-versions';
import { Room, type RoomTransport } from './room';

/**
 * How long a board's decoding waits for the stored state to leave for the clients that asked for
 * it. On loopback or a fast network it leaves within milliseconds; a slow client must not hold up
 * the board for everyone else.
 */
const MAX_DECODING_HOLD_MS = 500;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** A board being loaded: its stored form as read, the room once built, what its decoding awaits. */
interface Loading {
  stored: Promise<StoredBoard | null>;
  room: Promise<Room>;
  /** The joined clients' first messages (settled once answered), which the decoding waits for. */
  sends: Promise<unknown>[];
}

export interface RoomManagerOptions {
  store: DocStore;
  transport: RoomTransport;
  log: Logger;
  /** Grace period before an empty room is unloaded, so that a reload does not reload from disk. */
  idleUnloadMs: number;
  compactAfterUpdates: number;
  autoVersions: AutoVersionPolicy;
}

export class RoomManager {
  private readonly loading = new Map<string, Loading>();
  private readonly loaded = new Map<string, Room>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly versioners = new Map<Room, AutoVersioner>();

  constructor(private readonly options: RoomManagerOptions) {}

  /** Number of boards in memory. */
  get size(): number {
    return this.loaded.size;
  }

  /** The room of a board if it is in memory now. */
  peek(boardId: string): Room | undefined {
    return this.loaded.get(boardId);
  }

  /**
   * The room of a board with the socket added, once the board has been loaded. A client that may
   * be sent the board as stored passes `firstMessage`, settled once its first message has been
   * answered: a board being loaded is decoded only after that (up to MAX_DECODING_HOLD_MS), since
   * the decoding blocks the process and the client's step 1 usually lands a few milliseconds
   * after the store has been read.
   */
  async join(boardId: string, socketId: string, firstMessage?: Promise<unknown>): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(boardId);
      if (unloading) await unloading;
      let room = this.loaded.get(boardId);
      if (!room) {
        const loading = this.loading.get(boardId) ?? this.load(boardId);
        if (firstMessage) loading.sends.push(firstMessage);
        firstMessage = undefined;
        room = await loading.room;
      }
      // The room may have been unloaded while this join waited; then load it again.
      if (this.loaded.get(boardId) !== room) continue;
      if (room.idleTimer) {
        clearTimeout(room.idleTimer);
        room.idleTimer = null;
      }
      room.sockets.add(socketId);
      return room;
    }
  }

  leave(room: Room, socketId: string): void {
    room.removeSocket(socketId);
    if (room.sockets.size > 0 || room.idleTimer || this.loaded.get(room.boardId) !== room) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      if (room.sockets.size === 0) void this.unload(room);
    }, this.options.idleUnloadMs);
  }

  /**
   * The whole board for a client that has nothing, as soon as it is read from the store: from the
   * room when it is in memory, else from the load under way (the caller has joined the board, so
   * the room, once built, holds exactly this state; later changes reach the client as updates).
   * Null while the board is still being unloaded: then the caller waits for the room. (The
   * decoding of a board being loaded waits for the joined clients' first answers: see `join`.)
   */
  async boardState(boardId: string): Promise<BoardState | null> {
    const loading = this.loading.get(boardId);
    const stored = loading ? await loading.stored : undefined;
    const room = this.loaded.get(boardId);
    if (room) return room.boardState();
    if (!loading || stored === undefined) return null;
    return { snapshot: stored?.snapshot ?? null, updates: stored?.updates ?? [] };
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

  private load(boardId: string): Loading {
    const stored = this.options.store.load(boardId);
    const sends: Promise<unknown>[] = [];
    const room = (async () => {
      try {
        const board = await stored;
        // Building the room decodes the whole board in one go, which blocks the process: first
        // let the clients waiting for the stored bytes have them (boardState), so that they do not
        // wait for the decoding. Clients joining meanwhile add to the list, so it is awaited until
        // it stops growing, within the bound.
        await new Promise((resolve) => setImmediate(resolve));
        const deadline = delay(MAX_DECODING_HOLD_MS).then(() => true);
        for (let awaited = 0; awaited < sends.length; ) {
          const batch = sends.slice(awaited);
          awaited = sends.length;
          if (await Promise.race([Promise.allSettled(batch).then(() => false), deadline])) break;
        }
        const room = new Room(boardId, this.options.store, this.options.transport, board);
        this.loaded.set(boardId, room);
        this.versioners.set(room, new AutoVersioner(boardId, room.doc, this.options.store, this.options.autoVersions, this.options.log));
        return room;
      } finally {
        this.loading.delete(boardId);
      }
    })();
    const entry = { stored, room, sends };
    this.loading.set(boardId, entry);
    return entry;
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
        if (room.updatesSinceSnapshot >= this.options.compactAfterUpdates) await room.compact();
      } catch (error) {
        this.options.log.error({ err: error, boardId }, 'failed to compact a board while unloading it');
      } finally {
        this.versioners.delete(room);
        room.destroy();
        this.unloading.delete(boardId);
      }
    })();
    this.unloading.set(boardId, done);
    await done;
    this.options.log.debug({ boardId }, 'board unloaded');
  }
}
