/**
 * How a board opens, in one place. Loading a board is two steps: reading its stored form (fast,
 * no processor time) and decoding it into a Y.Doc (slow on a large board, and it blocks the
 * process). A client that has nothing is sent the stored form as soon as it is read, and the
 * decoding waits until those answers have left the process (up to MAX_DECODING_HOLD_MS), so that
 * nobody waits for the decoding to see the board.
 *
 * The seam to the transport is one promise: the transport says when what it was given has drained
 * (`send` below returns it). The seam to the room manager is one promise too: `decodingMayStart`,
 * which the manager awaits before it decodes.
 */
import type { BoardState } from '../../lib/protocol';
import type { StoredBoard } from '../store/doc-store';
import type { Room } from './room';

/**
 * How long a board's decoding waits for the stored state to leave for the clients that asked for
 * it. On loopback or a fast network it leaves within milliseconds; a slow client must not hold up
 * the board for everyone else.
 */
export const MAX_DECODING_HOLD_MS = 500;
/**
 * The bound grows with the bytes sent: decoding blocks the process, and with it the rest of the
 * write. A 50,000-shape board (10 MB) took over 500 ms to hand to a local browser on a loaded
 * machine; its decoding then started mid-write and the browser waited for all of it (about 7 s
 * of a 17 s open). Drained writes still release the decoding at once.
 */
export const MIN_DRAIN_BYTES_PER_SECOND = 4 * 1024 * 1024;

/** How long the decoding waits at most for answers of `bytes` in all to leave. */
export function decodingHoldMs(bytes: number): number {
  return MAX_DECODING_HOLD_MS + (bytes / MIN_DRAIN_BYTES_PER_SECOND) * 1000;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** A board being loaded: its stored form as read, and the first answers its decoding waits for. */
export class BoardLoad {
  private readonly holds: Promise<unknown>[] = [];
  /** The bytes of the answers holding the decoding. */
  private heldBytes = 0;

  constructor(readonly stored: Promise<StoredBoard | null>) {}

  /**
   * Holds the decoding until the returned function is called (with what it must still wait for,
   * and how many bytes that is).
   */
  hold(): (drained?: Promise<unknown>, bytes?: number) => void {
    let release!: (drained?: Promise<unknown>) => void;
    this.holds.push(new Promise<unknown>((resolve) => (release = resolve)));
    return (drained, bytes = 0) => {
      this.heldBytes += bytes;
      release(drained);
    };
  }

  /**
   * Resolves once the board is read and every hold is released and drained, or after
   * decodingHoldMs of the bytes sent (MAX_DECODING_HOLD_MS when nothing was). Clients joining
   * meanwhile add holds, so they are awaited until the list stops growing, within the bound.
   */
  async decodingMayStart(): Promise<void> {
    await this.stored;
    // One turn for the clients waiting on the stored bytes to be sent them.
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    // The bound is read again once it passes: answers sent meanwhile have added their bytes.
    const deadline = (async () => {
      for (let remaining = MAX_DECODING_HOLD_MS; remaining > 0; remaining = started + decodingHoldMs(this.heldBytes) - Date.now()) {
        await delay(remaining);
      }
      return true;
    })();
    for (let awaited = 0; awaited < this.holds.length; ) {
      const batch = this.holds.slice(awaited);
      awaited = this.holds.length;
      if (await Promise.race([Promise.allSettled(batch).then(() => false), deadline])) return;
    }
  }
}

/** Where the board is now, as the room manager sees it. */
export interface BoardWhereabouts {
  /** The load under way, if any. */
  loading(): BoardLoad | undefined;
  /** The room, if the board is in memory. */
  loaded(): Room | undefined;
}

/** One client's opening of a board (RoomManager.join). */
export interface BoardOpening {
  /** The room, with the client added, once the board is decoded. */
  room: Promise<Room>;
  /**
   * For a client that has nothing: `send` gets the whole board as stored as soon as it is read
   * (from the room if it is in memory) and returns the promise that the transport has drained.
   * False when there is nothing to send from (the board is being unloaded): then the client is
   * answered from the room once it is loaded.
   */
  answerFromStore(send: (state: BoardState) => Promise<void>): Promise<boolean>;
  /** The client's first message needs nothing from the store: the decoding need not wait for it. */
  release(): void;
}

const NO_HOLD = (): void => {};

/**
 * The opening of a board for one client. `join` adds the client to the room, calling `onLoad`
 * with the load it waits for, if any. A client that may be answered from the store
 * (`holdsDecoding`) holds that load's decoding until it is answered or releases it. A class: one
 * stays for each open connection, and methods are shared where closures are made per connection.
 */
class ClientOpening implements BoardOpening {
  readonly room: Promise<Room>;
  private released: boolean;
  private releaseHold: (drained?: Promise<unknown>, bytes?: number) => void = NO_HOLD;

  constructor(
    private readonly where: BoardWhereabouts,
    join: (onLoad: (load: BoardLoad) => void) => Promise<Room>,
    holdsDecoding: boolean,
  ) {
    this.released = !holdsDecoding;
    this.room = join((load) => {
      if (!this.released) this.releaseHold = load.hold();
    });
  }

  async answerFromStore(send: (state: BoardState) => Promise<void>): Promise<boolean> {
    const load = this.where.loading();
    const stored = load ? await load.stored.then((board) => board, () => undefined) : undefined;
    const loaded = this.where.loaded();
    const state: BoardState | null = loaded ? loaded.boardState() : load && stored !== undefined ? { snapshot: stored?.snapshot ?? null, updates: stored?.updates ?? [] } : null;
    if (!state) {
      this.release();
      return false;
    }
    // `send` joins the broadcasts in the same turn as it is given the state, so no change falls
    // between the two: earlier ones are in the state, later ones come as updates.
    const bytes = (state.snapshot?.byteLength ?? 0) + state.updates.reduce((sum, update) => sum + update.byteLength, 0);
    this.release(send(state), bytes);
    return true;
  }

  release(drained?: Promise<unknown>, bytes?: number): void {
    this.released = true;
    const releaseHold = this.releaseHold;
    this.releaseHold = NO_HOLD;
    releaseHold(drained, bytes);
  }
}

export function openBoard(where: BoardWhereabouts, join: (onLoad: (load: BoardLoad) => void) => Promise<Room>, holdsDecoding: boolean): BoardOpening {
  return new ClientOpening(where, join, holdsDecoding);
}
