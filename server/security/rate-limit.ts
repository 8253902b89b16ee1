/**
 * A token bucket per client address (lib/protocol/limits.ts, HTTP_RATE_*), for the HTTP routes
 * that decode or store whole boards. Memory is bounded: an address idle long enough for its
 * bucket to be full again is forgotten (a fresh bucket is the same), and past `maxClients`
 * addresses the least recently seen go first.
 */
import { TokenBucket } from './send-budget';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxClients: number;
  now?: () => number;
}

interface Entry {
  bucket: TokenBucket;
  seenAt: number;
}

export class RateLimiter {
  /** In order of last use: the front is the least recently seen. */
  private readonly clients = new Map<string, Entry>();
  private readonly now: () => number;
  /** After this long unused a bucket is full again. */
  private readonly refillMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? (() => performance.now());
    this.refillMs = (options.burst / options.perSecond) * 1000;
  }

  /** Number of addresses tracked now. */
  get size(): number {
    return this.clients.size;
  }

  /** Spends one request of `client`: null if allowed, else the seconds to wait (Retry-After). */
  take(client: string): number | null {
    const now = this.now();
    let entry = this.clients.get(client);
    if (entry) this.clients.delete(client);
    else {
      this.forgetIdle(now);
      entry = { bucket: new TokenBucket(this.options.perSecond, this.options.burst, this.now), seenAt: now };
    }
    entry.seenAt = now;
    this.clients.set(client, entry);
    // The bucket is short of one token: it comes within 1 / perSecond seconds.
    return entry.bucket.take(1) ? null : Math.max(1, Math.ceil(1 / this.options.perSecond));
  }

  private forgetIdle(now: number): void {
    for (const [client, entry] of this.clients) {
      if (this.clients.size < this.options.maxClients && now - entry.seenAt < this.refillMs) return;
      this.clients.delete(client);
    }
  }
}
