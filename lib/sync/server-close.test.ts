import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RECONNECT_DELAY_MAX_MS, RECONNECT_DELAY_MS } from '../protocol';
import { isFinalRefusal, ServerCloseRetry } from './server-close';

describe('after the server closed the connection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("gives up only on refusals of the client's own data", () => {
    expect(['bad-frame', 'too-large', 'invalid-update', 'board-deleted', 'bad-board-id'].every((code) => isFinalRefusal(code as never))).toBe(true);
    expect(['storage-failed', 'server-error', 'rate-limited'].some((code) => isFinalRefusal(code as never))).toBe(false);
    expect(isFinalRefusal(undefined)).toBe(false);
  });

  it('reconnects with a backoff that doubles up to the maximum, and starts again after a sync', () => {
    const retry = new ServerCloseRetry(() => 0.5); // no jitter
    const reconnect = vi.fn();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      retry.schedule(reconnect);
      const start = Date.now();
      vi.advanceTimersToNextTimer();
      delays.push(Date.now() - start);
    }
    expect(reconnect).toHaveBeenCalledTimes(6);
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000].map((ms) => Math.min(ms, RECONNECT_DELAY_MAX_MS)));
    retry.reset();
    retry.schedule(reconnect);
    const start = Date.now();
    vi.advanceTimersToNextTimer();
    expect(Date.now() - start).toBe(RECONNECT_DELAY_MS);
  });

  it('reconnects within the first delay when the server shuts down, and the backoff does not grow', () => {
    const retry = new ServerCloseRetry(() => 0.99);
    const reconnect = vi.fn();
    expect(isFinalRefusal('server-draining')).toBe(false);
    for (let i = 0; i < 3; i++) {
      retry.schedule(reconnect, 'server-draining');
      const start = Date.now();
      vi.advanceTimersToNextTimer();
      expect(Date.now() - start).toBeLessThan(RECONNECT_DELAY_MS);
    }
    expect(reconnect).toHaveBeenCalledTimes(3);
    retry.schedule(reconnect);
    const start = Date.now();
    vi.advanceTimersToNextTimer();
    expect(Date.now() - start).toBeGreaterThanOrEqual(RECONNECT_DELAY_MS);
  });

  it('does not reconnect once cancelled', () => {
    const retry = new ServerCloseRetry();
    const reconnect = vi.fn();
    retry.schedule(reconnect);
    retry.cancel();
    vi.advanceTimersByTime(RECONNECT_DELAY_MAX_MS * 2);
    expect(reconnect).not.toHaveBeenCalled();
  });
});
