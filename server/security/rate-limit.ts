/**
 * The HTTP rate limit per client address (lib/protocol/limits.ts, HTTP_RATE_*), for the routes
 * that decode or store whole boards. Two buckets per address: requests, and bytes. The bytes a
 * request cost (the board it answered with, the file it stored) are known only once it has been
 * served, so they are charged after the fact and the next request waits until that debt is paid:
 * a test suite or a person working with small boards never meets the limit, while a script
 * looping on a large board is slowed to the byte rate, which is what its decoding costs.
 *
 * Memory is bounded: an address idle long enough for both buckets to be full again is forgotten
 * (a fresh entry is the same), and past `maxClients` addresses the least recently seen go first.
 */
import { TokenBucket } from './send-budget';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  bytesPerSecond: number;
  byteBurst: number;
  maxClients: number;
  now?: () => number;
}

interface Entry {
  requests: TokenBucket;
  bytes: TokenBucket;
  seenAt: number;
}

export class RateLimiter {
  /** In order of last use: the front is the least recently seen. */
  private readonly clients = new Map<string, Entry>();
  private readonly now: () => number;
  /** After this long unused, an address's buckets are full again, even from the deepest debt. */
  private readonly refillMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? (() => performance.now());
    this.refillMs = Math.max(options.burst / options.perSecond, (2 * options.byteBurst) / options.bytesPerSecond) * 1000;
  }

  /** Number of addresses tracked now. */
  get size(): number {
    return this.clients.size;
  }

  /** Spends one request of `client`: null if allowed, else the seconds to wait (Retry-After). */
  take(client: string): number | null {
    const entry = this.entry(client);
    // A byte debt is paid back first; then one request token.
    const wait = Math.max(entry.bytes.secondsUntil(1), entry.requests.secondsUntil(1));
    if (wait > 0) return Math.max(1, Math.ceil(wait));
    entry.requests.take(1);
    return null;
  }

  /** Charges the bytes a request of `client` turned out to cost. */
  charge(client: string, bytes: number): void {
    this.entry(client).bytes.charge(bytes);
  }

  private entry(client: string): Entry {
    const now = this.now();
    let entry = this.clients.get(client);
    if (entry) this.clients.delete(client);
    else {
      this.forgetIdle(now);
      const { perSecond, burst, bytesPerSecond, byteBurst } = this.options;
      entry = { requests: new TokenBucket(perSecond, burst, this.now), bytes: new TokenBucket(bytesPerSecond, byteBurst, this.now), seenAt: now };
    }
    entry.seenAt = now;
    this.clients.set(client, entry);
    return entry;
  }

  private forgetIdle(now: number): void {
    for (const [client, entry] of this.clients) {
      if (this.clients.size < this.options.maxClients && now - entry.seenAt < this.refillMs) return;
      this.clients.delete(client);
    }
  }
}
