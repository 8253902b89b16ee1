/**
 * A client's updates that build on items the server has not received yet (typically its sync
 * step 2, overtaken by its edits) wait here, within bounds, and are retried in order once
 * something of the client's goes through.
 */
import { MAX_UPDATE_BYTES, type UpdateAck } from '../../lib/protocol';
import type { Room } from '../rooms/room';
import { InvalidUpdateError, MissingDependencyError, SYNC_STEP2_LIMITS, UPDATE_LIMITS } from '../security/update-validator';
import { Refusal } from './refusal';

const MAX_WAITING_UPDATES = 100;
const MAX_WAITING_BYTES = MAX_UPDATE_BYTES;

export interface ClientUpdate {
  update: Uint8Array;
  /** A sync step 2 may bring a whole board (SYNC_STEP2_LIMITS). */
  isStep2: boolean;
  ack?: UpdateAck;
}

export class PendingUpdates {
  private readonly waiting: ClientUpdate[] = [];
  private waitingBytes = 0;

  /** Applies an update (and then whatever waited for it); refuses the client if it must. */
  async apply(room: Room, entry: ClientUpdate, sender: string): Promise<void> {
    if (await this.tryApply(room, entry, sender, false)) await this.retryWaiting(room, sender);
  }

  /** True if applied, false if it waits for items it builds on. */
  private async tryApply(room: Room, entry: ClientUpdate, sender: string, isRetry: boolean): Promise<boolean> {
    try {
      await room.applyUpdate(entry.update, sender, entry.isStep2 ? SYNC_STEP2_LIMITS : UPDATE_LIMITS);
    } catch (error) {
      if (error instanceof MissingDependencyError) {
        if (isRetry) return false;
        if (this.waiting.length >= MAX_WAITING_UPDATES || this.waitingBytes + entry.update.byteLength > MAX_WAITING_BYTES) {
          throw new Refusal('invalid-update', 'too many updates refer to items the server has never seen');
        }
        this.waiting.push(entry);
        this.waitingBytes += entry.update.byteLength;
        return false;
      }
      entry.ack?.({ ok: false, error: error instanceof InvalidUpdateError ? error.message : 'the update could not be stored' });
      if (error instanceof InvalidUpdateError) throw error;
      throw new Refusal('storage-failed', 'the update could not be stored');
    }
    entry.ack?.({ ok: true });
    return true;
  }

  /** Retries the waiting updates, in order, for as long as one of them goes through. */
  private async retryWaiting(room: Room, sender: string): Promise<void> {
    let progress = true;
    while (progress && this.waiting.length > 0) {
      progress = false;
      for (const entry of [...this.waiting]) {
        if (!(await this.tryApply(room, entry, sender, true))) continue;
        this.waiting.splice(this.waiting.indexOf(entry), 1);
        this.waitingBytes -= entry.update.byteLength;
        progress = true;
      }
    }
  }
}
