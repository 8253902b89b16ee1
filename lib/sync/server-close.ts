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

  /** Calls `reconnect` after the backoff that this many closes in a row call for. */
  schedule(reconnect: () => void): void {
    const base = Math.min(RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS * 2 ** this.closes);
    this.closes++;
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = null;
      reconnect();
    }, base * (1 + RECONNECT_JITTER * (2 * this.random() - 1)));
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
