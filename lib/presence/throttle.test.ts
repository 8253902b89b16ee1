import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then at most once per interval, ending with the latest call', () => {
    const run = vi.fn();
    const throttled = throttle(run, 33);
    throttled();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) throttled();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(33);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never exceeds the rate under a steady stream of calls', () => {
    const run = vi.fn();
    const throttled = throttle(run, 34);
    for (let t = 0; t < 1000; t += 4) {
      throttled();
      vi.advanceTimersByTime(4);
    }
    expect(run.mock.calls.length).toBeLessThanOrEqual(30);
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(28);
  });

  it('flushes a pending call now, and cancels', () => {
    const run = vi.fn();
    const throttled = throttle(run, 33);
    throttled();
    throttled();
    throttled.flush();
    expect(run).toHaveBeenCalledTimes(2);
    throttled();
    throttled.cancel();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('reads an interval given as a function at each call, so the rate can follow the load', () => {
    const run = vi.fn();
    let interval = 10;
    const throttled = throttle(run, () => interval);
    for (let t = 0; t < 100; t += 1) {
      throttled();
      vi.advanceTimersByTime(1);
    }
    const fast = run.mock.calls.length;
    interval = 50;
    for (let t = 0; t < 100; t += 1) {
      throttled();
      vi.advanceTimersByTime(1);
    }
    expect(fast).toBeGreaterThanOrEqual(9);
    expect(run.mock.calls.length - fast).toBeLessThanOrEqual(3);
  });
});
