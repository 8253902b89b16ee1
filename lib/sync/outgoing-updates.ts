/**
 * A client's own edits on their way to the server, and how many of them the server has not yet
 * confirmed as stored (`pending`).
 *
 * While connected and past this connection's sync step 2, the edits of one task go out merged, in
 * as few messages as the server's per-update limits allow (`groupForSending`). Edits made while
 * they cannot go one by one (offline, or before the step 2 they build on) are not queued: the next
 * step 2 carries them, and they count as pending until the server acknowledges that step 2. So
 * `pending` is 0 only when every local edit is known to be stored.
 */
import * as Y from 'yjs';
import { encodeSyncUpdate, MAX_KEY_WRITES_PER_UPDATE, MAX_UPDATE_BYTES } from '../protocol';

/**
 * Updates merged into one message at most. A transaction writes each property it changes once
 * (an Editor gesture) or a few times (a script), so half the server's cap on writes per property
 * keeps a task's merged edits under it: a script that moves a shape 5,000 times in 5,000 small
 * transactions has its moves sent in ten messages rather than refused as one.
 */
export const MAX_MERGED_UPDATES = MAX_KEY_WRITES_PER_UPDATE / 2;

/**
 * The updates of one task, grouped in order into messages of at most MAX_MERGED_UPDATES updates
 * and MAX_UPDATE_BYTES bytes (merging never makes updates larger than their sum), each group
 * merged into one update. An update larger than the limit on its own goes alone (the server
 * refuses it with a reason), and so does each of `alone` (a part of a large deletion, which
 * merging would join again: deletion-parts.ts).
 */
export function groupForSending(updates: readonly Uint8Array[], alone: ReadonlySet<Uint8Array> = new Set()): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let group: Uint8Array[] = [];
  let groupBytes = 0;
  const close = () => {
    if (group.length > 0) messages.push(group.length === 1 ? group[0]! : Y.mergeUpdates(group));
    group = [];
    groupBytes = 0;
  };
  for (const update of updates) {
    if (alone.has(update)) {
      close();
      messages.push(update);
      continue;
    }
    if (group.length >= MAX_MERGED_UPDATES || (group.length > 0 && groupBytes + update.byteLength > MAX_UPDATE_BYTES)) close();
    group.push(update);
    groupBytes += update.byteLength;
  }
  close();
  return messages;
}

export class OutgoingUpdates {
  private unsent: Uint8Array[] = [];
  /** Those of `unsent` that go as messages of their own. */
  private alone = new Set<Uint8Array>();
  private unacknowledged = 0;
  /** Local edits the next sync step 2 must carry (made offline, sent and then cut off, or refused). */
  private awaitingStep2 = false;
  /** Counts connections, so that a late answer on a dropped one changes nothing. */
  private connection = 0;

  /**
   * `send` emits one sync message; it calls `answered` with the server's verdict (stored or not)
   * once the server has answered.
   */
  constructor(private readonly send: (message: Uint8Array, answered: (stored: boolean) => void) => void) {}

  /** Local edits the server has not confirmed as stored (the edits a step 2 carries count once). */
  get pending(): number {
    return this.unacknowledged + this.unsent.length + (this.awaitingStep2 ? 1 : 0);
  }

  /**
   * A local edit. `live` when it can go out on its own now (connected, past the step 2); then it
   * waits for the end of the task. Returns true for the first edit of a task: the caller schedules
   * `flush` (a microtask). An update `alone` is sent as a message of its own.
   */
  add(update: Uint8Array, live: boolean, alone = false): boolean {
    if (!live) {
      this.awaitingStep2 = true;
      return false;
    }
    this.unsent.push(update);
    if (alone) this.alone.add(update);
    return this.unsent.length === 1;
  }

  /** Sends the task's edits now (`live`), or leaves them to the next step 2. */
  flush(live: boolean): void {
    if (this.unsent.length === 0) return;
    const updates = this.unsent;
    const alone = this.alone;
    this.unsent = [];
    this.alone = new Set();
    if (!live) {
      this.awaitingStep2 = true;
      return;
    }
    for (const update of groupForSending(updates, alone)) this.sendCounted(encodeSyncUpdate(update));
  }

  /**
   * This connection's step 2 (an encoded sync message) goes out, with the updates that complete it
   * (`following`, the parts of a large deletion: outgoing-parts.ts): together they carry every edit
   * made before them.
   */
  sendStep2(step2: Uint8Array, following: readonly Uint8Array[] = []): void {
    this.awaitingStep2 = false;
    this.sendCounted(step2);
    for (const update of following) this.sendCounted(encodeSyncUpdate(update));
  }

  /** The connection dropped: what was not acknowledged may not be stored, so the next step 2 carries it. */
  connectionLost(): void {
    this.connection++;
    if (this.unacknowledged > 0 || this.unsent.length > 0) this.awaitingStep2 = true;
    this.unacknowledged = 0;
    this.unsent = [];
    this.alone = new Set();
  }

  private sendCounted(message: Uint8Array): void {
    this.unacknowledged++;
    const connection = this.connection;
    let answered = false;
    this.send(message, (stored) => {
      if (answered || connection !== this.connection) return;
      answered = true;
      this.unacknowledged--;
      // Not stored (refused, or the store failed): whatever the server still lacks goes again in
      // the next connection's step 2 (the server closes this one).
      if (!stored) this.awaitingStep2 = true;
    });
  }
}
