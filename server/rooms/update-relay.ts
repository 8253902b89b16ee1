/**
 * Relays a board's stored updates to its sockets, gathered per tick: every update stored during
 * one tick goes out as one merged update, so a recipient gets one message per tick however many
 * people edit. A quiet board relays at once (after the current group commit has landed), so a
 * lone edit is not held back.
 */
import * as Y from 'yjs';
import { throttle, type Throttled } from '../../lib/collab/throttle';

/** Sends one update to every socket of the board but `exceptSocketId` (null: to everyone). */
export type SendUpdate = (update: Uint8Array, exceptSocketId: string | null) => void;

export class UpdateRelay {
  private updates: Uint8Array[] = [];
  /** Who sent the gathered updates (null: the server itself, e.g. a restore). */
  private readonly senders = new Set<string | null>();
  private readonly relaySoon: Throttled;
  private gathering = false;

  constructor(
    private readonly send: SendUpdate,
    /** The tick, read at each send (it may follow the board's audience). */
    tickMs: number | (() => number),
  ) {
    this.relaySoon = throttle(this.relay, tickMs);
  }

  /** Queues a stored update; its senders do not need it back (none: the server made it). */
  add(update: Uint8Array, senderSocketIds: ReadonlySet<string>): void {
    this.updates.push(update);
    for (const sender of senderSocketIds) this.senders.add(sender);
    if (senderSocketIds.size === 0) this.senders.add(null);
    if (this.gathering) return;
    // Appends stored by one group commit resolve together: let them all join this tick.
    this.gathering = true;
    setImmediate(() => {
      this.gathering = false;
      this.relaySoon();
    });
  }

  /** Relays what is gathered now (before the room unloads or a socket needs to catch up). */
  flush(): void {
    this.relaySoon.cancel();
    this.relay();
  }

  destroy(): void {
    this.relaySoon.cancel();
    this.updates = [];
    this.senders.clear();
  }

  private readonly relay = (): void => {
    if (this.updates.length === 0) return;
    const update = this.updates.length === 1 ? this.updates[0]! : Y.mergeUpdates(this.updates);
    // Updates from one sender skip that sender. From several, everyone gets the merged update:
    // a client ignores what it already has, and one message for all is far cheaper than one
    // merge per recipient.
    const only = this.senders.size === 1 ? [...this.senders][0]! : null;
    this.updates = [];
    this.senders.clear();
    this.send(update, only);
  };
}
