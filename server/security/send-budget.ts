/**
 * How much one connection may send (lib/protocol/limits.ts): two token buckets, one counting
 * messages and one bytes, each refilled continuously up to its burst.
 */
import { BYTE_BURST, MAX_BYTES_PER_SECOND, MAX_MESSAGES_PER_SECOND, MESSAGE_BURST } from '../../lib/protocol';

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Spends `amount` tokens if there are that many. */
  take(amount: number): boolean {
    this.refill();
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }

  /**
   * Spends `amount` after the fact, into debt if need be (down to one burst below zero): for costs
   * known only once the work is done. Until the debt is paid back, `take` refuses.
   */
  charge(amount: number): void {
    this.refill();
    this.tokens = Math.max(-this.burst, this.tokens - amount);
  }

  /** Seconds until the bucket holds `amount` tokens again (0 if it does now). */
  secondsUntil(amount: number): number {
    this.refill();
    return Math.max(0, (amount - this.tokens) / this.perSecond);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

export class SendBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;

  constructor(now: () => number = () => performance.now()) {
    this.messages = new TokenBucket(MAX_MESSAGES_PER_SECOND, MESSAGE_BURST, now);
    this.bytes = new TokenBucket(MAX_BYTES_PER_SECOND, BYTE_BURST, now);
  }

  /**
   * Counts bytes sent to the connection at its request (the answer to a step 1, to a query for
   * everyone's presence) against the same byte budget, after the fact: until the debt is paid
   * back, the connection's next message is over the budget.
   */
  chargeAnswer(size: number): void {
    this.bytes.charge(size);
  }

  /** Why the connection may not be sent another answer now (its byte budget is spent), or null. */
  overdrawn(): string | null {
    return this.bytes.secondsUntil(0) > 0 ? `more than ${MAX_BYTES_PER_SECOND / (1024 * 1024)} MB a second (sent, or asked for)` : null;
  }

  /** Counts one message of `size` bytes; null if it fits the budget, else why it does not. */
  spend(size: number): string | null {
    if (!this.messages.take(1)) return `more than ${MAX_MESSAGES_PER_SECOND} messages a second`;
    if (!this.bytes.take(size)) return `more than ${MAX_BYTES_PER_SECOND / (1024 * 1024)} MB a second (sent, or asked for)`;
    return null;
  }
}
