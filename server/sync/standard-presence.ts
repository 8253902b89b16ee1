/**
 * The presence of a board's ticks for standard Yjs clients (`/yjs`). y-protocols carries each
 * person's whole state, so cursor moves alone go only every STANDARD_CURSOR_EVERY_TICKS ticks:
 * the people who moved in the ticks in between are held and go with the next, in their state of
 * then. A tick with a full state, or with positions due again once people stopped (a batch that
 * may not be dropped), goes at once, the held people included.
 */
import { STANDARD_CURSOR_EVERY_TICKS } from '../../lib/protocol';
import type { PresenceBatch } from '../rooms/fan-out';

export class StandardPresence {
  private readonly held = new Set<number>();
  /** Ticks since presence last went; the first tick sends. */
  private ticks = STANDARD_CURSOR_EVERY_TICKS;

  /** The y-protocols awareness updates to send for this tick's presence (none if held). */
  messages(presence: PresenceBatch): Uint8Array[] {
    this.ticks++;
    if (presence.mayDrop && this.ticks < STANDARD_CURSOR_EVERY_TICKS) {
      for (const clientID of presence.clients) this.held.add(clientID);
      return [];
    }
    const messages = presence.standard([...this.held]);
    this.held.clear();
    this.ticks = 0;
    return messages;
  }
}
