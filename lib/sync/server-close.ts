/**
 * What the provider does when the server closes its connection. Socket.IO reconnects by itself
 * after a network failure, but not after the server closed the connection on purpose: then the
 * reason the server gave decides.
 */
import { type ProtocolErrorCode, RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS, RECONNECT_JITTER } from '../protocol';

/**
 * Refusals that a reconnection would meet again, because this client's own data is at fault, or
 * the board is gone: after one, the provider stays offline. After any other (the server could not
 * load or store the board, or this client sent too fast), it reconnects with backoff.
 */
const FINAL_REFUSALS: ReadonlySet<ProtocolErrorCode> = new Set([
  'bad-board-id',
  'bad-frame',
  'too-large',
  'invalid-update',
  'board-deleted',
  'unauthorized',
  'forbidden',
  'link-reset',
]);

export function isFinalRefusal(code: ProtocolErrorCode | undefined): boolean {
  return code !== undefined && FINAL_REFUSALS.has(code);
}

/** Reconnections after server-side closes: backoff doubling from RECONNECT_DELAY_MS, with jitter. */
export class ServerCloseRetry {
  /** Server-side closes since the last sync. */
  private closes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly random: () => number = Math.random) {}

  /**
   * Calls `reconnect` after the backoff that this many closes in a row call for. A server that
   * is shutting down ('server-draining') asks for a reconnection now, elsewhere: then it comes
   * within RECONNECT_DELAY_MS, spread at random over it so that the clients of a whole instance
   * do not reach the others at one instant, and the backoff does not grow.
   */
  schedule(reconnect: () => void, refusal?: ProtocolErrorCode): void {
    let delay: number;
    if (refusal === 'server-draining') {
      delay = RECONNECT_DELAY_MS * this.random();
    } else {
      const base = Math.min(RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS * 2 ** this.closes);
      this.closes++;
      delay = base * (1 + RECONNECT_JITTER * (2 * this.random() - 1));
    }
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      reconnect();
    }, delay);
  }

  /** The board synced: the next close starts the backoff again. */
  reset(): void {
    this.closes = 0;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
