/**
 * Keeps the open boards: loads each board once however many sockets join at once, and unloads it
 * (stored first, compacted when its log has grown) once its last socket has been gone a moment.
 */
import type { Logger } from '../log';
import type { DocStore } from '../store/doc-store';
import { Room, type RoomTransport } from './room';

export interface RoomManagerOptions {
  store: DocStore;
  transport: RoomTransport;
  log: Logger;
  /** Grace period before an empty room is unloaded, so that a reload does not reload from disk. */
  idleUnloadMs: number;
  compactAfterUpdates: number;
}

export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(private readonly options: RoomManagerOptions) {}

  /** Number of boards in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /** The room of a board with the socket added, once the board has been loaded. */
  async join(boardId: string, socketId: string): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(boardId);
      if (unloading) await unloading;
      let loading = this.rooms.get(boardId);
      if (!loading) {
        loading = Room.load(boardId, this.options.store, this.options.transport);
        this.rooms.set(boardId, loading);
        loading.catch(() => {
          if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId);
        });
      }
      const room = await loading;
      // The room may have been unloaded while this join waited; then load it again.
      if (this.rooms.get(boardId) !== loading) continue;
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
    if (room.sockets.size > 0 || room.idleTimer) return;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      if (room.sockets.size === 0) void this.unload(room);
    }, this.options.idleUnloadMs);
  }

  /** Stores, compacts if due, and frees a room. */
  private async unload(room: Room): Promise<void> {
    const { boardId } = room;
    this.rooms.delete(boardId);
    const done = (async () => {
      try {
        await room.flushed();
        if (room.updatesSinceSnapshot >= this.options.compactAfterUpdates) await room.compact();
      } catch (error) {
        this.options.log.error({ err: error, boardId }, 'failed to compact a board while unloading it');
      } finally {
        room.destroy();
        this.unloading.delete(boardId);
      }
    })();
    this.unloading.set(boardId, done);
    await done;
    this.options.log.debug({ boardId }, 'board unloaded');
  }

  /** Unloads every room (server shutdown). */
  async closeAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map((result) => {
        if (result.status !== 'fulfilled') return undefined;
        if (result.value.idleTimer) clearTimeout(result.value.idleTimer);
        return this.unload(result.value);
      }),
    );
    await Promise.all(this.unloading.values());
  }
}
