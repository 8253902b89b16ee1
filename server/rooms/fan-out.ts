/**
 * A board's fan-out: what changed during one tick (the updates stored, the presence changes)
 * goes to each socket as one message, so that a recipient gets one message per tick however many
 * people edit and move. A quiet board sends at once (after the current group commit has landed),
 * so a lone change is not held back; the tick only spaces out what follows.
 */
import * as Y from 'yjs';
import { throttle, type Throttled } from '../../lib/presence/throttle';

/**
 * One tick's presence changes. People whose state changed beyond the cursor (arrivals and
 * departures included) go out in full, reliably: a cursor entry only updates a state its
 * recipient has, so a full state must not be lost. People who only moved go out as cursor
 * entries, which may be dropped: a lost position is superseded by the next.
 */
export interface PresenceBatch {
  /** A y-protocols awareness update of the full states, or null. */
  full: Uint8Array | null;
  /** Cursor entries (lib/protocol/cursors.ts) of those who only moved, or null. */
  cursors: Uint8Array | null;
  /**
   * Whether the batch may be dropped for a busy socket: only cursor moves, each superseded by the
   * next. False for full states and for the positions resent once people stop moving.
   */
  mayDrop: boolean;
  /** The whole batch as y-protocols awareness updates (each within MAX_AWARENESS_BYTES), for clients that know only that protocol. */
  standard(): Uint8Array[];
}

export interface Tick {
  /** The updates stored during the tick, merged; null if there were none. */
  update: Uint8Array | null;
  /** The one socket that sent all of `update` (it need not get it back), or null. */
  updateSender: string | null;
  presence: PresenceBatch | null;
}

export class FanOut {
  private updates: Uint8Array[] = [];
  /** Who sent the gathered updates (null: the server itself). */
  private readonly senders = new Set<string | null>();
  private readonly sendSoon: Throttled;
  private gathering = false;

  constructor(
    private readonly send: (tick: Tick) => void,
    /** Takes the presence changes since the last tick (null if none). */
    private readonly takePresence: () => PresenceBatch | null,
    /** The tick, read at each send (it may follow the board's audience). */
    tickMs: number | (() => number),
  ) {
    this.sendSoon = throttle(this.sendTick, tickMs);
  }

  /** Queues a stored update; its senders do not need it back (none: the server made it). */
  addUpdate(update: Uint8Array, senderSocketIds: ReadonlySet<string>): void {
    this.updates.push(update);
    for (const sender of senderSocketIds) this.senders.add(sender);
    if (senderSocketIds.size === 0) this.senders.add(null);
    if (this.gathering) return;
    // Appends stored by one group commit resolve together: let them all join this tick.
    this.gathering = true;
    setImmediate(() => {
      this.gathering = false;
      this.sendSoon();
    });
  }

  /** Someone's presence changed: it goes out with the next tick. */
  presenceChanged(): void {
    this.sendSoon();
  }

  /** Sends what is gathered now. */
  flush(): void {
    this.sendSoon.cancel();
    this.sendTick();
  }

  destroy(): void {
    this.sendSoon.cancel();
    this.updates = [];
    this.senders.clear();
  }

  private readonly sendTick = (): void => {
    const presence = this.takePresence();
    if (this.updates.length === 0 && !presence) return;
    const update = this.updates.length === 0 ? null : this.updates.length === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates);
    // Updates from one sender skip that sender. From several, everyone gets the merged update:
    // a client ignores what it already has, and one message for all is far cheaper than one
    // merge per recipient.
    const updateSender = this.senders.size === 1 ? [...this.senders][0]! : null;
    this.updates = [];
    this.senders.clear();
    this.send({ update, updateSender, presence });
  };
}
