import { describe, expect, it } from 'vitest';
import { BYTE_BURST, MAX_BYTES_PER_SECOND, MAX_MESSAGES_PER_SECOND, MESSAGE_BURST } from '../../lib/protocol';
import { SendBudget, TokenBucket } from './send-budget';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now += 100; // one token back
    expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    now += 10_000; // refilled, never beyond the burst
    for (let i = 0; i < 5; i++) expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });
});

describe('SendBudget', () => {
  it('refuses a flood of messages with the reason, and recovers at the sustained rate', () => {
    let now = 0;
    const budget = new SendBudget(() => now);
    for (let i = 0; i < MESSAGE_BURST; i++) expect(budget.spend(20)).toBeNull();
    expect(budget.spend(20)).toBe(`more than ${MAX_MESSAGES_PER_SECOND} messages a second`);
    now += 1000;
    for (let i = 0; i < MAX_MESSAGES_PER_SECOND; i++) expect(budget.spend(20)).toBeNull();
    expect(budget.spend(20)).not.toBeNull();
  });

  it('counts bytes: two whole boards at once pass, a third does not', () => {
    let now = 0;
    const budget = new SendBudget(() => now);
    expect(budget.spend(BYTE_BURST / 2)).toBeNull();
    expect(budget.spend(BYTE_BURST / 2)).toBeNull();
    expect(budget.spend(BYTE_BURST / 2)).toMatch(/MB a second/);
    now += ((BYTE_BURST / 2) / MAX_BYTES_PER_SECOND) * 1000;
    expect(budget.spend(BYTE_BURST / 2)).toBeNull();
  });
});
