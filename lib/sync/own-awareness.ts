/**
 * Sends the own awareness state over a connection, throttled to AWARENESS_THROTTLE_MS and always
 * ending with the latest state. A change of the cursor alone goes as a compact cursor entry
 * (lib/protocol/cursors.ts); anything else as a y-protocols awareness update.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import { cursorEntryOf, isCursorOnlyChange } from '../presence/cursor-updates';
import { throttle } from '../presence/throttle';
import { AWARENESS_THROTTLE_MS, encodeCursorEntries } from '../protocol';

export interface AwarenessChannel {
  readonly connected: boolean;
  sendAwareness(update: Uint8Array): void;
  sendCursors(entries: Uint8Array): void;
}

export class OwnAwarenessSender {
  /** The own state as last sent on this connection (null: the next send is a full one). */
  private sentState: Record<string, unknown> | null = null;
  /** Call to send: at once, or at the end of the throttle interval; `flush` sends a pending one now. */
  readonly schedule = throttle(() => this.send(), AWARENESS_THROTTLE_MS);

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly channel: AwarenessChannel,
  ) {}

  /** A new connection knows nothing of the own state yet. */
  reset(): void {
    this.sentState = null;
  }

  private send(): void {
    if (!this.channel.connected) return;
    const own = this.awareness.clientID;
    const state = this.awareness.getLocalState();
    const entry = cursorEntryOf(this.awareness, own);
    if (entry && isCursorOnlyChange(this.sentState, state)) {
      this.channel.sendCursors(encodeCursorEntries([entry]));
    } else {
      this.channel.sendAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [own]));
    }
    this.sentState = state;
  }
}
